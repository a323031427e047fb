import {
  FloatType, GLSL3, Mesh, NearestFilter, OrthographicCamera, PlaneGeometry, RawShaderMaterial, RGBAFormat, Scene, Vector3, Vector4,
  WebGLRenderTarget, type Camera, type PerspectiveCamera, type WebGLRenderer,
} from 'three';
import { PATH_TRACE_FRAGMENT } from './pathTraceShader.ts';
import { RAYCAST_VERTEX } from './raycastShader.ts';
import { TONE_MAP_FRAGMENT } from './toneMapShader.ts';
import { volumeUniforms, type SurfaceLayer, type VolumeDraw, type VolumeRaycaster } from './VolumeRaycaster.ts';

/** How the cinematic renderer lights and films the volume. */
export interface CinematicSettings {
  /** Multiplies the extinction the transfer function's opacities stand for (1: as the ray caster). */
  densityScale: number;
  /** Scatterings per path (1: single scattering). */
  bounces: number;
  /** Henyey–Greenstein anisotropy (−1 back … 0 isotropic … 1 forward). */
  phaseG: number;
  /** Key light: direction from the camera's axes (degrees), angular radius (degrees: soft shadows) and intensity. */
  keyLight: { azimuthDeg: number; elevationDeg: number; radiusDeg: number; intensity: number };
  environment: number;
  background: [number, number, number];
  /** Lens radius in mm (0: everything sharp) and the distance from the eye in focus (the 3D view sets its target's). */
  apertureMm: number;
  focusMm?: number;
  exposure: number;
  denoise: boolean;
  samplesPerPass: number;
  /** Accumulation stops here (the image is final). */
  maxSamples: number;
}

export const CINEMATIC_DEFAULTS: CinematicSettings = {
  densityScale: 1,
  bounces: 3,
  phaseG: 0,
  keyLight: { azimuthDeg: -35, elevationDeg: 40, radiusDeg: 8, intensity: 9 },
  environment: 0.9,
  background: [0, 0, 0],
  apertureMm: 0,
  exposure: 1.1,
  denoise: true,
  samplesPerPass: 1,
  maxSamples: 1024,
};

/**
 * The progressive cinematic renderer: each call adds `samplesPerPass` paths per pixel to float
 * running sums (ping-pong targets), as long as the view and settings stay the same and
 * `maxSamples` is not reached, then shows the mean tone-mapped. Any change of what is drawn
 * (the caller's `key`) starts again from zero.
 */
export class PathTracer {
  samples = 0;
  private key = '';
  private targets?: [WebGLRenderTarget, WebGLRenderTarget];
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly quad = new Mesh(new PlaneGeometry(2, 2));
  private readonly trace: RawShaderMaterial;
  private readonly display: RawShaderMaterial;
  private frame = 0;

  constructor(private readonly renderer: WebGLRenderer, private readonly raycaster: VolumeRaycaster) {
    this.quad.frustumCulled = false;
    this.scene.add(this.quad);
    this.trace = new RawShaderMaterial({
      glslVersion: GLSL3, vertexShader: RAYCAST_VERTEX, fragmentShader: PATH_TRACE_FRAGMENT, depthTest: false, depthWrite: false,
      uniforms: {
        ...volumeUniforms(), uAccum: { value: null }, uSurfaceColor: { value: null }, uSamplesPerPass: { value: 1 }, uFrame: { value: 0 },
        uDensity: { value: 1 }, uMajorant: { value: 1 }, uGradRef: { value: 1 }, uPhaseG: { value: 0 }, uBounces: { value: 3 },
        uEye: { value: new Vector3() }, uOrtho: { value: false }, uCamRight: { value: new Vector3() }, uCamUp: { value: new Vector3() },
        uCamForward: { value: new Vector3() }, uAperture: { value: 0 }, uFocusMm: { value: 1 }, uKeyDir: { value: new Vector3() },
        uKeyRadius: { value: 0.1 }, uKeyColor: { value: new Vector3() }, uEnvColor: { value: new Vector3() }, uEnvUp: { value: new Vector3() },
        uBackground: { value: new Vector3() },
      },
    });
    this.display = new RawShaderMaterial({
      glslVersion: GLSL3, vertexShader: RAYCAST_VERTEX, fragmentShader: TONE_MAP_FRAGMENT, depthTest: false, depthWrite: false,
      uniforms: { uAccum: { value: null }, uViewport: { value: new Vector4() }, uSamples: { value: 1 }, uExposure: { value: 1 }, uDenoise: { value: true }, uOutputLinear: { value: false } },
    });
  }

  /** Whether more samples would still change the image. */
  converging(settings: CinematicSettings): boolean {
    return this.samples < settings.maxSamples;
  }

