// A segmentation model in the workstation: the brain T1 that brainchop ships (t1_crop, 256³ LIA
// 1 mm, uint8) is stored as a DICOM MR series, opened in the page, and model5_gw_ae (niivue-onnx
// export) runs in a Web Worker through onnxruntime-web's WASM backend, from the manifest and ONNX
// file the server serves at /api/models. Its white and grey matter must match the local reference
// made with onnxruntime-node (shared/models/MANIFEST.md), and nothing may load from another origin.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mat4Invert, readNifti, uidFromName, type Mat4, type Volume } from '@voxa/core';
import { HAS_SHARED, sharedModel } from '../packages/core/test/util/shared.ts';
import { encodeMrSeries } from './util/mrSeries.ts';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

const MODEL = 'model5_gw_ae.niivue-onnx';
const T1 = sharedModel('brainchop-meshnet-gwm', 't1_crop.nii.gz');
const REFERENCE = sharedModel('brainchop-meshnet-gwm', 'reference_local', 't1_crop_seg_model5_gw_ae.nii.gz');

interface RunResult {
  result?: {
    modelId: string; cancelled: boolean; segments: number[]; layer?: number; backend?: string; threads?: number; wallMs: number; warnings: string[];
    timings?: { downloadMs: number; sessionMs: number; preprocessMs: number; inferenceMs: number; postprocessMs: number; totalMs: number };
  };
  error?: string;
  grid: { dimensions: [number, number, number]; indexToWorld: number[] };
}
interface SegState { error?: string; layers: number; segments: { number: number; label: string; layer: number; value: number; review: string; algorithmType: string; voxels: number }[] }

/**
 * The reference's labels on another grid, voxel by voxel through the two indexToWorld matrices
 * (LPS). The grids must coincide (same voxel centres, another axis order): every mapped index is
 * within 1e-3 of an integer, which is checked.
 */
function labelsOnGrid(ref: Volume, dims: [number, number, number], indexToWorld: Mat4): Uint8Array {
  const w2i = mat4Invert(ref.indexToWorld);
  const a = new Float64Array(16);
  // index → reference index: w2i · indexToWorld (column-major 4×4 product).
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) {
    let s = 0;
    for (let k = 0; k < 4; k++) s += w2i[k * 4 + r] * indexToWorld[c * 4 + k];
    a[c * 4 + r] = s;
  }
  const [rx, ry, rz] = ref.dimensions;
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(nx * ny * nz);
  let worst = 0;
  for (let k = 0, n = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, n++) {
    const x = a[0] * i + a[4] * j + a[8] * k + a[12], y = a[1] * i + a[5] * j + a[9] * k + a[13], z = a[2] * i + a[6] * j + a[10] * k + a[14];
    const xi = Math.round(x), yi = Math.round(y), zi = Math.round(z);
    worst = Math.max(worst, Math.abs(x - xi), Math.abs(y - yi), Math.abs(z - zi));
    if (xi >= 0 && yi >= 0 && zi >= 0 && xi < rx && yi < ry && zi < rz) out[n] = ref.voxels[xi + rx * (yi + ry * zi)];
  }
  if (worst > 1e-3) throw new Error(`the grids do not coincide: a voxel centre maps ${worst.toFixed(4)} voxels off the reference grid`);
  return out;
}

