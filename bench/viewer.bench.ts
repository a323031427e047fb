// Viewer benchmark: the Voxa workstation against Cornerstone3D (npm, the library under OHIF), in
// the same headless Debian chromium, on the same series served by the same Voxa server.
//
//   npm run bench -- viewer [--runs N] [--size full|small] [--frames F] [--fresh]
//
// Data: the demo phantom's baseline CT (full: 512×512×300 int16, 150 MiB of voxels), seeded once
// into .bench/viewer/data-<size> (--fresh re-seeds). The server serves Voxa's app at / and the
// peer's page (bench/viewer/cornerstone, built here with vite) at /cs3d/, so both fetch the same
// WADO-RS metadata and frames from the same origin.
// Per run, each viewer in a fresh browser (order alternates between runs):
//   first image  performance.now() (from navigation start) when the first frame showing a loaded
//                slice is drawn. Voxa: its renderer's first frame after a slice arrived. Peer: the
//                first IMAGE_RENDERED whose axial canvas shows the body at its centre.
//   full volume  when the last slice is on the GPU (Voxa: the loader's end; peer: its
//                IMAGE_VOLUME_LOADING_COMPLETED event).
//   frame time   F steps each of scrolling the axial view by one slice and of rotating by 1°, from
//                the call to the frame drawn and the GPU done (Voxa: next animation frame + a
//                one-pixel read; peer: its IMAGE_RENDERED, after it copied the frame to the
//                viewport's 2D canvas). Voxa redraws its three MPR views per step, the peer its one.
//   memory       after load and a forced GC: the page's JS heap (V8 used size + ArrayBuffer backing
//                stores, over CDP) and the texture bytes the page allocated (a WebGL probe injected
//                before any script, the same for both), over the voxel data. Worker heaps are not
//                included (neither viewer keeps volume data there).
// The viewports of the peer get the same size as Voxa's MPR viewports. Results: a table and
// .bench/viewer.json. Exit 1 if a viewer failed.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { installGpuTextureProbe } from './viewer/gpuTextureProbe.ts';
import { median } from './util/measure.ts';
import { startVoxa, type RunningServer } from './util/servers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = resolve(ROOT, 'packages/cli/dist/voxa.mjs');
const APP_DIST = resolve(ROOT, 'packages/app/dist');
const WORK = resolve(ROOT, '.bench/viewer');
const CHROMIUM = '/usr/bin/chromium';
const GOAL_FIRST = 'first image no later than Cornerstone3D\'s';
const GOAL_MEMORY = 'memory ≤ 1.5× the voxel data';
const MiB = 2 ** 20;

interface ViewerRun {
  viewer: 'Voxa' | 'Cornerstone3D';
  firstImageMs: number;
  fullVolumeMs: number;
  scrollMs: number[];
  rotateMs: number[];
  heapBytes: number;
  textureBytes: number;
  viewport: [number, number];
}

interface Target {
  study: string;
  series: string;
  instances: number;
  voxelBytes: number;
  dimensions: number[];
}

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

async function buildPeerPage(site: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: join(ROOT, 'bench/viewer/cornerstone'),
    base: '/cs3d/',
    logLevel: 'warn',
    configFile: false,
    build: { outDir: join(site, 'cs3d'), emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
    worker: { format: 'es' },
    // vtk.js's xmlbuilder2 extends Node's EventEmitter; the browser gets the npm `events` package.
    resolve: { alias: { events: join(ROOT, 'node_modules/events/events.js') } },
  });
}

async function startServer(size: string, fresh: boolean, site: string): Promise<RunningServer> {
  const dataDir = join(WORK, `data-${size}`);
  const marker = join(dataDir, 'seeded');
  const seeded = !fresh && existsSync(marker);
  if (!seeded) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (!seeded) console.log(`seeding the ${size} demo into ${dataDir} (once)…`);
  const server = await startVoxa(CLI, dataDir, {
    args: ['--demo-size', size, '--app-dir', site],
    ready: seeded ? undefined : /demo phantom seeded/,
    readyTimeoutMs: 15 * 60_000,
  });
  writeFileSync(marker, 'demo seeded\n');
  return server;
}

async function findTarget(base: string): Promise<Target> {
  const json = async (path: string) => {
    const r = await fetch(`${base}${path}`, { headers: { Accept: 'application/dicom+json' } });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return (await r.json()) as Record<string, { Value?: unknown[] }>[];
  };
  const studies = (await json('/studies?includefield=00080020')).sort((a, b) => String(a['00080020']?.Value?.[0]).localeCompare(String(b['00080020']?.Value?.[0])));
  const study = studies[0]['0020000D'].Value![0] as string;
  const series = (await json(`/studies/${study}/series?Modality=CT`))[0];
  const uid = series['0020000E'].Value![0] as string;
  const meta = await json(`/studies/${study}/series/${uid}/metadata`);
  const rows = meta[0]['00280010'].Value![0] as number, cols = meta[0]['00280011'].Value![0] as number;
  const bits = meta[0]['00280100'].Value![0] as number;
  return { study, series: uid, instances: meta.length, dimensions: [cols, rows, meta.length], voxelBytes: rows * cols * meta.length * (bits / 8) };
}

