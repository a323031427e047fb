import {
  DataTexture, Data3DTexture, FloatType, GLSL3, LinearFilter, Matrix3, Matrix4, Mesh, NearestFilter, OrthographicCamera, PlaneGeometry,
  RawShaderMaterial, RedFormat, RGBAFormat, Scene, UnsignedByteType, Vector2, Vector3, Vector4, type Camera, type Texture, type WebGLRenderer,
} from 'three';
import { mat4Invert, sampleTransferFunction, transferFunctionRange, type Mat4, type TransferTable } from '@voxa/core';
import type { GpuLabelMap } from '../segmentation/GpuLabelMap.ts';
import type { GpuVolume } from '../volume/GpuVolume.ts';
import { FilteredVolume } from './FilteredVolume.ts';
import { occupancyGrid } from './occupancyGrid.ts';
import { RAYCAST_VERTEX, raycastFragmentShader } from './raycastShader.ts';
import { MAX_CLIP_PLANES, type VolumeRenderSettings } from './VolumeRenderSettings.ts';

/** What a 3D view draws of a volume. */
export interface VolumeDraw {
  volume: GpuVolume;
  settings: VolumeRenderSettings;
  /** Segments drawn inside the volume (settings.labelOpacity > 0). */
  labels?: GpuLabelMap;
}

/** Opaque surfaces already drawn for the same camera: rays stop at their depth and show their colour. */
export interface SurfaceLayer {
  color: Texture;
  depth: Texture;
}

/** Entries of the transfer table texture. */
const TABLE_SIZE = 2048;

/**
 * Ray casting of GpuVolumes in a 3D view (the settings say how). Per volume it keeps the
 * filtered 16-bit texture and brick ranges (FilteredVolume), and per transfer function the
 * lookup table and the occupancy grid, rebuilt only when what they depend on changes.
 */
export class VolumeRaycaster {
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly quad = new Mesh(new PlaneGeometry(2, 2));
  private readonly materials = new Map<number, RawShaderMaterial>();
  private readonly filteredVolumes = new WeakMap<GpuVolume, FilteredVolume>();
  private table?: { key: string; table: TransferTable; texture: DataTexture };
  private occupancy?: { key: string; texture: Data3DTexture };
  private frame = 0;

  constructor(private readonly renderer: WebGLRenderer) {
    this.quad.frustumCulled = false;
    this.scene.add(this.quad);
    renderer.getContext().getExtension('OES_texture_float_linear');
  }

  /** The ray-casting form of a volume, brought up to date with it. */
  filtered(volume: GpuVolume): FilteredVolume {
    let f = this.filteredVolumes.get(volume);
    if (!f) this.filteredVolumes.set(volume, (f = new FilteredVolume(this.renderer, volume)));
    f.update();
    return f;
  }

  /**
   * Draw a volume rendering into the current render target's viewport `viewportPx` (x, y, w, h in
   * framebuffer pixels), seen by `camera` (a three.js camera in LPS mm).
   */
  render(d: VolumeDraw, camera: Camera, viewportPx: [number, number, number, number], surfaces?: SurfaceLayer, outputValues = false): void {
    const s = d.settings;
    const layers = s.labelOpacity > 0 && d.labels ? d.labels.layerCount : 0;
    const m = this.material(layers);
    const u = m.uniforms;
    const { table, filtered } = this.bindVolume(u, d, camera, viewportPx, surfaces);
    u.uSurfaceColor.value = surfaces?.color ?? null;
    const spacing = minSpacing(d.volume);
    u.uStepMm.value = spacing * s.sampleRate * (s.quality === 'interactive' ? 2 : 1);
    u.uUnitMm.value = s.transferFunction.unitDistanceMm;
    u.uMode.value = { composite: 0, mip: 1, minip: 2, average: 3 }[s.mode];
    u.uShade.value = !!s.shading;
    if (s.shading) (u.uShading.value as Vector4).set(s.shading.ambient, s.shading.diffuse, s.shading.specular, s.shading.shininess);
    u.uAo.value = !!s.ambientOcclusion;
    u.uGradRef.value = (table.high - table.low) / 40;
    (u.uWindow.value as Vector2).set(s.window.center - s.window.width / 2, s.window.center + s.window.width / 2);
    u.uJitter.value = !outputValues;
    u.uFrame.value = this.frame++ & 0xffff;
    u.uOutputValues.value = outputValues;
    u.uLabelOpacity.value = layers ? s.labelOpacity : 0;
    if (layers && d.labels) {
      d.labels.textures.forEach((t, n) => { u[`uLabel${n}`].value = t; });
      u.uLabelColors.value = d.labels.colors;
      (u.uLabelDims.value as Vector3).set(...d.labels.dimensions);
      const texToLabel = new Matrix4().fromArray(d.labels.worldToIndex).multiply(new Matrix4().fromArray(normalisedTexToWorld(filtered.source)));
      (u.uTexToLabel.value as Matrix4).copy(texToLabel);
    }
    this.quad.material = m;
    this.renderer.render(this.scene, this.camera);
  }