  /**
   * Add samples (when `key`, everything the image depends on, is unchanged they add to the sum),
   * then draw the mean into the current target's viewport `viewportPx`. `pass` places the
   * accumulation in a larger view (x, y negated offsets and the view's size), to trace only a
   * window of it.
   */
  render(
    d: VolumeDraw, cinematic: CinematicSettings, camera: Camera, viewportPx: [number, number, number, number], key: string,
    surfaces?: SurfaceLayer, outputLinear = false, pass?: [number, number, number, number],
  ): void {
    const r = this.renderer;
    const [, , w, h] = viewportPx;
    const fullKey = `${key}|${w}x${h}|${JSON.stringify(cinematic)}`;
    if (fullKey !== this.key || !this.targets || this.targets[0].width !== w || this.targets[0].height !== h) {
      this.key = fullKey;
      this.samples = 0;
      this.allocate(w, h);
    }
    const outTarget = r.getRenderTarget();
    if (this.samples < cinematic.maxSamples) this.addSamples(d, cinematic, camera, pass ?? [0, 0, w, h], surfaces);
    r.setRenderTarget(outTarget);
    const u = this.display.uniforms;
    u.uAccum.value = this.targets![0].texture;
    (u.uViewport.value as Vector4).set(...viewportPx);
    u.uSamples.value = Math.max(1, this.samples);
    u.uExposure.value = cinematic.exposure;
    u.uDenoise.value = cinematic.denoise;
    u.uOutputLinear.value = outputLinear;
    this.quad.material = this.display;
    r.render(this.scene, this.camera);
  }

  private addSamples(d: VolumeDraw, c: CinematicSettings, camera: Camera, pass: [number, number, number, number], surfaces?: SurfaceLayer): void {
    const r = this.renderer;
    const u = this.trace.uniforms;
    const prevScissor = r.getScissorTest();
    r.setScissorTest(false);
    const { table } = this.raycaster.bindVolume(u, d, camera, pass, surfaces);
    u.uSurfaceColor.value = surfaces?.color ?? null;
    const unit = d.settings.transferFunction.unitDistanceMm;
    let maxAlpha = 0;
    for (let i = 3; i < table.rgba.length; i += 4) maxAlpha = Math.max(maxAlpha, table.rgba[i]);
    u.uDensity.value = c.densityScale / unit;
    u.uMajorant.value = Math.max(1e-6, (c.densityScale / unit) * -Math.log(1 - Math.min(maxAlpha, 0.999)));
    u.uGradRef.value = (table.high - table.low) / 40;
    u.uPhaseG.value = c.phaseG;
    u.uBounces.value = c.bounces;
    const cam = camera as PerspectiveCamera;
    const e = cam.matrixWorld.elements;
    const right = new Vector3(e[0], e[1], e[2]).normalize(), up = new Vector3(e[4], e[5], e[6]).normalize(), back = new Vector3(e[8], e[9], e[10]).normalize();
    (u.uEye.value as Vector3).setFromMatrixPosition(cam.matrixWorld);
    u.uOrtho.value = !(cam as { isPerspectiveCamera?: boolean }).isPerspectiveCamera;
    (u.uCamRight.value as Vector3).copy(right);
    (u.uCamUp.value as Vector3).copy(up);
    (u.uCamForward.value as Vector3).copy(back).negate();
    u.uAperture.value = c.apertureMm;
    u.uFocusMm.value = c.focusMm ?? 1000;
    const az = (c.keyLight.azimuthDeg * Math.PI) / 180, el = (c.keyLight.elevationDeg * Math.PI) / 180;
    // Towards the light, in the camera's frame: from the viewer's side, az to the right, el up.
    const key = back.clone().multiplyScalar(Math.cos(el) * Math.cos(az)).addScaledVector(right, Math.cos(el) * Math.sin(az)).addScaledVector(up, Math.sin(el)).normalize();
    (u.uKeyDir.value as Vector3).copy(key);
    u.uKeyRadius.value = (c.keyLight.radiusDeg * Math.PI) / 180;
    const intensity = c.keyLight.intensity;
    (u.uKeyColor.value as Vector3).set(intensity, intensity * 0.97, intensity * 0.92);
    (u.uEnvColor.value as Vector3).set(c.environment * 0.9, c.environment * 0.95, c.environment);
    (u.uEnvUp.value as Vector3).copy(up);
    (u.uBackground.value as Vector3).set(...c.background);
    this.quad.material = this.trace;
    const n = Math.min(c.samplesPerPass, c.maxSamples - this.samples);
    u.uSamplesPerPass.value = n;
    u.uFrame.value = this.frame++;
    const [read, write] = this.targets!;
    u.uAccum.value = read.texture;
    r.setRenderTarget(write);
    r.render(this.scene, this.camera);
    this.targets = [write, read];
    this.samples += n;
    r.setScissorTest(prevScissor);
  }

  private allocate(w: number, h: number): void {
    this.targets?.forEach((t) => t.dispose());
    const make = () => new WebGLRenderTarget(w, h, { type: FloatType, format: RGBAFormat, minFilter: NearestFilter, magFilter: NearestFilter, depthBuffer: false });
    this.targets = [make(), make()];
    const r = this.renderer;
    const prev = r.getRenderTarget();
    for (const t of this.targets) {
      r.setRenderTarget(t);
      r.setClearColor(0x000000, 0);
      r.clear();
    }
    r.setRenderTarget(prev);
  }

  dispose(): void {
    this.targets?.forEach((t) => t.dispose());
    this.trace.dispose();
    this.display.dispose();
    this.quad.geometry.dispose();
  }
}
