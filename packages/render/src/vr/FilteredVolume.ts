import {
  GLSL3, HalfFloatType, LinearFilter, Mesh, NearestFilter, OrthographicCamera, PlaneGeometry, RawShaderMaterial, RGBAFormat, RedFormat, Scene,
  FloatType, Vector3, WebGL3DRenderTarget, type Data3DTexture, type WebGLRenderer,
} from 'three';
import type { Dims3 } from '@voxa/core';
import type { GpuVolume } from '../volume/GpuVolume.ts';

/** Voxels per brick edge of the min/max grid that empty-space skipping works on. */
export const BRICK = 8;

/**
 * A GpuVolume made ready for ray casting, on the GPU from the volume's own texture (no voxel
 * passes through JavaScript):
 * - `texture`: the values in a float texture with hardware trilinear filtering: one fetch per
 *   sample, where the integer textures of the MPR need eight fetches and shader interpolation.
 *   Half float (2 bytes a voxel) holds the values mapped onto 0–1 of the data's range (CT: 2 HU
 *   steps at worst); float32 holds them as they are, and is used where half-float filtering is
 *   emulated (SwiftShader, measured 2.5× slower there). Packing 16 bits into the two bytes of an
 *   RG8 texture was tried and rejected: SwiftShader returns filtered 8-bit channels at 8 bits, so
 *   the high byte steps by 256 codes and iso-surfaces show contour rings.
 * - `bricks`: the min and max of each BRICK³ brick (including the voxel layer shared with the
 *   next brick, so a trilinear sample inside a brick is bounded by its range), read back to the
 *   CPU where a transfer function turns them into the occupancy grid that rays skip through.
 * Value = offset + code / scale (code: what the texture holds).
 */
export class FilteredVolume {
  readonly dimensions: Dims3;
  readonly brickDimensions: Dims3;
  offset = 0;
  scale = 1;
  /** Values stored as float32 (else half float). */
  readonly float32: boolean;
  /** min, max (raw values) per brick; min > max for a brick with no loaded voxel. */
  brickMinMax: Float32Array;
  /** The min and max of all loaded voxels. */
  range = { low: 0, high: 0 };
  /** The source volume's version this was made from (−1: never). */
  builtVersion = -1;
  private readonly target: WebGL3DRenderTarget;
  private readonly brickTarget: WebGL3DRenderTarget;
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly quad: Mesh;
  private readonly convert: RawShaderMaterial;
  private readonly minMax: RawShaderMaterial;

  constructor(private readonly renderer: WebGLRenderer, readonly source: GpuVolume) {
    this.dimensions = [...source.textureDimensions] as Dims3;
    const [nx, ny, nz] = this.dimensions;
    this.brickDimensions = this.dimensions.map((n) => Math.max(1, Math.ceil((n - 1) / BRICK))) as Dims3;
    const [bx, by, bz] = this.brickDimensions;
    this.brickMinMax = new Float32Array(bx * by * bz * 2);
    this.float32 = softwareRenderer(renderer);
    this.target = new WebGL3DRenderTarget(nx, ny, nz, { format: RedFormat, type: this.float32 ? FloatType : HalfFloatType, minFilter: LinearFilter, magFilter: LinearFilter, depthBuffer: false });
    renderer.getContext().getExtension('OES_texture_float_linear');
    this.brickTarget = new WebGL3DRenderTarget(bx, by, bz, { format: RGBAFormat, type: FloatType, minFilter: NearestFilter, magFilter: NearestFilter, depthBuffer: false });
    const sampler = source.format.sampler;
    const header = `precision highp float;\nprecision highp int;\nprecision highp ${sampler};\nuniform highp ${sampler} uSrc;\nuniform sampler2D uLoaded;\nuniform int uLayer;\nout vec4 outColor;\n`;
    const vertexShader = 'in vec3 position;\nvoid main() { gl_Position = vec4(position.xy, 0.0, 1.0); }';
    this.convert = new RawShaderMaterial({
      glslVersion: GLSL3, vertexShader, depthTest: false, depthWrite: false,
      uniforms: { uSrc: { value: null }, uLoaded: { value: null }, uLayer: { value: 0 }, uOffset: { value: 0 }, uScale: { value: 1 } },
      fragmentShader: `${header}uniform float uOffset;\nuniform float uScale;
void main() {
  float v = float(texelFetch(uSrc, ivec3(ivec2(gl_FragCoord.xy), uLayer), 0).r);
  outColor = vec4((v - uOffset) * uScale, 0.0, 0.0, 1.0);
}`,
    });
    this.minMax = new RawShaderMaterial({
      glslVersion: GLSL3, vertexShader, depthTest: false, depthWrite: false,
      uniforms: { uSrc: { value: null }, uLoaded: { value: null }, uLayer: { value: 0 }, uDims: { value: new Vector3() } },
      fragmentShader: `${header}uniform vec3 uDims;
void main() {
  ivec3 n = ivec3(uDims);
  ivec3 lo = ivec3(ivec2(gl_FragCoord.xy), uLayer) * ${BRICK};
  ivec3 hi = min(lo + ${BRICK}, n - 1);
  float mn = 3.0e38, mx = -3.0e38;
  for (int z = lo.z; z <= hi.z; z++) {
    if (texelFetch(uLoaded, ivec2(z, 0), 0).r < 0.5) continue;
    for (int y = lo.y; y <= hi.y; y++) for (int x = lo.x; x <= hi.x; x++) {
      float v = float(texelFetch(uSrc, ivec3(x, y, z), 0).r);
      mn = min(mn, v); mx = max(mx, v);
    }
  }
  outColor = vec4(mn, mx, 0.0, 1.0);
}`,
    });
    this.quad = new Mesh(new PlaneGeometry(2, 2));
    this.quad.frustumCulled = false;
    this.scene.add(this.quad);
  }

