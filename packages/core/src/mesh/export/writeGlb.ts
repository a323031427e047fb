import { Document, WebIO } from '@gltf-transform/core';
import { computeNormals } from '../computeNormals.ts';
import { lpsToExportFrame } from './exportFrame.ts';
import { checkMeshSegments, type MeshSegment, type Rgb255 } from './MeshSegment.ts';

/** Written as the glTF asset's generator. */
export const GLB_GENERATOR = 'Voxa';

/** Options of `writeGlb`. */
export interface WriteGlbOptions {
  /** The scene's name (default 'Segmentation'). */
  sceneName?: string;
}

/**
 * Segments as one binary glTF 2.0 (GLB): a scene with one named node per segment, each with its
 * own named mesh (POSITION, NORMAL, uint32 indices) and PBR material: `baseColorFactor` is the
 * segment colour converted from sRGB to linear as glTF requires (§3.9.2), alpha the opacity,
 * `alphaMode` BLEND below opacity 1 (OPAQUE otherwise), metallic 0, roughness 0.5, single-sided
 * (the surfaces are closed). Positions are in the glTF frame, metres — (x, y, z)_gltf =
 * 0.001 · (x_lps, z_lps, −y_lps), see `exportFrame.ts` — so the patient stands upright facing +Z.
 * Normals are the meshes' own, or computed (`computeNormals`) when absent. Runs in browsers too
 * (gltf-transform's WebIO writes without touching the network). Rejects empty meshes, which glTF
 * cannot hold (accessors have at least one element).
 */
export async function writeGlb(segments: readonly MeshSegment[], options: WriteGlbOptions = {}): Promise<Uint8Array> {
  checkMeshSegments(segments, 'writeGlb', { nonEmpty: true });
  const doc = new Document();
  doc.getRoot().getAsset().generator = GLB_GENERATOR;
  const buffer = doc.createBuffer();
  const scene = doc.createScene(options.sceneName ?? 'Segmentation');
  doc.getRoot().setDefaultScene(scene);
  for (const s of segments) {
    const normalsLps = s.mesh.normals ?? computeNormals(s.mesh).normals!;
    const position = doc.createAccessor(`${s.name} positions`).setType('VEC3').setBuffer(buffer)
      .setArray(lpsToExportFrame(s.mesh.positions, 'gltf-m'));
    const normal = doc.createAccessor(`${s.name} normals`).setType('VEC3').setBuffer(buffer)
      .setArray(lpsToExportFrame(normalsLps, 'gltf-m', 'direction'));
    const indices = doc.createAccessor(`${s.name} indices`).setType('SCALAR').setBuffer(buffer)
      .setArray(s.mesh.indices);
    const opacity = s.opacity ?? 1;
    const material = doc.createMaterial(s.name)
      .setBaseColorFactor([...srgbToLinear(s.color), opacity])
      .setAlphaMode(opacity < 1 ? 'BLEND' : 'OPAQUE')
      .setMetallicFactor(0)
      .setRoughnessFactor(0.5)
      .setDoubleSided(false);
    const primitive = doc.createPrimitive()
      .setAttribute('POSITION', position)
      .setAttribute('NORMAL', normal)
      .setIndices(indices)
      .setMaterial(material);
    const mesh = doc.createMesh(s.name).addPrimitive(primitive);
    scene.addChild(doc.createNode(s.name).setMesh(mesh));
  }
  return new WebIO().writeBinary(doc);
}

/** An sRGB 0–255 colour as linear 0–1 components (IEC 61966-2-1 transfer function). */
export function srgbToLinear(color: Rgb255): [number, number, number] {
  return color.map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
}
