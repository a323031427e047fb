// The page side of `voxa render`, bundled by build.mjs into dist/renderPage.js (an IIFE) together
// with the renderer's page API. It runs in headless chromium, never in Node.
import { presetCamera } from '../../../render/src/surface/OrbitCamera.ts';
import { VOLUME_RENDER_DEFAULTS } from '../../../render/src/vr/VolumeRenderSettings.ts';
import { drawLabel, layoutLabel, type LabelLayout } from './imageLabel.ts';
import { pageDocument, type Page2d, type PageCanvas, type PageImageData } from './pageDom.ts';
import type { RawVolumeGrid, RenderedParameters, RenderJob } from './RenderJob.ts';

/** The renderer's page API (packages/render/src/headless/renderApi.ts), as far as the page uses it. */
interface VoxaRender {
  loadRaw(url: string, grid: RawVolumeGrid): Promise<void>;
  render(q: object): string;
}

/** `window.voxaRenderPage`: what `voxa render` calls through playwright, step by step. */
export interface RenderPageApi {
  /** Fetch the raw voxels and upload them. */
  load(url: string, grid: RawVolumeGrid): Promise<void>;
  /** Resolve the job into the renderer's camera and settings; returns what will be used. */
  prepare(job: RenderJob): RenderedParameters;
  /** Render image rows [y, y + height) (path tracing, band by band); ray casting renders the whole image at once. */
  renderRows(y: number, height: number): void;
  /** The image as a base64 PNG, with the label when the job has one. */
  png(): string;
}

/**
 * The path tracer's denoiser reads 3 pixels around each pixel: a band is traced with this many
 * rows more on each side, so that bands join without seams.
 */
const BAND_OVERLAP_ROWS = 4;

/**
 * Install `window.voxaRenderPage`. The renderer's page API and cinematic defaults are handed in by
 * the bundle's entry (build.mjs): their modules need the DOM libs to type-check, the CLI has none.
 */
export function installRenderPage(installRenderApi: (canvas: PageCanvas) => void, cinematicDefaults: Record<string, unknown>): void {
  const doc = pageDocument();
  const gl = doc.createElement('canvas');
  doc.body.append(gl);
  installRenderApi(gl);
  const voxaRender = (globalThis as unknown as { voxaRender: VoxaRender }).voxaRender;
  const out = doc.createElement('canvas');
  let ctx: Page2d | undefined;
  let image: PageImageData | undefined;
  let job: RenderJob | undefined;
  let request: Record<string, unknown> | undefined;
  let label: LabelLayout | undefined;

  const api: RenderPageApi = {
    load: (url, grid) => voxaRender.loadRaw(url, grid),
    prepare(j) {
      job = j;
      out.width = j.width;
      out.height = j.height;
      ctx = out.getContext('2d') ?? undefined;
      if (!ctx) throw new Error('no 2D canvas context');
      image = ctx.createImageData(j.width, j.height);
      const camera = presetCamera(j.view, j.boundsLps.lo, j.boundsLps.hi, j.projection);
      const settings = { ...VOLUME_RENDER_DEFAULTS, ...j.settings };
      const cinematic = j.cinematic ? { ...cinematicDefaults, maxSamples: j.samples } : undefined;
      const samples = j.cinematic ? j.samples : undefined;
      request = { camera, settings, cinematic, samples, width: j.width, height: j.height, output: 'rgba' };
      label = j.label ? layoutLabel(ctx, j.label, j.width, j.height) : undefined;
      return {
        camera, settings, cinematic, samples,
        label: j.label && label ? { text: j.label, boxPx: label.box } : undefined,
        webgl: webglRenderer(doc.createElement('canvas')),
      };
    },
    renderRows(y, height) {
      if (!job || !request || !image) throw new Error('prepare() first');
      const { width, height: h } = job;
      if (!job.cinematic) {
        copyRows(voxaRender.render(request), image.data, 0, 0, h, width);
        return;
      }
      const from = Math.max(0, y - BAND_OVERLAP_ROWS), to = Math.min(h, y + height + BAND_OVERLAP_ROWS);
      const band = voxaRender.render({ ...request, region: { x: 0, y: from, width, height: to - from } });
      copyRows(band, image.data, y - from, y, Math.min(height, h - y), width);
    },
    png() {
      if (!ctx || !image) throw new Error('prepare() first');
      ctx.putImageData(image, 0, 0);
      if (label) drawLabel(ctx, label);
      return out.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    },
  };
  (globalThis as unknown as { voxaRenderPage: RenderPageApi }).voxaRenderPage = api;
}

/** Rows [fromRow, fromRow + rows) of a base64 RGBA block `width` wide into the image from `toRow`, opaque. */
function copyRows(b64: string, image: Uint8ClampedArray, fromRow: number, toRow: number, rows: number, width: number): void {
  const s = atob(b64);
  const start = fromRow * width * 4, n = rows * width * 4, at = toRow * width * 4;
  // The background is black: pixels the volume leaves transparent become black, not see-through.
  for (let i = 0; i < n; i++) image[at + i] = (i & 3) === 3 ? 255 : s.charCodeAt(start + i);
}

/** The GPU (or software renderer) WebGL runs on, as the browser names it. */
function webglRenderer(canvas: PageCanvas): string {
  const gl = canvas.getContext('webgl2');
  if (!gl) return 'unknown';
  const info = gl.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null;
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
