import { Niivue, SLICE_TYPE } from '@niivue/niivue';
import { sampleTransferFunction } from '@voxa/core';
import { NIIVUE_MAP_SPAN, type RenderBenchSetup } from '../renderBenchScene.ts';
import type { BenchView } from './BenchView.ts';

/** NiiVue's ray-step line (the same in its render, slice-render and picking shaders): one voxel. */
const NIIVUE_STEP_LINE = 'float stepSize = sliceSize;';
/** The view of the start camera (anterior, superior up) in NiiVue's azimuth and elevation, and the sign that turns it like the others. */
const START_AZIMUTH = 180, START_ELEVATION = 0, TURN = 1;
/** How much NiiVue's matcap shades (setVolumeRenderIllumination): its shiny-volume demos' middle setting. */
const GRADIENT_AMOUNT = 0.5;

/**
 * NiiVue in its 3D render mode (setSliceType RENDER) on the same voxels (a NIfTI of them). Its
 * ray caster samples an RGBA8 texture coloured by its colour map (classification before
 * interpolation) and lights by a matcap on a precomputed gradient texture; the transfer function
 * becomes a 256-entry colour map over NIIVUE_MAP_SPAN, opacity converted from per mm to per voxel
 * (NiiVue corrects opacity for its step relative to one voxel). Its step is one voxel, fixed in
 * its shader source: with `stepScale` 0.5 the bench rewrites that line as the context compiles
 * it, so the step (and its opacity correction, stepSize / sliceSize) is half a voxel like the
 * others'. NiiVue's framing (0.8 × the volume's half diagonal / zoom) gets the same view height.
 */
export class NiivueView implements BenchView {
  readonly gl: WebGL2RenderingContext;
  private readonly nv: Niivue;

  private constructor(readonly name: 'niivue' | 'niivue-native', readonly canvas: HTMLCanvasElement, nv: Niivue) {
    this.nv = nv;
    this.gl = nv.gl;
  }

  static async create(name: 'niivue' | 'niivue-native', container: HTMLDivElement, setup: RenderBenchSetup, stepScale: number): Promise<NiivueView> {
    const px = setup.imagePx;
    const canvas = document.createElement('canvas');
    container.style.width = container.style.height = `${px}px`;
    container.append(canvas);
    canvas.width = canvas.height = px;
    canvas.style.width = canvas.style.height = `${px}px`;
    // NiiVue asks for this context (core/gl.ts initGL with antialias off) and gets the same object.
    const gl = canvas.getContext('webgl2', { alpha: true, antialias: false })!;
    if (stepScale !== 1) {
      const shaderSource = gl.shaderSource.bind(gl);
      gl.shaderSource = (shader, source) => shaderSource(shader, source.split(NIIVUE_STEP_LINE).join(`float stepSize = sliceSize * ${stepScale.toFixed(4)};`));
    }
    const nv = new Niivue({
      isResizeCanvas: false, backColor: [0, 0, 0, 1], show3Dcrosshair: false, isColorbar: false, isOrientCube: false,
      isOrientationTextVisible: false, showLegend: false, loadingText: '', logLevel: 'error', interactive: false, forceDevicePixelRatio: 1,
    });
    await nv.attachToCanvas(canvas, false);
    nv.addColormap('voxa-ct-bone', niivueColormap(setup));
    await nv.loadVolumes([{ url: setup.niftiUrl, colormap: 'voxa-ct-bone', cal_min: NIIVUE_MAP_SPAN.low, cal_max: NIIVUE_MAP_SPAN.high }]);
    nv.setSliceType(SLICE_TYPE.RENDER);
    await nv.setVolumeRenderIllumination(GRADIENT_AMOUNT);
    nv.scene.volScaleMultiplier = (1.6 * nv.furthestFromPivot) / setup.camera.heightMm;
    return new NiivueView(name, canvas, nv);
  }

  render(deg: number): void {
    this.nv.setRenderAzimuthElevation(START_AZIMUTH + TURN * deg, START_ELEVATION);
  }
}

/** The bench's transfer function as a NiiVue colour map: 256 entries over NIIVUE_MAP_SPAN, bytes, opacity per voxel. */
function niivueColormap(setup: RenderBenchSetup): { R: number[]; G: number[]; B: number[]; A: number[]; I: number[] } {
  const table = sampleTransferFunction(setup.transferFunction, NIIVUE_MAP_SPAN.low, NIIVUE_MAP_SPAN.high, 256);
  const perVoxel = setup.grid.spacingMm / setup.transferFunction.unitDistanceMm;
  const R: number[] = [], G: number[] = [], B: number[] = [], A: number[] = [], I: number[] = [];
  for (let i = 0; i < 256; i++) {
    const [r, g, b, a] = table.rgba.subarray(i * 4, i * 4 + 4);
    R.push(Math.round(r * 255));
    G.push(Math.round(g * 255));
    B.push(Math.round(b * 255));
    A.push(Math.round((1 - (1 - a) ** perVoxel) * 255));
    I.push(i);
  }
  return { R, G, B, A, I };
}
