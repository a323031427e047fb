import {
  DataTexture, Data3DTexture, FloatType, GLSL3, LinearFilter, Matrix3, Matrix4, Mesh, NearestFilter, OrthographicCamera, PlaneGeometry,
  RawShaderMaterial, RedFormat, RGBAFormat, Scene, UnsignedByteType, Vector2, Vector3, Vector4, type Camera, type Texture, type WebGLRenderer,
} from 'three';
import { mat4Invert, sampleTransferFunction, transferFunctionRange, type Mat4, type TransferFunction, type TransferTable } from '@voxa/core';
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
  /** A second volume (PET on CT) mixed into the same rays through its own transfer function (composite mode). */
  fusion?: { volume: GpuVolume; transferFunction: TransferFunction };
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
 * filtered float texture and brick ranges (FilteredVolume), and per transfer function the
 * lookup table and the occupancy grid, rebuilt only when what they depend on changes.
 */
export class VolumeRaycaster {
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly quad = new Mesh(new PlaneGeometry(2, 2));
  private readonly materials = new Map<number, RawShaderMaterial>();
  private readonly filteredVolumes = new WeakMap<GpuVolume, FilteredVolume>();
  private readonly tables: ({ key: string; table: TransferTable; texture: DataTexture } | undefined)[] = [];
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
    const fusion = s.mode === 'composite' ? d.fusion : undefined;
    const m = this.material(layers, !!fusion);
    const u = m.uniforms;
    const { table, filtered } = this.bindVolume(u, d, camera, viewportPx, surfaces);
    if (fusion) {
      const f2 = this.filtered(fusion.volume);
      const t2 = this.tableFor(fusion.transferFunction, 1);
      u.uVol2.value = f2.texture;
      (u.uCodeToTf2.value as Vector2).set(...codeToTable(f2, t2.table));
      u.uTf2.value = t2.texture;
      // primary texture coordinate → world → the second volume's texture coordinate
      (u.uTexToTex2.value as Matrix4).fromArray(mat4Invert(normalisedTexToWorld(fusion.volume))).multiply(new Matrix4().fromArray(normalisedTexToWorld(filtered.source)));
    }
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
    const t = this.tableFor(s.transferFunction, 0);
    u.uVol.value = f.texture;
    (u.uTexDims.value as Vector3).set(...f.dimensions);
    (u.uCodeToValue.value as Vector2).set(1 / f.scale, f.offset);
    (u.uCodeToTf.value as Vector2).set(...codeToTable(f, t.table));
    u.uTf.value = t.texture;
    u.uOcc.value = this.occupancyFor(f, s, t, !!d.fusion && s.mode === 'composite');
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

  private material(labelLayers: number, fusion: boolean): RawShaderMaterial {
    const key = labelLayers * 2 + (fusion ? 1 : 0);
    let m = this.materials.get(key);
    if (m) return m;
    const uniforms: Record<string, { value: unknown }> = {
      ...volumeUniforms(), uSurfaceColor: { value: null }, uStepMm: { value: 1 }, uUnitMm: { value: 1 },
      uMode: { value: 0 }, uShade: { value: false }, uShading: { value: new Vector4() }, uAo: { value: false }, uGradRef: { value: 1 },
      uWindow: { value: new Vector2() }, uJitter: { value: true }, uFrame: { value: 0 }, uOutputValues: { value: false },
      uLabelOpacity: { value: 0 }, uTexToLabel: { value: new Matrix4() }, uLabelDims: { value: new Vector3() }, uLabelColors: { value: null },
    };
    for (let n = 0; n < labelLayers; n++) uniforms[`uLabel${n}`] = { value: null };
    if (fusion) Object.assign(uniforms, { uVol2: { value: null }, uTexToTex2: { value: new Matrix4() }, uCodeToTf2: { value: new Vector2() }, uTf2: { value: null } });
    m = new RawShaderMaterial({
      glslVersion: GLSL3, vertexShader: RAYCAST_VERTEX, fragmentShader: raycastFragmentShader(labelLayers, fusion), uniforms,
      depthTest: false, depthWrite: false,
    });
    this.materials.set(key, m);
    return m;
  }

  /** A transfer function as a float RGBA lookup texture over the span of its points (slot 0: the volume's, 1: the fused one's). */
  private tableFor(tf: TransferFunction, slot: 0 | 1): { key: string; table: TransferTable; texture: DataTexture } {
    const key = JSON.stringify(tf);
    const cached = this.tables[slot];
    if (cached?.key === key) return cached;
    cached?.texture.dispose();
    const span = transferFunctionRange(tf);
    const low = span.low, high = span.high > span.low ? span.high : span.low + 1;
    const table = sampleTransferFunction(tf, low, high, TABLE_SIZE);
    const texture = new DataTexture(table.rgba, TABLE_SIZE, 1, RGBAFormat, FloatType);
    texture.minFilter = texture.magFilter = LinearFilter;
    texture.needsUpdate = true;
    return (this.tables[slot] = { key, table, texture });
  }

  private occupancyFor(f: FilteredVolume, s: VolumeRenderSettings, t: { key: string; table: TransferTable }, fused: boolean): Data3DTexture {
    const composite = s.mode === 'composite';
    const table = t.table;
    // Segments or a fused volume can show where the transfer function shows nothing: sample every loaded brick then.
    const everything = !composite || s.labelOpacity > 0 || fused;
    const key = `${f.source.id}.${f.builtVersion}|${everything ? 'all' : t.key}`;
    if (this.occupancy?.key === key) return this.occupancy.texture;
    this.occupancy?.texture.dispose();
    const codeOf = (v: number) => (v - f.offset) * f.scale;
    const toTable = (code: number) => ((code / f.scale + f.offset - table.low) * (table.size - 1)) / (table.high - table.low);
    const grid = occupancyGrid(f.brickMinMax, table, codeOf, toTable, !everything);
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
    for (const t of this.tables) t?.texture.dispose();
    this.occupancy?.texture.dispose();
    this.quad.geometry.dispose();
  }
}

/** code → table texture coordinate (x, y) for a filtered volume and a transfer table (texel centres at the ends). */
function codeToTable(f: FilteredVolume, t: TransferTable): [number, number] {
  const { low, high, size } = t;
  return [(size - 1) / ((high - low) * f.scale * size), (0.5 + ((f.offset - low) * (size - 1)) / (high - low)) / size];
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
