import {
  FloatType, GLSL3, HalfFloatType, NearestFilter, LinearFilter, Mesh, DepthTexture, OrthographicCamera, PlaneGeometry, RawShaderMaterial, RGBAFormat, Scene,
  UnsignedByteType, Vector3, Vector4, WebGLRenderTarget, type Camera, type WebGLRenderer,
} from 'three';
import type { OrbitCamera } from '../surface/OrbitCamera.ts';
import type { SurfaceScene } from '../surface/SurfaceScene.ts';
import { PathTracer, type CinematicSettings } from './PathTracer.ts';
import { RAYCAST_VERTEX } from './raycastShader.ts';
import { VolumeRaycaster, type SurfaceLayer, type VolumeDraw } from './VolumeRaycaster.ts';

/** What a 3D view shows: segment surfaces, and optionally a volume rendering (ray cast or cinematic) around them. */
export interface View3dContent {
  surfaces: SurfaceScene;
  camera: OrbitCamera;
  volume?: VolumeDraw;
  /** Set: the volume is path traced progressively instead of ray cast. */
  cinematic?: CinematicSettings;
}

/**
 * Draws 3D views: surfaces alone straight into the viewport; with a volume, the surfaces first
 * into an offscreen colour + depth target that the ray caster (or path tracer) ends its rays
 * on, so meshes, volume and the MPR planes' outlines share one scene with correct occlusion.
 * While the user drags ('interactive' quality) the ray caster renders at half resolution and is
 * scaled up.
 */
export class View3dRenderer {
  readonly raycaster: VolumeRaycaster;
  readonly pathTracer: PathTracer;
  private surfaceTarget?: WebGLRenderTarget;
  private lowTarget?: WebGLRenderTarget;
  private readonly scene = new Scene();
  private readonly quadCamera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly copy: RawShaderMaterial;

  constructor(private readonly renderer: WebGLRenderer) {
    this.raycaster = new VolumeRaycaster(renderer);
    this.pathTracer = new PathTracer(renderer, this.raycaster);
    this.copy = new RawShaderMaterial({
      glslVersion: GLSL3, vertexShader: RAYCAST_VERTEX, depthTest: false, depthWrite: false,
      uniforms: { uImage: { value: null }, uViewport: { value: new Vector4() } },
      fragmentShader: 'precision highp float;\nuniform sampler2D uImage;\nuniform vec4 uViewport;\nout vec4 outColor;\nvoid main() { outColor = texture(uImage, (gl_FragCoord.xy - uViewport.xy) / uViewport.zw); }',
    });
    const quad = new Mesh(new PlaneGeometry(2, 2), this.copy);
    quad.frustumCulled = false;
    this.scene.add(quad);
  }

  /** Whether the last cinematic draw still wants more samples (the caller keeps drawing). */
  converging = false;

  /**
   * Draw into the current framebuffer's viewport `viewportPx` (x, y, w, h in device pixels, set
   * by the caller as viewport and scissor), or with `outputValues` into the current target.
   */
  draw(d: View3dContent, viewportPx: [number, number, number, number], key: string, outputValues = false): void {
    const r = this.renderer;
    const [, , w, h] = viewportPx;
    const camera = d.surfaces.prepare(d.camera, w / h);
    this.converging = false;
    if (!d.volume) {
      r.render(d.surfaces.scene, camera);
      return;
    }
    const layer = this.drawSurfaces(d.surfaces, camera, w, h);
    if (d.cinematic) {
      const distance = Math.hypot(...[0, 1, 2].map((i) => camera.position.getComponent(i) - d.camera.target[i]));
      this.pathTracer.render(d.volume, { ...d.cinematic, focusMm: d.cinematic.focusMm ?? distance }, camera, viewportPx, key, layer);
      this.converging = this.pathTracer.converging(d.cinematic);
      return;
    }
    if (d.volume.settings.quality === 'interactive' && !outputValues) {
      const lw = Math.max(1, Math.round(w / 2)), lh = Math.max(1, Math.round(h / 2));
      const target = (this.lowTarget = sized(this.lowTarget, lw, lh, false));
      const out = r.getRenderTarget();
      r.setRenderTarget(target);
      this.raycaster.render(d.volume, camera, [0, 0, lw, lh], layer);
      r.setRenderTarget(out);
      this.copy.uniforms.uImage.value = target.texture;
      (this.copy.uniforms.uViewport.value as Vector4).set(...viewportPx);
      r.render(this.scene, this.quadCamera);
      return;
    }
    this.raycaster.render(d.volume, camera, viewportPx, layer, outputValues);
  }