async function launch(): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
      // Animation frames as fast as the page can draw, so frame times are the viewers' own.
      '--disable-gpu-vsync', '--disable-frame-rate-limit'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions passed to the page need it.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript(installGpuTextureProbe);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  return { browser, page, errors };
}

async function memoryOf(page: Page): Promise<{ heapBytes: number; textureBytes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  const textureBytes = await page.evaluate(() => (window as unknown as { __gpuTextureBytes: () => number }).__gpuTextureBytes());
  return { heapBytes: heap.usedSize + (heap.backingStorageSize ?? 0), textureBytes };
}

async function runVoxa(origin: string, t: Target, frames: number): Promise<ViewerRun> {
  const { browser, page } = await launch();
  try {
    await page.goto(`${origin}/#/study/${t.study}`);
    await page.waitForFunction(() => !!(window as unknown as { __voxa?: unknown }).__voxa, undefined, { timeout: 60_000 });
    await page.evaluate(() => (window as unknown as { __voxa: { settled(): Promise<void> } }).__voxa.settled());
    const r = await page.evaluate(async (n) => {
      type V = {
        series(): { seriesUid: string; status: string; error?: string; firstImageAt?: number; completeAt?: number }[];
        primary(): string; scroll(o: string, steps: number): void;
        rotate(o: string, deg: number): void; renderSync(): void; slots(): { content: string; rect?: { width: number; height: number } }[];
      };
      const v = (window as unknown as { __voxa: V }).__voxa;
      const s = v.series().find((x) => x.seriesUid === v.primary())!;
      if (s.status !== 'ready') throw new Error(`Voxa: series ${s.status}: ${s.error ?? ''}`);
      const nextFrame = () => new Promise((res) => requestAnimationFrame(res));
      await nextFrame();
      const step = async (change: () => void) => {
        const t0 = performance.now();
        change();
        await nextFrame(); // the controller's own frame callback (registered first) draws
        v.renderSync(); // an extra draw is nothing if none was due, and the read waits for the GPU
        return performance.now() - t0;
      };
      const scroll: number[] = [], rotate: number[] = [];
      for (let i = 1; i <= n; i++) scroll.push(await step(() => v.scroll('axial', 1)));
      for (let i = 0; i < n; i++) rotate.push(await step(() => v.rotate('axial', 1)));
      const rect = v.slots().find((x) => x.content === 'axial')?.rect;
      return { first: s.firstImageAt!, complete: s.completeAt!, scroll, rotate, viewport: [rect?.width ?? 0, rect?.height ?? 0] as [number, number] };
    }, frames);
    const mem = await memoryOf(page);
    return { viewer: 'Voxa', firstImageMs: r.first, fullVolumeMs: r.complete, scrollMs: r.scroll, rotateMs: r.rotate, viewport: r.viewport, ...mem };
  } finally {
    await browser.close();
  }
}

async function runPeer(origin: string, t: Target, frames: number, viewport: [number, number]): Promise<ViewerRun> {
  const { browser, page, errors } = await launch();
  try {
    const q = new URLSearchParams({ study: t.study, series: t.series, vw: String(viewport[0]), vh: String(viewport[1]) });
    await page.goto(`${origin}/cs3d/index.html?${q}`);
    await page.waitForFunction(() => {
      const w = window as unknown as { __cs?: unknown; __csError?: string };
      if (w.__csError) throw new Error(`Cornerstone3D: ${w.__csError}`);
      return !!w.__cs;
    }, undefined, { timeout: 5 * 60_000, polling: 100 }).catch((e: Error) => {
      throw new Error(`${e.message}\npage console:\n${errors.slice(-20).join('\n')}`);
    });
    const r = await page.evaluate(async (n) => {
      type C = { marks: Record<string, number>; scroll(d: number): Promise<void>; rotate(deg: number): Promise<void> };
      const cs = (window as unknown as { __cs: C }).__cs;
      const time = async (f: () => Promise<void>) => { const t0 = performance.now(); await f(); return performance.now() - t0; };
      const scroll: number[] = [], rotate: number[] = [];
      for (let i = 0; i < n; i++) scroll.push(await time(() => cs.scroll(1)));
      for (let i = 0; i < n; i++) rotate.push(await time(() => cs.rotate(1)));
      return { marks: cs.marks, scroll, rotate };
    }, frames);
    const mem = await memoryOf(page);
    return { viewer: 'Cornerstone3D', firstImageMs: r.marks.firstImage, fullVolumeMs: r.marks.complete, scrollMs: r.scroll, rotateMs: r.rotate, viewport, ...mem };
  } finally {
    await browser.close();
  }
}

