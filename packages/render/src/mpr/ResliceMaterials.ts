import { DataTexture, FloatType, GLSL3, Matrix4, RawShaderMaterial, RGBAFormat, Vector2, Vector3, Vector4, type Texture } from 'three';
import type { TextureFormat } from '../volume/textureFormat.ts';
import { RESLICE_VERTEX, resliceFragment } from './resliceShader.ts';

/** One shader per (volume format, fusion format, label layer count): the sampler types differ. */
export class ResliceMaterials {
  private readonly materials = new Map<string, RawShaderMaterial>();
  /** Bound where a view has no path or fusion, so every sampler has a texture. */
  private readonly emptyPath = new DataTexture(new Float32Array(8), 1, 2, RGBAFormat, FloatType);

  constructor() {
    this.emptyPath.needsUpdate = true;
  }

  get(format: TextureFormat, fusion?: TextureFormat, labelLayers = 0): RawShaderMaterial {
    const key = `${format.sampler}|${fusion?.sampler ?? ''}|${labelLayers}`;
    let m = this.materials.get(key);
    if (!m) {
      m = new RawShaderMaterial({
        glslVersion: GLSL3,
        vertexShader: RESLICE_VERTEX,
        fragmentShader: resliceFragment(format, fusion, labelLayers),
        uniforms: uniforms(this.emptyPath, labelLayers),
        depthTest: false,
        depthWrite: false,
      });
      this.materials.set(key, m);
    }
    return m;
  }

  dispose(): void {
    for (const m of this.materials.values()) m.dispose();
    this.emptyPath.dispose();
  }
}

function uniforms(emptyPath: Texture, labelLayers: number): Record<string, { value: unknown }> {
  const u = (value: unknown) => ({ value });
  const labels: Record<string, { value: unknown }> = {};
  for (let n = 0; n < labelLayers; n++) labels[`uLabel${n}`] = u(null);
  return {
    ...labels,
    uLabelWorldToIndex: u(new Matrix4()), uLabelDims: u(new Vector3()), uLabelColors: u(null), uLabelFill: u(0.5), uLabelOutline: u(true),
    uVolume: u(null), uVolumeWorldToTex: u(new Matrix4()), uVolumeDims: u(new Vector3()), uVolumeLoaded: u(null),
    uFusion: u(null), uFusionWorldToTex: u(new Matrix4()), uFusionDims: u(new Vector3()), uFusionLoaded: u(null),
    uViewport: u(new Vector4()), uOrigin: u(new Vector3()), uRow: u(new Vector3()), uColumn: u(new Vector3()),
    uNormal: u(new Vector3()), uSpacing: u(new Vector2()),
    uSlabSamples: u(1), uSlabFirst: u(0), uSlabDelta: u(0), uSlabMode: u(0),
    uCurved: u(false), uPath: u(emptyPath), uPathSamples: u(1), uCurvedOffset: u(new Vector2()), uCurvedScale: u(1),
    uOutputValues: u(false), uWindow: u(new Vector2(0, 1)), uInvert: u(false), uLut: u(null),
    uFusionWindow: u(new Vector2(0, 1)), uFusionLut: u(null), uFusionOpacity: u(0), uFusionMode: u(0), uFusionTileMm: u(20),
  };
}