  /**
   * Set the uniforms of volumeSamplingGlsl (shared with the path tracer) for a draw: answers the
   * transfer table and the filtered volume they were set from.
   */
  bindVolume(
    u: Record<string, { value: unknown }>, d: VolumeDraw, camera: Camera, viewportPx: [number, number, number, number], surfaces?: SurfaceLayer,
  ): { table: TransferTable; filtered: FilteredVolume } {
    const f = this.filtered(d.volume);
    const s = d.settings;
    const t = this.tableFor(s);
    const { low, high, size } = t.table;
    u.uVol.value = f.texture;
    (u.uTexDims.value as Vector3).set(...f.dimensions);
    (u.uCodeToValue.value as Vector2).set(1 / f.scale, f.offset);
    (u.uCodeToTf.value as Vector2).set((size - 1) / ((high - low) * f.scale * size), (0.5 + ((f.offset - low) * (size - 1)) / (high - low)) / size);
    u.uTf.value = t.texture;
    u.uOcc.value = this.occupancyFor(f, s, t.table);
    (u.uBricks.value as Vector3).set(...f.brickDimensions);
    (u.uInvViewProj.value as Matrix4).multiplyMatrices(camera.matrixWorld, camera.projectionMatrixInverse);
    (u.uWorldToTex.value as Matrix4).fromArray(mat4Invert(normalisedTexToWorld(d.volume)));
    (u.uGradToWorld.value as Matrix3).copy(gradToWorld(d.volume));
    (u.uCropLo.value as Vector3).set(...s.crop.lo);
    (u.uCropHi.value as Vector3).set(...s.crop.hi);
    const planes = s.clipPlanes.slice(0, MAX_CLIP_PLANES);
    (u.uClip.value as Vector4[]).forEach((v, i) => {
      const p = planes[i];
      if (!p) return v.set(0, 0, 0, 0);
      const len = Math.hypot(...p.normal) || 1;
      const n = p.normal.map((c) => c / len);
      v.set(n[0], n[1], n[2], n[0] * p.point[0] + n[1] * p.point[1] + n[2] * p.point[2]);
    });
    u.uClipCount.value = planes.length;
    (u.uViewport.value as Vector4).set(...viewportPx);
    u.uHasSurfaces.value = !!surfaces;
    u.uDepth.value = surfaces?.depth ?? null;
    return { table: t.table, filtered: f };
  }

  private material(labelLayers: number): RawShaderMaterial {
    let m = this.materials.get(labelLayers);
    if (m) return m;
    const uniforms: Record<string, { value: unknown }> = {
      ...volumeUniforms(), uSurfaceColor: { value: null }, uStepMm: { value: 1 }, uUnitMm: { value: 1 },
      uMode: { value: 0 }, uShade: { value: false }, uShading: { value: new Vector4() }, uAo: { value: false }, uGradRef: { value: 1 },
      uWindow: { value: new Vector2() }, uJitter: { value: true }, uFrame: { value: 0 }, uOutputValues: { value: false },
      uLabelOpacity: { value: 0 }, uTexToLabel: { value: new Matrix4() }, uLabelDims: { value: new Vector3() }, uLabelColors: { value: null },
    };
    for (let n = 0; n < labelLayers; n++) uniforms[`uLabel${n}`] = { value: null };
    m = new RawShaderMaterial({
      glslVersion: GLSL3, vertexShader: RAYCAST_VERTEX, fragmentShader: raycastFragmentShader(labelLayers), uniforms,
      depthTest: false, depthWrite: false,
    });
    this.materials.set(labelLayers, m);
    return m;
  }