/** Dice of the voxels holding `va` in `a` and `vb` in `b` (core's `dice` on the two masks, in one pass). */
function labelDice(a: Uint8Array, va: number, b: Uint8Array, vb: number): number {
  let both = 0, na = 0, nb = 0;
  for (let n = 0; n < a.length; n++) {
    const x = a[n] === va, y = b[n] === vb;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return (2 * both) / (na + nb);
}

describe.runIf(canRunE2e() && HAS_SHARED)('a segmentation model in the browser (onnxruntime-web, WASM)', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const requests: string[] = [];
  const studyUid = uidFromName('voxa-e2e/t1_crop/study');
  const seriesUid = uidFromName('voxa-e2e/t1_crop/series');

  beforeAll(async () => {
    ws = await startWorkstation();
    const t1 = readNifti(new Uint8Array(await readFile(T1)), { file: T1 }).volumes[0];
    expect(t1.dimensions).toEqual([256, 256, 256]);
    const files = encodeMrSeries(t1, {
      patientName: 'Brainchop^T1', patientId: 'T1CROP', studyInstanceUid: studyUid, seriesInstanceUid: seriesUid,
      frameOfReferenceUid: uidFromName('voxa-e2e/t1_crop/for'), seriesDescription: 'T1 LIA 1 mm',
    });
    const boundary = 'e2e-t1-boundary';
    for (let n = 0; n < files.length; n += 64) {
      const parts = files.slice(n, n + 64);
      const body = Buffer.concat([...parts.flatMap((f) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.from(f), Buffer.from('\r\n')]), Buffer.from(`--${boundary}--\r\n`)]);
      const stow = await fetch(`${ws.base}/dicom-web/studies`, { method: 'POST', body, headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: 'application/dicom+json' } });
      expect(stow.status, `STOW of slices ${n}…${n + parts.length - 1}`).toBe(200);
    }
    ({ page, close } = await launchBrowser());
    page.on('request', (r) => requests.push(r.url()));
    await openStudy(page, ws.base, studyUid, seriesUid);
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  it('opens the stored T1 as one 256³ MR series', async () => {
    const series = await voxa<{ seriesUid: string; modality: string; status: string; dimensions: number[] }[]>(page, 'series');
    expect(series.map((s) => [s.seriesUid, s.modality, s.dimensions])).toEqual([[seriesUid, 'MR', [256, 256, 256]]]);
  });

  it('lists the model with its ONNX file available on the server', async () => {
    const { models } = await (await fetch(`${ws.base}/api/models`)).json() as { models: { id: string; file: { available: boolean; bytes: number } }[] };
    expect(models.find((m) => m.id === MODEL)?.file).toEqual({ available: true, bytes: 25230 });
  });

  it('runs model5 in a worker and finds white and grey matter as onnxruntime-node did (Dice ≥ 0.99 each)', async () => {
    const started = Date.now();
    const run = await voxa<RunResult>(page, 'segRunModel', MODEL);
    const pageMs = Date.now() - started;
    expect(run.error).toBeUndefined();
    const r = run.result!;
    expect(r.cancelled).toBe(false);
    expect(r.warnings).toEqual([]);
    expect([r.backend, r.threads], 'no cross-origin isolation here: the WASM backend runs one thread').toEqual(['wasm', 1]);
    const state = (await voxa<SegState>(page, 'segState'))!;
    expect(state.error).toBeUndefined();
    const added = state.segments.filter((g) => r.segments.includes(g.number));
    expect(added.map((g) => [g.label, g.layer, g.algorithmType, g.review])).toEqual([
      ['White Matter', r.layer, 'AUTOMATIC', 'proposal'],
      ['Grey Matter', r.layer, 'AUTOMATIC', 'proposal'],
    ]);
    const layer = new Uint8Array(Buffer.from(await voxa<string>(page, 'segLayerBase64', r.layer), 'base64'));
    expect(layer.length).toBe(256 ** 3);

    const ref = readNifti(new Uint8Array(await readFile(REFERENCE)), { file: REFERENCE }).volumes[0];
    const refOnGrid = labelsOnGrid(ref, run.grid.dimensions, Float64Array.from(run.grid.indexToWorld));
    const [wm, gm] = added;
    const diceWm = labelDice(layer, wm.value, refOnGrid, 1);
    const diceGm = labelDice(layer, gm.value, refOnGrid, 2);
    const t = r.timings!;
    console.log(`[segmentModel] ${MODEL} in chromium (wasm, ${r.threads} thread): Dice WM ${diceWm.toFixed(5)} (${wm.voxels} voxels), GM ${diceGm.toFixed(5)} (${gm.voxels}); `
      + `page ${(pageMs / 1000).toFixed(1)} s = download ${t.downloadMs.toFixed(0)} ms, session ${t.sessionMs.toFixed(0)} ms, preprocess ${t.preprocessMs.toFixed(0)} ms, `
      + `inference ${(t.inferenceMs / 1000).toFixed(1)} s, postprocess ${t.postprocessMs.toFixed(0)} ms (worker total ${(t.totalMs / 1000).toFixed(1)} s, session wall ${(r.wallMs / 1000).toFixed(1)} s)`);
    // The reference is onnxruntime-node's (CPU EP, float32) on the same weights: only float rounding
    // can flip a boundary voxel (MANIFEST.md: "a handful").
    expect(diceWm, 'white matter vs the onnxruntime-node reference').toBeGreaterThanOrEqual(0.99);
    expect(diceGm, 'grey matter vs the onnxruntime-node reference').toBeGreaterThanOrEqual(0.99);
    expect(wm.voxels / 518540, 'WM voxel count vs the reference (518 540, MANIFEST.md)').toBeCloseTo(1, 2);
    expect(gm.voxels / 735212, 'GM voxel count vs the reference (735 212)').toBeCloseTo(1, 2);
    await page.screenshot({ path: artifactPath('segment-model.png') });
  }, 300_000);

  it('undoes the model run as one edit (its layer goes) and redoes it', async () => {
    const before = (await voxa<SegState>(page, 'segState'))!;
    await voxa(page, 'segUndo');
    const undone = (await voxa<SegState>(page, 'segState'))!;
    expect([undone.layers, undone.segments.length]).toEqual([before.layers - 1, before.segments.length - 2]);
    await voxa(page, 'segRedo');
    const redone = (await voxa<SegState>(page, 'segState'))!;
    expect(redone.segments.map((g) => [g.label, g.voxels])).toEqual(before.segments.map((g) => [g.label, g.voxels]));
  });

  it('cancels a run inside the model: the worker is terminated, nothing is added, no error', async () => {
    const before = (await voxa<SegState>(page, 'segState'))!;
    const running = voxa<RunResult>(page, 'segRunModel', MODEL);
    await page.waitForFunction(() => (globalThis as unknown as { __voxa: { segModelRun(): { stage: string } | undefined } }).__voxa.segModelRun()?.stage === 'inference',
      undefined, { polling: 50, timeout: 120_000 });
    const modelWorkers = () => page.workers().filter((w) => /modelWorker/.test(w.url()));
    expect(modelWorkers(), 'the model runs in its own worker').toHaveLength(1);
    await voxa(page, 'segCancelModel');
    const r = await running;
    expect(r.error).toBeUndefined();
    expect(r.result?.cancelled).toBe(true);
    const after = (await voxa<SegState>(page, 'segState'))!;
    expect([after.layers, after.segments.length]).toEqual([before.layers, before.segments.length]);
    await expect.poll(() => modelWorkers().length, { message: 'the cancelled worker is gone', timeout: 5000 }).toBe(0);
  }, 180_000);

  it('fetched the model and onnxruntime\'s wasm from our server only: no request left the origin', () => {
    const origin = new URL(ws.base).origin;
    const paths = requests.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname);
    const elsewhere = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
    expect(paths, 'the worker\'s requests are seen (manifest, model, runtime)').toEqual(expect.arrayContaining([
      `/api/models/${MODEL}/manifest`, `/api/models/${MODEL}/file`, '/ort/ort-wasm-simd-threaded.mjs', '/ort/ort-wasm-simd-threaded.wasm',
    ]));
  });
});