export async function main(args: string[]): Promise<number> {
  const runs = Number(arg(args, '--runs', '3'));
  const size = arg(args, '--size', 'full');
  const frames = Number(arg(args, '--frames', '40'));
  if (!existsSync(CHROMIUM)) {
    console.error(`viewer bench needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);
    return 1;
  }
  const site = join(WORK, 'site');
  rmSync(site, { recursive: true, force: true });
  cpSync(APP_DIST, site, { recursive: true });
  console.log('building the Cornerstone3D page…');
  await buildPeerPage(site);
  const server = await startServer(size, args.includes('--fresh'), site);
  const origin = new URL(server.base).origin;
  const results: ViewerRun[] = [];
  try {
    const t = await findTarget(server.base);
    console.log(`series ${t.series}: ${t.dimensions.join('×')}, ${(t.voxelBytes / MiB).toFixed(0)} MiB of voxels; ${runs} runs, ${frames} frames per interaction`);
    let viewport: [number, number] = [0, 0];
    for (let i = 0; i < runs; i++) {
      // Voxa goes first in the first run (the peer's viewports copy its size), then the order alternates.
      for (const which of i % 2 === 0 ? ['Voxa', 'Cornerstone3D'] : ['Cornerstone3D', 'Voxa']) {
        const r = which === 'Voxa' ? await runVoxa(origin, t, frames) : await runPeer(origin, t, frames, viewport);
        if (r.viewer === 'Voxa') viewport = r.viewport;
        results.push(r);
        console.log(`  run ${i + 1} ${r.viewer}: first image ${r.firstImageMs.toFixed(0)} ms, full volume ${r.fullVolumeMs.toFixed(0)} ms`);
      }
    }
    return report(t, results);
  } finally {
    await server.stop();
  }
}

function report(t: Target, results: ViewerRun[]): number {
  const summary = (viewer: ViewerRun['viewer']) => {
    const rs = results.filter((r) => r.viewer === viewer);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      viewer, runs: rs.length, viewport: rs[0].viewport,
      firstImageMs: median(rs.map((r) => r.firstImageMs)),
      fullVolumeMs: median(rs.map((r) => r.fullVolumeMs)),
      scrollFrameMs: median(rs.map((r) => mean(r.scrollMs))),
      rotateFrameMs: median(rs.map((r) => mean(r.rotateMs))),
      heapMiB: median(rs.map((r) => r.heapBytes)) / MiB,
      textureMiB: median(rs.map((r) => r.textureBytes)) / MiB,
      memoryRatio: median(rs.map((r) => (r.heapBytes + r.textureBytes) / t.voxelBytes)),
    };
  };
  const voxa = summary('Voxa'), peer = summary('Cornerstone3D');
  const row = (label: string, f: (s: typeof voxa) => number, digits = 0, unit = '') =>
    console.log(`${label.padEnd(28)}${(f(voxa).toFixed(digits) + unit).padStart(14)}${(f(peer).toFixed(digits) + unit).padStart(16)}${(f(voxa) / f(peer)).toFixed(2).padStart(10)}`);
  console.log(`\n${'median of runs'.padEnd(28)}${'Voxa'.padStart(14)}${'Cornerstone3D'.padStart(16)}${'ratio'.padStart(10)}`);
  row('first image (ms)', (s) => s.firstImageMs);
  row('full volume (ms)', (s) => s.fullVolumeMs);
  row('scroll frame (ms)', (s) => s.scrollFrameMs, 1);
  row('rotate frame (ms)', (s) => s.rotateFrameMs, 1);
  row('JS heap (MiB)', (s) => s.heapMiB, 1);
  row('GPU textures (MiB)', (s) => s.textureMiB, 1);
  row('memory / voxel data', (s) => s.memoryRatio, 2, '×');
  console.log(`viewports ${voxa.viewport.join('×')} CSS px (both); voxel data ${(t.voxelBytes / MiB).toFixed(1)} MiB`);
  const firstOk = voxa.firstImageMs <= peer.firstImageMs, memOk = voxa.memoryRatio <= 1.5;
  console.log(`goal ${GOAL_FIRST}: ${firstOk ? 'MET' : 'NOT MET'} (${voxa.firstImageMs.toFixed(0)} vs ${peer.firstImageMs.toFixed(0)} ms)`);
  console.log(`goal ${GOAL_MEMORY}: ${memOk ? 'MET' : 'NOT MET'} (${voxa.memoryRatio.toFixed(2)}×; Cornerstone3D ${peer.memoryRatio.toFixed(2)}×)`);
  mkdirSync(dirname(WORK), { recursive: true });
  writeFileSync(join(ROOT, '.bench/viewer.json'), JSON.stringify({ target: t, voxa, cornerstone3d: peer, goals: { firstImage: firstOk, memory: memOk }, runs: results }, null, 2));
  return 0;
}
