import { VoxaError } from '../../errors/VoxaError.ts';
import { checkMesh, type Mesh } from '../Mesh.ts';

/** An RGB colour, 0–255 per channel (sRGB, as segments' display colours are). */
export type Rgb255 = [number, number, number];

/** One named, coloured surface to export: what the multi-object writers take. */
export interface MeshSegment {
  /** Shown as the object's name (segment label). */
  name: string;
  /** In patient LPS mm. */
  mesh: Mesh;
  color: Rgb255;
  /** 0–1 (default 1). */
  opacity?: number;
}

/** Throws unless every segment has a name, a checked mesh, a 0–255 colour and an opacity in 0–1. */
export function checkMeshSegments(segments: readonly MeshSegment[], where: string, options: { nonEmpty?: boolean } = {}): void {
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, 'no segments given: expected at least one { name, mesh, color }');
  }
  segments.forEach((s, n) => {
    if (typeof s?.name !== 'string') throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where, segment: n }, 'a segment needs a name (string)');
    checkMesh(s.mesh, `${where} (segment ${s.name})`);
    if (options.nonEmpty && s.mesh.indices.length === 0) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where, segment: s.name }, 'the mesh has no triangles; this format cannot hold an empty object (leave the segment out)');
    }
    checkRgb255(s.color, where, s.name);
    const opacity = s.opacity ?? 1;
    if (!(opacity >= 0 && opacity <= 1)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where, segment: s.name, opacity }, 'opacity must be in 0…1');
  });
}

/** Throws unless the colour is three integers 0–255. */
export function checkRgb255(color: Rgb255, where: string, name = ''): void {
  if (!Array.isArray(color) || color.length !== 3 || !color.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where, segment: name }, `colour ${JSON.stringify(color)} must be three integers 0–255 (r, g, b)`);
  }
}
