// The page of `npm run bench -- render` (bundled by bench/render.bench.ts with esbuild): Voxa's ray
// caster, vtk.js and NiiVue, each on its own canvas of the same size, set up alike from one
// RenderBenchSetup, and Voxa's page API (installRenderApi) for the path tracer. The bench drives it
// through `window.__renderBench`.
import { CINEMATIC_DEFAULTS, VOLUME_RENDER_DEFAULTS, type CinematicSettings, type VolumeRenderSettings } from '@voxa/render';
import { installRenderApi, type RenderRequest } from '../../../packages/render/src/headless/renderApi.ts';
import type { PixelRegion, RendererName, RenderBenchPage, RenderBenchSetup, ViewInfo } from '../renderBenchScene.ts';
import { readCanvas, recordTextureFormats, texturesOf, waitForGpu, type BenchView } from './BenchView.ts';
import { NiivueView } from './NiivueView.ts';
import { VoxaView } from './VoxaView.ts';
import { VtkView } from './VtkView.ts';

/**
 * The path tracer's settings: the 3D view's defaults (three bounces, key light and environment),
 * no denoiser (PSNR measures the samples' convergence), 32 paths per pixel per pass.
 */
const CINEMATIC: CinematicSettings = { ...CINEMATIC_DEFAULTS, denoise: false, samplesPerPass: 32 };

type RenderApi = { loadRaw(url: string, grid: object): Promise<void>; render(q: RenderRequest): string };

const views = new Map<RendererName, BenchView>();
let pathTracer: { api: RenderApi; setup: RenderBenchSetup } | undefined;

const api: RenderBenchPage = {
  async setup(s, names) {
    recordTextureFormats();
    const voxels = new Int16Array(await (await fetch(s.rawUrl)).arrayBuffer());
    const row = document.createElement('div');
    row.style.display = 'flex';
    document.body.append(row);
    const box = () => row.appendChild(document.createElement('div'));
    for (const name of names) {
      if (name === 'voxa') views.set(name, new VoxaView(box().appendChild(document.createElement('canvas')), s, voxels));
      else if (name === 'vtkjs') views.set(name, new VtkView(box(), s, voxels));
      else views.set(name, await NiivueView.create(name, box(), s, name === 'niivue' ? s.sampleDistanceMm / s.grid.spacingMm : 1));
    }
    const infos: ViewInfo[] = [];
    for (const v of views.values()) {
      v.render(0);
      waitForGpu(v.gl);
      infos.push({ name: v.name, textures: texturesOf(v.gl), canvasPx: [v.gl.drawingBufferWidth, v.gl.drawingBufferHeight] });
    }
    return infos;
  },

  time(name, anglesDeg) {
    const v = views.get(name)!;
    return anglesDeg.map((deg) => {
      const t0 = performance.now();
      v.render(deg);
      waitForGpu(v.gl);
      return performance.now() - t0;
    });
  },

  snapshot(name, deg) {
    const v = views.get(name)!;
    v.render(deg);
    return base64(readCanvas(v.gl));
  },

  async installPathTracer(s) {
    installRenderApi(document.body.appendChild(document.createElement('canvas')));
    const renderApi = (window as unknown as { voxaRender: RenderApi }).voxaRender;
    await renderApi.loadRaw(s.rawUrl, { dimensions: s.grid.dimensions, indexToWorld: s.grid.indexToWorld, voxelType: 'int16' });
    pathTracer = { api: renderApi, setup: s };
  },

  trace(samples: number, region: PixelRegion) {
    const { api: renderApi, setup: s } = pathTracer!;
    const settings: VolumeRenderSettings = {
      ...VOLUME_RENDER_DEFAULTS, transferFunction: s.transferFunction, shading: s.shading, sampleRate: s.sampleDistanceMm / s.grid.spacingMm,
    };
    const q: RenderRequest = {
      camera: { ...s.camera, projection: 'orthographic' }, settings, cinematic: CINEMATIC, samples, region,
      width: s.imagePx, height: s.imagePx, output: 'rgba-float',
    };
    const t0 = performance.now();
    const data = renderApi.render(q);
    return { ms: performance.now() - t0, data };
  },

  glRenderer() {
    const gl = views.values().next().value?.gl;
    if (!gl) return 'unknown';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  },
};

(window as unknown as { __renderBench: RenderBenchPage }).__renderBench = api;

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