  get texture(): Data3DTexture {
    return this.target.texture;
  }

  /** Whether the source changed since the last build. */
  get stale(): boolean {
    return this.builtVersion !== this.source.version;
  }

  /** Rebuild bricks and texture from the source's current content. */
  update(): void {
    if (!this.stale) return;
    const r = this.renderer;
    const prev = r.getRenderTarget();
    const gl = r.getContext() as WebGL2RenderingContext;
    // Bricks first: half-float storage maps values onto 0–1 of their range, which the bricks give.
    const [bx, by, bz] = this.brickDimensions;
    this.minMax.uniforms.uSrc.value = this.source.texture;
    this.minMax.uniforms.uLoaded.value = this.source.loadedMask;
    (this.minMax.uniforms.uDims.value as Vector3).set(...this.dimensions);
    this.quad.material = this.minMax;
    const layer = new Float32Array(bx * by * 4);
    let low = Infinity, high = -Infinity;
    for (let z = 0; z < bz; z++) {
      this.minMax.uniforms.uLayer.value = z;
      r.setRenderTarget(this.brickTarget, z);
      r.render(this.scene, this.camera);
      gl.readPixels(0, 0, bx, by, gl.RGBA, gl.FLOAT, layer);
      for (let i = 0; i < bx * by; i++) {
        const mn = layer[i * 4], mx = layer[i * 4 + 1];
        this.brickMinMax[(z * bx * by + i) * 2] = mn;
        this.brickMinMax[(z * bx * by + i) * 2 + 1] = mx;
        if (mn <= mx) { low = Math.min(low, mn); high = Math.max(high, mx); }
      }
    }
    this.range = low <= high ? { low, high } : { low: 0, high: 0 };
    if (this.float32) { this.offset = 0; this.scale = 1; }
    else { this.offset = this.range.low; this.scale = 1 / Math.max(this.range.high - this.range.low, 1e-12); }
    this.convert.uniforms.uSrc.value = this.source.texture;
    this.convert.uniforms.uOffset.value = this.offset;
    this.convert.uniforms.uScale.value = this.scale;
    this.quad.material = this.convert;
    for (let z = 0; z < this.dimensions[2]; z++) {
      this.convert.uniforms.uLayer.value = z;
      r.setRenderTarget(this.target, z);
      r.render(this.scene, this.camera);
    }
    r.setRenderTarget(prev);
    this.builtVersion = this.source.version;
  }

  /**
   * Values of every `step`-th voxel along each axis, for a histogram: about 1/step³ of the
   * volume read back.
   */
  sampleValues(step = 4): Float32Array {
    const r = this.renderer;
    const gl = r.getContext() as WebGL2RenderingContext;
    const [nx, ny, nz] = this.dimensions;
    const layer = new Float32Array(nx * ny * 4);
    const out: number[] = [];
    const prev = r.getRenderTarget();
    for (let z = 0; z < nz; z += step) {
      if (!this.sliceLoaded(z)) continue;
      r.setRenderTarget(this.target, z);
      gl.readPixels(0, 0, nx, ny, gl.RGBA, gl.FLOAT, layer);
      for (let y = 0; y < ny; y += step) for (let x = 0; x < nx; x += step) out.push(this.offset + layer[(y * nx + x) * 4] / this.scale);
    }
    r.setRenderTarget(prev);
    return Float32Array.from(out);
  }

  private sliceLoaded(z: number): boolean {
    return (this.source.loadedMask.image.data as Uint8Array)[z] > 0;
  }

  dispose(): void {
    this.target.dispose();
    this.brickTarget.dispose();
    this.convert.dispose();
    this.minMax.dispose();
    this.quad.geometry.dispose();
  }
}

/** SwiftShader (software WebGL): half-float filtering is emulated there, float32 is not. */
function softwareRenderer(renderer: WebGLRenderer): boolean {
  const gl = renderer.getContext();
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  return /swiftshader/i.test(name);
}
