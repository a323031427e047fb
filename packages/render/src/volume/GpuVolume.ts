import { Data3DTexture, DataTexture, RedFormat, UnsignedByteType, type WebGLRenderer } from 'three';
import { mat4Invert, mat4Multiply, type Dims3, type Mat4, type VoxelArray } from '@voxa/core';
import { textureFormat, type TextureFormat } from './textureFormat.ts';
import type { VolumeGrid } from './VolumeGrid.ts';

let volumeCount = 0;

/**
 * One volume on the GPU: a 3D texture in the voxels' own type, filled slice by slice as slices
 * arrive (no full copy of the volume ever exists in JavaScript), plus a mask of which slices are
 * loaded so views show unloaded parts as empty, never as zeros.
 *
 * The texture is allocated with texStorage3D on the renderer's context and handed to three.js as
 * the WebGL texture of a Data3DTexture (three cannot allocate an empty 3D texture or update one
 * slice; its uniforms and state cache still manage binding).
 *
 * A grid beyond MAX_3D_TEXTURE_SIZE along an axis is stored decimated along it (every f-th
 * voxel); `decimation` says by how much, and views state it.
 *
 * @example
 * const gpu = new GpuVolume(renderer, { dimensions: [512, 512, 300], indexToWorld, voxelType: 'int16' });
 * gpu.setSlice(150, int16Slice); // then render: the slice shows, the rest is empty
 */
export class GpuVolume {
  readonly grid: VolumeGrid;
  readonly format: TextureFormat;
  /** Texture dimensions (the grid's, or fewer where decimated). */
  readonly textureDimensions: Dims3;
  readonly decimation: Dims3;
  /** Texture voxel index → LPS mm. */
  readonly textureToWorld: Mat4;
  readonly worldToTexture: Mat4;
  readonly texture: Data3DTexture;
  /** One byte per texture slice: 255 once loaded. */
  readonly loadedMask: DataTexture;
  loadedSlices = 0;
  /** Changes whenever the texture's content does (a renderer redraws a view only when something it shows changed). */
  version = 0;
  /** Unique per volume in this page. */
  readonly id = ++volumeCount;
  private readonly gl: WebGL2RenderingContext;
  private readonly glTexture: WebGLTexture;
  private readonly mask: Uint8Array;
  private readonly renderer: WebGLRenderer;
  private scratch?: VoxelArray;

  constructor(renderer: WebGLRenderer, grid: VolumeGrid) {
    this.renderer = renderer;
    this.grid = grid;
    this.format = textureFormat(grid.voxelType);
    const gl = (this.gl = renderer.getContext() as WebGL2RenderingContext);
    const glMax = gl.getParameter(gl.MAX_3D_TEXTURE_SIZE) as number;
    const max = Math.min(glMax, grid.maxTextureSize ?? glMax);
    this.decimation = grid.dimensions.map((n) => Math.ceil(n / max)) as Dims3;
    this.textureDimensions = grid.dimensions.map((n, a) => Math.ceil(n / this.decimation[a])) as Dims3;
    const scale = new Float64Array(16);
    scale[0] = this.decimation[0]; scale[5] = this.decimation[1]; scale[10] = this.decimation[2]; scale[15] = 1;
    this.textureToWorld = mat4Multiply(grid.indexToWorld, scale);
    this.worldToTexture = mat4Invert(this.textureToWorld);

    const [tx, ty, tz] = this.textureDimensions;
    const glTexture = gl.createTexture();
    if (!glTexture) throw new Error('WebGL could not create a 3D texture');
    this.glTexture = glTexture;
    renderer.state.bindTexture(gl.TEXTURE_3D, glTexture);
    gl.texStorage3D(gl.TEXTURE_3D, 1, this.format.internalFormat, tx, ty, tz);
    for (const p of [gl.TEXTURE_MIN_FILTER, gl.TEXTURE_MAG_FILTER]) gl.texParameteri(gl.TEXTURE_3D, p, gl.NEAREST);
    for (const p of [gl.TEXTURE_WRAP_S, gl.TEXTURE_WRAP_T, gl.TEXTURE_WRAP_R]) gl.texParameteri(gl.TEXTURE_3D, p, gl.CLAMP_TO_EDGE);
    this.texture = new Data3DTexture(null, tx, ty, tz);
    const props = renderer.properties.get(this.texture) as { __webglTexture?: WebGLTexture };
    props.__webglTexture = glTexture;

    this.mask = new Uint8Array(tz);
    this.loadedMask = new DataTexture(this.mask, tz, 1, RedFormat, UnsignedByteType);
    this.loadedMask.needsUpdate = true;
  }

  /** GPU memory of the texture in bytes. */
  get bytes(): number {
    const [x, y, z] = this.textureDimensions;
    return x * y * z * this.format.bytesPerVoxel;
  }

  get complete(): boolean {
    return this.loadedSlices === this.textureDimensions[2];
  }

  /**
   * Upload grid slice k (nx × ny values in the grid's voxel type). Slices that a z-decimated
   * texture skips are ignored. Returns whether the slice is now shown.
   */
  setSlice(k: number, values: VoxelArray): boolean {
    const [nx, ny] = this.grid.dimensions;
    const [fx, fy, fz] = this.decimation;
    if (k % fz !== 0) return false;
    if (values.length !== nx * ny) throw new Error(`slice ${k}: ${values.length} values, expected ${nx}×${ny}`);
    const tk = k / fz;
    const [tx, ty] = this.textureDimensions;
    let data = values;
    if (fx > 1 || fy > 1) {
      const ctor = values.constructor as new (n: number) => VoxelArray;
      if (!this.scratch) this.scratch = new ctor(tx * ty);
      data = this.scratch;
      for (let y = 0; y < ty; y++) for (let x = 0; x < tx; x++) data[x + tx * y] = values[x * fx + nx * y * fy];
    }
    if (values instanceof Float64Array) data = Float32Array.from(data);
    const gl = this.gl;
    this.renderer.state.bindTexture(gl.TEXTURE_3D, this.glTexture);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.texSubImage3D(gl.TEXTURE_3D, 0, 0, 0, tk, tx, ty, 1, this.format.format, this.format.type, data as ArrayBufferView);
    if (this.mask[tk] === 0) this.loadedSlices++;
    this.mask[tk] = 255;
    this.loadedMask.needsUpdate = true;
    this.version++;
    return true;
  }

  /** Free the GPU memory. */
  dispose(): void {
    this.gl.deleteTexture(this.glTexture);
    (this.renderer.properties.get(this.texture) as { __webglTexture?: WebGLTexture }).__webglTexture = undefined;
    this.loadedMask.dispose();
  }
}
