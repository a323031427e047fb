import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { voxelTypeOf, type Volume } from '@voxa/core';
import { CHROMIUM, launchChromium } from './launchChromium.ts';
import type { RenderPageApi } from './renderPage.ts';
import type { RawVolumeGrid, RenderedParameters, RenderJob } from './RenderJob.ts';
import { servePage } from './servePage.ts';

/** Where build.mjs puts the page script, seen from a bundle chunk (dist/chunks/), dist/ itself, or the sources (src/render/, under tsx). */
const PAGE_SCRIPT_CANDIDATES = ['../renderPage.js', './renderPage.js', '../../dist/renderPage.js'];

/** Pixels per path-traced band: one call into the page, progress reported between bands. */
const BAND_PIXELS = 256 * 256;

/** The bundled page script, if built. */
export function pageScriptPath(): string | undefined {
  return PAGE_SCRIPT_CANDIDATES.map((p) => fileURLToPath(new URL(p, import.meta.url))).find((p) => existsSync(p));
}

/** What `voxa render` needs besides its input and is missing here, said so that a user can fix it (a whole sentence); undefined when all is there. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(CHROMIUM)) return `voxa render needs chromium (apt-get install chromium): ${CHROMIUM} is missing`;
  if (!pageScriptPath()) return 'voxa render needs its page script renderPage.js beside the CLI bundle: build the CLI (npm run build, or node packages/cli/build.mjs)';
  return undefined;
}

/** Options of {@link renderInChromium}. */
export interface RenderInChromiumOptions {
  /** Rows of the image done so far (path tracing renders band by band). */
  onProgress?: (rowsDone: number, rows: number) => void;
}

/** One rendered image and what it was rendered with. */
export interface ChromiumRender {
  /** The PNG as the browser encoded it (no metadata yet). */
  png: Uint8Array;
  parameters: RenderedParameters;
  /** The browser's product and version. */
  browser: string;
}

type PageWindow = { voxaRenderPage: RenderPageApi };

/**
 * Render a volume in headless chromium: a loopback server hands the page its script and the raw
 * voxels, the page renders with the renderer's page API and encodes the PNG. Server and browser
 * are closed whatever happens.
 */
export async function renderInChromium(volume: Volume, job: RenderJob, options: RenderInChromiumOptions = {}): Promise<ChromiumRender> {
  const script = pageScriptPath();
  if (!script) throw new Error(missingPrerequisite());
  const { bytes, grid } = rawVoxels(volume);
  const server = await servePage(await readFile(script), bytes);
  try {
    const browser = await launchChromium();
    const errors: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(server.pageUrl);
      await page.evaluate(([url, g]) => (globalThis as unknown as PageWindow).voxaRenderPage.load(url, g), [server.voxelsUrl, grid] as const);
      const parameters = await page.evaluate((j) => (globalThis as unknown as PageWindow).voxaRenderPage.prepare(j), job);
      const band = job.cinematic ? Math.max(1, Math.floor(BAND_PIXELS / job.width)) : job.height;
      for (let y = 0; y < job.height; y += band) {
        await page.evaluate(([from, rows]) => (globalThis as unknown as PageWindow).voxaRenderPage.renderRows(from, rows), [y, band] as const);
        options.onProgress?.(Math.min(job.height, y + band), job.height);
      }
      const png = Buffer.from(await page.evaluate(() => (globalThis as unknown as PageWindow).voxaRenderPage.png()), 'base64');
      return { png, parameters, browser: `chromium ${browser.version()}` };
    } catch (e) {
      const detail = errors.length ? `\n  in the page: ${errors.join('\n  ')}` : '';
      throw new Error(`${(e as Error).message ?? e}${detail}`, { cause: e });
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

/** The voxels' bytes as they are (float64, which WebGL cannot hold, as float32) and their grid. */
function rawVoxels(volume: Volume): { bytes: Uint8Array; grid: RawVolumeGrid } {
  const type = voxelTypeOf(volume.voxels);
  const voxels = type === 'float64' ? Float32Array.from(volume.voxels) : volume.voxels;
  return {
    bytes: new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength),
    grid: { dimensions: [...volume.dimensions], indexToWorld: [...volume.indexToWorld], voxelType: type === 'float64' ? 'float32' : type },
  };
}
