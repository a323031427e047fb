// Volume rendering benchmark: Voxa's ray caster against vtk.js (vtkVolumeMapper) and NiiVue, and
// Voxa's path tracer, in one headless Debian chromium run.
//
//   npm run bench -- render [--size N] [--image N] [--frames N] [--warmup N] [--pt-window N]
//
// Volume: the torso phantom's CT resampled to N³ int16 (default 256³ at 1.4 mm, bench/render/
// benchVolume.ts); the same voxels for all three. Each renderer draws on its own canvas of
// --image² pixels (default 512²) with the same transfer function (core's CT bone preset: colour and
// opacity points, opacity per mm) and lighting, shading on, a ray step of half a voxel, and the
// same orthographic view (anterior, superior up, view height 1.1 × the volume's edge).
//   frame time  per frame: turn the camera 1° about its up axis, render, and wait for the GPU (a
//               one-pixel readPixels, the same for all). --warmup frames (default 5) untimed, then
//               --frames (default 30) timed in 5 rounds whose renderer order rotates (the machine's
//               other load spreads over all); median and p95.
//   screenshots each renderer's frame at 0° and 30°, saved to .bench/render/*.png with a side-by-side
//               compare.png; the foreground each drew, its IoU with Voxa's and the mean colour
//               difference. A renderer that draws (almost) nothing fails the run.
//   path tracer voxaRender.render (the page API) with cinematic settings, output 'rgba-float', in a
//               window of the start view (--pt-window, default 32×32: on SwiftShader the bone
//               preset's reference takes minutes even so), placed where bone and background meet:
//               a 4,096-paths-per-pixel reference, then 16, 32, 64, …
//               samples (each render from zero, timed in the page) until PSNR against the reference
//               reaches 30 dB; paths per second; time to 30 dB.
// Results: a table and .bench/render.json. Exit 1 if a renderer failed; goals not met are reported.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { benchVolume } from './render/benchVolume.ts';
import { imagePsnr as psnr } from '@voxa/core';
import { foreground, fraction, iou, meanAbsDiff, percentile, pickWindow } from './render/imageStats.ts';
import {
  BENCH_PRESET, RENDERER_LABELS, type BenchCamera, type PixelRegion, type RendererName, type RenderBenchPage, type RenderBenchSetup, type ViewInfo,
} from './render/renderBenchScene.ts';
import { serveFolder } from './render/staticServer.ts';
import { median } from './util/measure.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, '.bench/render');
const CHROMIUM = '/usr/bin/chromium';
const RENDERERS: RendererName[] = ['voxa', 'vtkjs', 'niivue', 'niivue-native'];
const GOALS = { vtkjs: 1.5, niivue: 1.0 } as const;
const ROUNDS = 5;
const SNAPSHOT_ANGLES = [0, 30];
const PT_REFERENCE_SAMPLES = 4096;
const PT_TARGET_DB = 30;
/** Sample counts tried in order; the run stops after the first that reaches the target, but not before 256. */
const PT_SAMPLES = [16, 32, 64, 128, 256, 512, 1024, 2048];

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

/** The page API, called in the page. */
function call<K extends keyof RenderBenchPage>(page: Page, fn: K, ...a: Parameters<RenderBenchPage[K]>): Promise<Awaited<ReturnType<RenderBenchPage[K]>>> {
  return page.evaluate(([f, x]) => {
    const api = (globalThis as unknown as { __renderBench: Record<string, (...y: unknown[]) => unknown> }).__renderBench;
    return api[f as string](...(x as unknown[]));
  }, [fn, a] as const) as Promise<Awaited<ReturnType<RenderBenchPage[K]>>>;
}

async function buildPage(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'bench/render/page/main.ts')],
    outfile: join(WORK, 'page.js'),
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'warning', minify: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    // The codecs' Emscripten glue (through @voxa/core) names Node modules on paths a page never takes.
    external: ['fs', 'path', 'crypto', 'module', 'url', 'worker_threads', 'node:*'],
  });
  writeFileSync(join(WORK, 'index.html'), '<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0;background:#000"><script type="module" src="page.js"></script></body></html>\n');
}

