import { Data3DTexture, DataTexture, RGBAFormat, UnsignedByteType, type WebGLRenderer } from 'three';
import { mat4Invert, type Dims3, type Mat4 } from '@voxa/core';

/** Most label layers a view overlays at once (one usampler3D each). */
export const MAX_LABEL_LAYERS = 4;

/** The colour of one label value of one layer: RGB 0–255 and opacity 0–1 (0 hides it). */
export interface LabelColor {
  layer: number;
  value: number;
  rgb: [number, number, number];
  opacity: number;
}

/** One layer's texture: allocated with texStorage3D and handed to three.js, as GpuVolume does. */
interface LayerTexture {
  texture: Data3DTexture;
  glTexture: WebGLTexture;
}

let labelMapCount = 0;

/**
 * A segmentation's label layers on the GPU, one R8UI 3D texture each at the full grid (labels are
 * never decimated or interpolated: views take the nearest voxel), plus a 256 × MAX_LABEL_LAYERS
 * colour table. Edits upload only the box they touched, straight from the layer array (unpack
 * skip/row-length parameters, no staging copy).
 *
 * @example
 * const labels = new GpuLabelMap(renderer, { dimensions, indexToWorld });
 * labels.setLayerCount(1); labels.upload(0, seg.layers[0]);
 * labels.setColors([{ layer: 0, value: 1, rgb: [221, 130, 101], opacity: 1 }]);
 */
export class GpuLabelMap {
  readonly dimensions: Dims3;
  readonly indexToWorld: Mat4;
  readonly worldToIndex: Mat4;
  readonly colors: DataTexture;
  readonly id = ++labelMapCount;
  /** Changes whenever what the layers or colours show does. */
  version = 0;
  private readonly layers: LayerTexture[] = [];
  private readonly colorBytes = new Uint8Array(256 * MAX_LABEL_LAYERS * 4);
  private readonly gl: WebGL2RenderingContext;

  constructor(private readonly renderer: WebGLRenderer, grid: { dimensions: Dims3; indexToWorld: Mat4 }) {
    this.dimensions = [...grid.dimensions] as Dims3;
    this.indexToWorld = grid.indexToWorld.slice();
    this.worldToIndex = mat4Invert(grid.indexToWorld);
    this.gl = renderer.getContext() as WebGL2RenderingContext;
    this.colors = new DataTexture(this.colorBytes, 256, MAX_LABEL_LAYERS, RGBAFormat, UnsignedByteType);
    this.colors.needsUpdate = true;
  }

  get layerCount(): number {
    return this.layers.length;
  }

  /** The three.js textures of the layers, in order. */
  get textures(): Data3DTexture[] {
    return this.layers.map((l) => l.texture);
  }

  /** GPU bytes of the layers. */
  get bytes(): number {
    return this.layers.length * this.dimensions[0] * this.dimensions[1] * this.dimensions[2];
  }

  /** Allocate or free layer textures so there are `n` (at most MAX_LABEL_LAYERS; new ones are empty). */
  setLayerCount(n: number): void {
    const count = Math.min(n, MAX_LABEL_LAYERS);
    while (this.layers.length > count) this.freeLayer(this.layers.pop()!);
    while (this.layers.length < count) this.layers.push(this.allocLayer());
    this.version++;
  }

  /**
   * Upload a layer's voxels, all of them or only the index box [lo, hi] (inclusive). `voxels` is
   * the whole layer array in grid order.
   */
  upload(layer: number, voxels: Uint8Array, box?: { lo: [number, number, number]; hi: [number, number, number] }): void {
    const l = this.layers[layer];
    if (!l) return;
    const [nx, ny, nz] = this.dimensions;
    if (voxels.length !== nx * ny * nz) throw new Error(`label layer ${layer}: ${voxels.length} voxels, expected ${nx}×${ny}×${nz}`);
    const lo = box ? box.lo.map((v) => Math.max(0, Math.floor(v))) : [0, 0, 0];
    const hi = box ? box.hi.map((v, a) => Math.min(this.dimensions[a] - 1, Math.ceil(v))) : [nx - 1, ny - 1, nz - 1];
    if (lo.some((v, a) => v > hi[a])) return;
    const gl = this.gl;
    this.renderer.state.bindTexture(gl.TEXTURE_3D, l.glTexture);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_ROW_LENGTH, nx);
    gl.pixelStorei(gl.UNPACK_IMAGE_HEIGHT, ny);
    gl.pixelStorei(gl.UNPACK_SKIP_PIXELS, lo[0]);
    gl.pixelStorei(gl.UNPACK_SKIP_ROWS, lo[1]);
    gl.pixelStorei(gl.UNPACK_SKIP_IMAGES, lo[2]);
    gl.texSubImage3D(gl.TEXTURE_3D, 0, lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1, gl.RED_INTEGER, gl.UNSIGNED_BYTE, voxels);
    for (const p of [gl.UNPACK_ROW_LENGTH, gl.UNPACK_IMAGE_HEIGHT, gl.UNPACK_SKIP_PIXELS, gl.UNPACK_SKIP_ROWS, gl.UNPACK_SKIP_IMAGES]) gl.pixelStorei(p, 0);
    this.version++;
  }

  /** Set the colour table; label values not listed are transparent. */
  setColors(colors: LabelColor[]): void {
    this.colorBytes.fill(0);
    for (const c of colors) {
      if (c.layer < 0 || c.layer >= MAX_LABEL_LAYERS || c.value < 1 || c.value > 255) continue;
      const o = (c.layer * 256 + c.value) * 4;
      this.colorBytes.set([c.rgb[0], c.rgb[1], c.rgb[2], Math.round(255 * Math.min(1, Math.max(0, c.opacity)))], o);
    }
    this.colors.needsUpdate = true;
    this.version++;
  }

  dispose(): void {
    for (const l of this.layers.splice(0)) this.freeLayer(l);
    this.colors.dispose();
  }

  private allocLayer(): LayerTexture {
    const gl = this.gl;
    const [nx, ny, nz] = this.dimensions;
    const glTexture = gl.createTexture();
    if (!glTexture) throw new Error('WebGL could not create a label texture');
    this.renderer.state.bindTexture(gl.TEXTURE_3D, glTexture);
    gl.texStorage3D(gl.TEXTURE_3D, 1, gl.R8UI, nx, ny, nz);
    for (const p of [gl.TEXTURE_MIN_FILTER, gl.TEXTURE_MAG_FILTER]) gl.texParameteri(gl.TEXTURE_3D, p, gl.NEAREST);
    for (const p of [gl.TEXTURE_WRAP_S, gl.TEXTURE_WRAP_T, gl.TEXTURE_WRAP_R]) gl.texParameteri(gl.TEXTURE_3D, p, gl.CLAMP_TO_EDGE);
    // texStorage leaves the content undefined: clear it to 0 (no segment).
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    const zeros = new Uint8Array(nx * ny);
    for (let k = 0; k < nz; k++) gl.texSubImage3D(gl.TEXTURE_3D, 0, 0, 0, k, nx, ny, 1, gl.RED_INTEGER, gl.UNSIGNED_BYTE, zeros);
    const texture = new Data3DTexture(null, nx, ny, nz);
    (this.renderer.properties.get(texture) as { __webglTexture?: WebGLTexture }).__webglTexture = glTexture;
    return { texture, glTexture };
  }

  private freeLayer(l: LayerTexture): void {
    this.gl.deleteTexture(l.glTexture);
    (this.renderer.properties.get(l.texture) as { __webglTexture?: WebGLTexture }).__webglTexture = undefined;
  }
}