  /** The transfer function as a float RGBA lookup texture over the span of its points. */
  private tableFor(s: VolumeRenderSettings): { key: string; table: TransferTable; texture: DataTexture } {
    const key = JSON.stringify(s.transferFunction);
    if (this.table?.key === key) return this.table;
    this.table?.texture.dispose();
    const span = transferFunctionRange(s.transferFunction);
    const low = span.low, high = span.high > span.low ? span.high : span.low + 1;
    const table = sampleTransferFunction(s.transferFunction, low, high, TABLE_SIZE);
    const texture = new DataTexture(table.rgba, TABLE_SIZE, 1, RGBAFormat, FloatType);
    texture.minFilter = texture.magFilter = LinearFilter;
    texture.needsUpdate = true;
    this.table = { key, table, texture };
    return this.table;
  }

  private occupancyFor(f: FilteredVolume, s: VolumeRenderSettings, table: TransferTable): Data3DTexture {
    const composite = s.mode === 'composite';
    const key = `${f.source.id}.${f.builtVersion}|${composite ? this.table!.key : 'all'}|${s.labelOpacity > 0}`;
    if (this.occupancy?.key === key) return this.occupancy.texture;
    this.occupancy?.texture.dispose();
    const codeOf = (v: number) => (v - f.offset) * f.scale;
    const toTable = (code: number) => ((code / f.scale + f.offset - table.low) * (table.size - 1)) / (table.high - table.low);
    // Segments inside the volume can lie where the transfer function shows nothing: sample every loaded brick then.
    const grid = occupancyGrid(f.brickMinMax, table, codeOf, toTable, composite && !(s.labelOpacity > 0));
    const [bx, by, bz] = f.brickDimensions;
    const texture = new Data3DTexture(grid, bx, by, bz);
    texture.format = RedFormat;
    texture.type = UnsignedByteType;
    texture.minFilter = texture.magFilter = NearestFilter;
    texture.unpackAlignment = 1;
    texture.needsUpdate = true;
    this.occupancy = { key, texture };
    return texture;
  }

  dispose(): void {
    for (const m of this.materials.values()) m.dispose();
    this.table?.texture.dispose();
    this.occupancy?.texture.dispose();
    this.quad.geometry.dispose();
  }
}

/** Fresh uniforms for volumeSamplingGlsl. */
export function volumeUniforms(): Record<string, { value: unknown }> {
  return {
    uVol: { value: null }, uTexDims: { value: new Vector3() }, uCodeToValue: { value: new Vector2() }, uCodeToTf: { value: new Vector2() },
    uTf: { value: null }, uOcc: { value: null }, uBricks: { value: new Vector3() }, uInvViewProj: { value: new Matrix4() },
    uWorldToTex: { value: new Matrix4() }, uGradToWorld: { value: new Matrix3() }, uCropLo: { value: new Vector3() }, uCropHi: { value: new Vector3(1, 1, 1) },
    uClip: { value: Array.from({ length: MAX_CLIP_PLANES }, () => new Vector4()) }, uClipCount: { value: 0 }, uViewport: { value: new Vector4() },
    uDepth: { value: null }, uHasSurfaces: { value: false },
  };
}

/** The smallest voxel spacing of a volume's texture (mm): the unit of ray steps. */
export function minSpacing(v: GpuVolume): number {
  return Math.min(...[0, 1, 2].map((a) => columnLength(v.textureToWorld, a)));
}

/** Normalised texture coordinate (0–1 over the texture) → LPS mm. */
export function normalisedTexToWorld(v: GpuVolume): Mat4 {
  const [nx, ny, nz] = v.textureDimensions;
  // texel i's centre is at (i + 0.5) / n: index = tex · n − 0.5
  const m = new Matrix4().fromArray(v.textureToWorld).multiply(new Matrix4().set(nx, 0, 0, -0.5, 0, ny, 0, -0.5, 0, 0, nz, -0.5, 0, 0, 0, 1));
  return Float64Array.from(m.elements);
}

/** Gradient per texel (differences one texel apart) → per mm in world axes: the inverse transpose of texel → world. */
function gradToWorld(v: GpuVolume): Matrix3 {
  return new Matrix3().setFromMatrix4(new Matrix4().fromArray(v.textureToWorld)).invert().transpose();
}

function columnLength(m: Mat4, a: number): number {
  return Math.hypot(m[a * 4], m[a * 4 + 1], m[a * 4 + 2]);
}