async function launch(imagePx: number): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-gpu-vsync', '--disable-frame-rate-limit'],
  });
  const page = await browser.newPage({ viewport: { width: Math.max(1280, RENDERERS.length * imagePx), height: imagePx + 100 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { browser, page, errors };
}

interface RendererResult {
  name: RendererName;
  label: string;
  medianMs: number;
  p95Ms: number;
  fps: number;
  textures: string[];
  foreground: number;
  iouWithVoxa: number;
  meanAbsDiffWithVoxa: number;
  framesMs: number[];
}

interface PathTracerResult {
  window: PixelRegion;
  view: number;
  referenceSamples: number;
  referenceMs: number;
  pathsPerSecond: number;
  steps: { samples: number; ms: number; psnrDb: number }[];
  to30dB: { samples: number; ms: number } | null;
}

export async function main(args: string[]): Promise<number> {
  const size = Number(arg(args, '--size', '256'));
  const imagePx = Number(arg(args, '--image', '512'));
  const frames = Number(arg(args, '--frames', '30'));
  const warmup = Number(arg(args, '--warmup', '5'));
  const ptWindow = Number(arg(args, '--pt-window', '32'));
  if (!existsSync(CHROMIUM)) {
    console.error(`render bench needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);
    return 1;
  }
  const load0 = loadavg()[0];
  console.log(`making the ${size}³ CT (once per size)…`);
  const vol = benchVolume(size, WORK);
  await buildPage();
  const edgeMm = vol.grid.spacingMm * size;
  const camera: BenchCamera = { target: [0, 0, 0], direction: [0, -1, 0], up: [0, 0, 1], heightMm: 1.1 * edgeMm };
  const setup: RenderBenchSetup = {
    grid: vol.grid, rawUrl: `/${basename(vol.rawPath)}`, niftiUrl: `/${basename(vol.niftiPath)}`, imagePx,
    transferFunction: BENCH_PRESET.transferFunction, shading: BENCH_PRESET.shading!, sampleDistanceMm: vol.grid.spacingMm / 2, camera,
  };
  const server = await serveFolder(WORK);
  const { browser, page, errors } = await launch(imagePx);
  const failed: string[] = [];
  try {
    await page.goto(`${server.origin}/index.html`);
    await page.waitForFunction(() => !!(globalThis as unknown as { __renderBench?: unknown }).__renderBench, undefined, { timeout: 60_000 });
    console.log(`setting up ${RENDERERS.map((r) => RENDERER_LABELS[r]).join(', ')} on ${imagePx}² canvases…`);
    const infos = await call(page, 'setup', setup, RENDERERS).catch((e: Error) => {
      throw new Error(`${e.message}\npage console:\n${errors.slice(-20).join('\n')}`);
    });
    const glRenderer = await call(page, 'glRenderer');
    console.log(`WebGL: ${glRenderer}`);

    // Frame times: the same angle sequence for every renderer; rounds rotate the order.
    const times = new Map<RendererName, number[]>(RENDERERS.map((r) => [r, []]));
    const warmAngles = Array.from({ length: warmup }, (_, i) => i + 1);
    for (const r of RENDERERS) await call(page, 'time', r, warmAngles);
    const perRound = Math.ceil(frames / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const first = warmup + 1 + round * perRound;
      const angles = Array.from({ length: Math.min(perRound, frames - round * perRound) }, (_, i) => first + i);
      if (!angles.length) break;
      const order = RENDERERS.map((_, i) => RENDERERS[(i + round) % RENDERERS.length]);
      for (const r of order) times.get(r)!.push(...(await call(page, 'time', r, angles)));
      console.log(`  round ${round + 1}: ${order.map((r) => `${r} ${median(times.get(r)!.slice(-angles.length)).toFixed(0)} ms`).join(', ')}`);
    }

    // Screenshots: the same angles for all; what each drew, compared with Voxa's.
    const shots = new Map<string, Uint8Array>();
    for (const deg of SNAPSHOT_ANGLES) for (const r of RENDERERS) shots.set(`${r}@${deg}`, Buffer.from(await call(page, 'snapshot', r, deg), 'base64'));
    const results = RENDERERS.map((r): RendererResult => {
      const info = infos.find((i: ViewInfo) => i.name === r)!;
      const ms = times.get(r)!;
      const own = shots.get(`${r}@0`)!, voxa = shots.get('voxa@0')!;
      const mOwn = foreground(own), mVoxa = foreground(voxa);
      const fg = fraction(mOwn);
      if (fg < 0.005) failed.push(`${RENDERER_LABELS[r]} drew nothing (foreground ${(fg * 100).toFixed(2)}% of the image)`);
      const med = median(ms);
      return {
        name: r, label: RENDERER_LABELS[r], medianMs: med, p95Ms: percentile(ms, 95), fps: 1000 / med, textures: info.textures,
        foreground: fg, iouWithVoxa: iou(mOwn, mVoxa), meanAbsDiffWithVoxa: meanAbsDiff(own, voxa, mOwn, mVoxa), framesMs: ms,
      };
    });
    await saveScreenshots(shots, imagePx);

    console.log('path tracer: installing the page API…');
    await call(page, 'installPathTracer', setup);
    const pathTracer = await benchPathTracer(page, pickWindow(foreground(shots.get('voxa@0')!), imagePx, Math.min(ptWindow, imagePx)), imagePx);
    const load1 = loadavg()[0];
    report({ size, imagePx, frames, warmup, vol, glRenderer, results, pathTracer, load: [load0, load1], errors, failed });
  } finally {
    await browser.close();
    await server.close();
  }
  return failed.length ? 1 : 0;
}

async function benchPathTracer(page: Page, window: PixelRegion, imagePx: number): Promise<PathTracerResult> {
  const floats = (b64: string) => {
    const b = Buffer.from(b64, 'base64');
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  await call(page, 'trace', 16, window); // shaders, the float volume, the occupancy grid: untimed
  console.log(`path tracer: ${PT_REFERENCE_SAMPLES}-sample reference of the ${window.width}×${window.height} window at (${window.x}, ${window.y})…`);
  const ref = await call(page, 'trace', PT_REFERENCE_SAMPLES, window);
  const reference = floats(ref.data);
  const steps: PathTracerResult['steps'] = [];
  let to30dB: PathTracerResult['to30dB'] = null;
  for (const samples of PT_SAMPLES) {
    const r = await call(page, 'trace', samples, window);
    const db = psnr(floats(r.data), reference);
    steps.push({ samples, ms: r.ms, psnrDb: db });
    console.log(`  ${String(samples).padStart(5)} samples: ${r.ms.toFixed(0).padStart(6)} ms, ${db.toFixed(1)} dB`);
    if (db >= PT_TARGET_DB && !to30dB) {
      to30dB = { samples, ms: r.ms };
      await savePng(floatsToBytes(floats(r.data)), window.width, window.height, join(WORK, `pathtracer-${samples}.png`), zoomFor(window));
    }
    if (to30dB && samples >= 256) break;
  }
  await savePng(floatsToBytes(reference), window.width, window.height, join(WORK, 'pathtracer-reference.png'), zoomFor(window));
  const pixels = window.width * window.height;
  return {
    window, view: imagePx, referenceSamples: PT_REFERENCE_SAMPLES, referenceMs: ref.ms,
    pathsPerSecond: (PT_REFERENCE_SAMPLES * pixels) / (ref.ms / 1000), steps, to30dB,
  };
}

/** Path tracer windows are saved enlarged to about 256 pixels (nearest neighbour). */
function zoomFor(w: PixelRegion): number {
  return Math.max(1, Math.round(256 / w.width));
}

function floatsToBytes(f: Float32Array): Uint8Array {
  return Uint8Array.from(f, (v, i) => (i % 4 === 3 ? 255 : Math.round(Math.min(1, Math.max(0, v)) * 255)));
}

async function savePng(rgba: Uint8Array, w: number, h: number, path: string, zoom = 1): Promise<void> {
  let img = sharp(Buffer.from(rgba), { raw: { width: w, height: h, channels: 4 } });
  if (zoom > 1) img = sharp(await img.png().toBuffer()).resize(w * zoom, h * zoom, { kernel: 'nearest' });
  await img.png().toFile(path);
}

/** Each renderer's frame at 0° (<name>.png) and a grid of all of them (compare.png: a row per angle). */
async function saveScreenshots(shots: Map<string, Uint8Array>, px: number): Promise<void> {
  for (const r of RENDERERS) await savePng(shots.get(`${r}@0`)!, px, px, join(WORK, `${r}.png`));
  const tiles = await Promise.all(SNAPSHOT_ANGLES.flatMap((deg, row) => RENDERERS.map(async (r, col) => ({
    input: await sharp(Buffer.from(shots.get(`${r}@${deg}`)!), { raw: { width: px, height: px, channels: 4 } }).png().toBuffer(),
    left: col * (px + 8), top: row * (px + 8),
  }))));
  await sharp({ create: { width: RENDERERS.length * (px + 8) - 8, height: SNAPSHOT_ANGLES.length * (px + 8) - 8, channels: 4, background: { r: 60, g: 60, b: 60, alpha: 1 } } })
    .composite(tiles).png().toFile(join(WORK, 'compare.png'));
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function report(r: {
  size: number; imagePx: number; frames: number; warmup: number; vol: ReturnType<typeof benchVolume>; glRenderer: string;
  results: RendererResult[]; pathTracer: PathTracerResult; load: [number, number]; errors: string[]; failed: string[];
}): void {
  const by = (n: RendererName) => r.results.find((x) => x.name === n)!;
  const voxa = by('voxa');
  console.log(`\n${r.size}³ int16 CT at ${r.vol.grid.spacingMm.toFixed(2)} mm, ${r.imagePx}² image, step ${(r.vol.grid.spacingMm / 2).toFixed(2)} mm (half a voxel), ${r.frames} frames of 1° after ${r.warmup} warm-up`);
  console.log(`${'renderer'.padEnd(30)}${'median ms'.padStart(11)}${'p95 ms'.padStart(9)}${'fps'.padStart(8)}${'Voxa ×'.padStart(9)}${'drawn'.padStart(8)}${'IoU'.padStart(7)}  3D textures`);
  for (const x of r.results) {
    console.log(`${x.label.padEnd(30)}${x.medianMs.toFixed(0).padStart(11)}${x.p95Ms.toFixed(0).padStart(9)}${x.fps.toFixed(2).padStart(8)}${(x.medianMs / voxa.medianMs).toFixed(2).padStart(9)}${`${(x.foreground * 100).toFixed(0)}%`.padStart(8)}${x.iouWithVoxa.toFixed(3).padStart(7)}  ${x.textures.join(', ')}`);
  }
  const vsVtk = by('vtkjs').medianMs / voxa.medianMs, vsNiivue = by('niivue').medianMs / voxa.medianMs;
  const goals = { vtkjs: vsVtk >= GOALS.vtkjs, niivue: vsNiivue >= GOALS.niivue };
  console.log(`goal Voxa ≥ ${GOALS.vtkjs}× vtk.js's frame rate: ${goals.vtkjs ? 'MET' : 'NOT MET'} (${vsVtk.toFixed(2)}×)`);
  console.log(`goal Voxa ≥ ${GOALS.niivue}× NiiVue's frame rate (same step): ${goals.niivue ? 'MET' : 'NOT MET'} (${vsNiivue.toFixed(2)}×; ${(by('niivue-native').medianMs / voxa.medianMs).toFixed(2)}× NiiVue at its own one-voxel step)`);
  const pt = r.pathTracer;
  const px = pt.window.width * pt.window.height;
  console.log(`path tracer (${pt.window.width}×${pt.window.height} window of the ${pt.view}² view): ${(pt.pathsPerSecond / 1e6).toFixed(2)} M paths/s (${PT_REFERENCE_SAMPLES} samples in ${(pt.referenceMs / 1000).toFixed(1)} s); ` +
    `${(pt.pathsPerSecond / px).toFixed(0)} samples/s per pixel in the window, ${(pt.pathsPerSecond / (pt.view * pt.view)).toFixed(2)} at the full view`);
  console.log(pt.to30dB
    ? `path tracer: ${PT_TARGET_DB} dB at ${pt.to30dB.samples} samples in ${(pt.to30dB.ms / 1000).toFixed(2)} s for the window (≈ ${((pt.to30dB.samples * pt.view * pt.view) / pt.pathsPerSecond).toFixed(0)} s for the full ${pt.view}² view at that rate)`
    : `path tracer: ${PT_TARGET_DB} dB not reached by ${PT_SAMPLES.at(-1)} samples`);
  console.log(`load average (1 min) ${r.load[0].toFixed(2)} before, ${r.load[1].toFixed(2)} after, ${cpus().length} cores; screenshots in ${WORK}`);
  for (const f of r.failed) console.log(`FAILED: ${f}`);
  if (r.errors.length) console.log(`page errors:\n  ${r.errors.slice(0, 10).join('\n  ')}`);
  writeFileSync(join(ROOT, '.bench/render.json'), JSON.stringify({
    date: new Date().toISOString(), chromium: chromiumVersion(), glRenderer: r.glRenderer, cores: cpus().length, loadAverage: r.load,
    volume: { dimensions: r.vol.grid.dimensions, spacingMm: r.vol.grid.spacingMm, rangeHu: r.vol.range, preset: BENCH_PRESET.name },
    imagePx: r.imagePx, sampleDistanceMm: r.vol.grid.spacingMm / 2, frames: r.frames, warmup: r.warmup,
    renderers: r.results, ratios: { vtkjs: vsVtk, niivue: vsNiivue, niivueNative: by('niivue-native').medianMs / voxa.medianMs }, goals,
    pathTracer: r.pathTracer, failed: r.failed, pageErrors: r.errors,
  }, null, 2));
}