  /**
   * The volume's projected values at w × h (MIP, MinIP, mean: the value; composite: the
   * accumulated opacity), row-major from the top, NaN where a ray misses the volume.
   */
  readValues(d: View3dContent, w: number, h: number): Float32Array {
    const r = this.renderer;
    const target = new WebGLRenderTarget(w, h, { type: FloatType, format: RGBAFormat, minFilter: NearestFilter, magFilter: NearestFilter, depthBuffer: false });
    const out = r.getRenderTarget();
    try {
      r.setRenderTarget(target);
      r.setScissorTest(false);
      r.setClearColor(0x000000, 0);
      r.clear();
      this.draw({ ...d, cinematic: undefined, volume: d.volume && { ...d.volume, settings: { ...d.volume.settings, quality: 'full' } } }, [0, 0, w, h], '', true);
      const rgba = new Float32Array(w * h * 4);
      r.readRenderTargetPixels(target, 0, 0, w, h, rgba);
      const values = new Float32Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        const i = ((h - 1 - y) * w + x) * 4; // GL rows go up
        values[y * w + x] = rgba[i + 1] > 0.5 ? rgba[i] : NaN;
      }
      return values;
    } finally {
      r.setRenderTarget(out);
      target.dispose();
    }
  }

  /**
   * The point of the volume rendering under a viewport pixel (CSS px from the top-left of a
   * w × h view): where the ray's accumulated opacity first reaches one half, in LPS mm; undefined
   * where the ray stays more transparent. How a click on the volume leads back to the slices.
   */
  pickVolume(d: View3dContent, x: number, y: number, w: number, h: number): [number, number, number] | undefined {
    if (!d.volume) return undefined;
    const r = this.renderer;
    const target = new WebGLRenderTarget(1, 1, { type: FloatType, format: RGBAFormat, minFilter: NearestFilter, magFilter: NearestFilter, depthBuffer: false });
    const out = r.getRenderTarget();
    try {
      r.setRenderTarget(target);
      r.setScissorTest(false);
      const camera = d.surfaces.prepare(d.camera, w / h);
      const px = Math.floor(x), py = h - 1 - Math.floor(y); // GL rows go up
      const settings = { ...d.volume.settings, quality: 'full' as const, mode: 'composite' as const };
      this.raycaster.render({ ...d.volume, settings }, camera, [-px, -py, w, h], undefined, true);
      const v = new Float32Array(4);
      r.readRenderTargetPixels(target, 0, 0, 1, 1, v);
      if (!(v[1] > 0.5) || !(v[2] >= 0)) return undefined;
      const ndc = new Vector3(((px + 0.5) / w) * 2 - 1, ((py + 0.5) / h) * 2 - 1, -1);
      const near = ndc.clone().unproject(camera), far = ndc.clone().setZ(1).unproject(camera);
      const p = near.clone().addScaledVector(far.sub(near).normalize(), v[2]);
      return [p.x, p.y, p.z];
    } finally {
      r.setRenderTarget(out);
      target.dispose();
    }
  }

  /**
   * A cinematic image of exactly `samples` paths per pixel at w × h, as float RGBA (row-major from
   * the top): the mean radiance when `linear`, else the tone-mapped display values (0–1).
   * `region` traces only that window of the view (x, y from the top-left), and answers its pixels.
   */
  readCinematic(
    d: View3dContent & { cinematic: CinematicSettings }, viewW: number, viewH: number, samples: number, linear: boolean,
    region = { x: 0, y: 0, width: viewW, height: viewH },
  ): Float32Array {
    const r = this.renderer;
    const w = region.width, h = region.height;
    const pass: [number, number, number, number] = [-region.x, -(viewH - region.y - h), viewW, viewH];
    const target = new WebGLRenderTarget(w, h, { type: FloatType, format: RGBAFormat, minFilter: NearestFilter, magFilter: NearestFilter, depthBuffer: false });
    const out = r.getRenderTarget();
    const settings = { ...d.cinematic, maxSamples: samples };
    const key = `read|${Math.random()}`; // always from zero
    try {
      r.setScissorTest(false);
      r.setRenderTarget(target);
      const camera = d.surfaces.prepare(d.camera, viewW / viewH);
      const layer = region.width === viewW && region.height === viewH ? this.drawSurfaces(d.surfaces, camera, w, h) : undefined;
      const distance = Math.hypot(...[0, 1, 2].map((i) => camera.position.getComponent(i) - d.camera.target[i]));
      const cinematic = { ...settings, focusMm: settings.focusMm ?? distance };
      do {
        r.setRenderTarget(target);
        this.pathTracer.render(d.volume!, cinematic, camera, [0, 0, w, h], key, layer, linear, pass);
      } while (this.pathTracer.converging(cinematic));
      const rgba = new Float32Array(w * h * 4);
      r.readRenderTargetPixels(target, 0, 0, w, h, rgba);
      const flipped = new Float32Array(w * h * 4);
      for (let y = 0; y < h; y++) flipped.set(rgba.subarray((h - 1 - y) * w * 4, (h - y) * w * 4), y * w * 4);
      return flipped;
    } finally {
      r.setRenderTarget(out);
      target.dispose();
    }
  }

  /** The surfaces into the offscreen target (linear colour, depth), for the volume to end its rays on. */
  private drawSurfaces(surfaces: SurfaceScene, camera: Camera, w: number, h: number): SurfaceLayer {
    const r = this.renderer;
    const target = (this.surfaceTarget = sized(this.surfaceTarget, w, h, true));
    const out = r.getRenderTarget();
    const scissor = r.getScissorTest();
    r.setScissorTest(false);
    r.setRenderTarget(target);
    r.setClearColor(0x000000, 1);
    r.clear();
    r.render(surfaces.scene, camera);
    r.setRenderTarget(out);
    r.setScissorTest(scissor);
    return { color: target.texture, depth: target.depthTexture! };
  }

  dispose(): void {
    this.raycaster.dispose();
    this.pathTracer.dispose();
    this.surfaceTarget?.dispose();
    this.lowTarget?.dispose();
    this.copy.dispose();
  }
}

function sized(t: WebGLRenderTarget | undefined, w: number, h: number, depth: boolean): WebGLRenderTarget {
  if (t && t.width === w && t.height === h) return t;
  t?.dispose();
  return new WebGLRenderTarget(w, h, {
    type: depth ? HalfFloatType : UnsignedByteType, format: RGBAFormat, minFilter: LinearFilter, magFilter: LinearFilter,
    depthBuffer: depth, depthTexture: depth ? new DepthTexture(w, h) : null, // null, not undefined: three's setter reads undefined.renderTarget
  });
}
