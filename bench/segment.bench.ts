// Segmentation benchmark: Voxa's core algorithms on the full demo CT phantom (512×512×300) against
// scipy.ndimage (Debian python3-scipy) and itk-wasm's morphological contour interpolation in the
// same run, plus ONNX inference throughput in Node.
//
//   npm run bench -- segment [--runs N] [--size full|small] [--no-onnx]
//
// Each operation runs N times (default 3; median reported) on the same inputs; outputs are compared
// (Dice) so a fast wrong answer shows. Results: a table and .bench/segment.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  connectedThreshold, dice, fillBetweenSlices, generatePhantomTimePoint, growFromSeeds, keepLargestIsland, marginMm, maskBounds, PHANTOM_LABEL,
  readNifti, segmentWithModel, spacingMm, threshold, type Dims3, type PhantomSize,
} from '../packages/core/src/index.ts';
import { openModelNode } from '../packages/core/src/node/index.ts';
import { cropToBox } from '../packages/core/src/segmentation/algorithms/grid.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-scipy
const T1 = resolve(ROOT, '../shared/models/brainchop-meshnet-gwm/t1_crop.nii.gz');
const MODEL = resolve(ROOT, 'models/brainchop-meshnet-gwm/model5_gw_ae.json');

interface Row { op: string; voxaMs: number; peer?: string; peerMs?: number; dice?: number; note?: string }

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function timeIt<T>(runs: number, fn: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result!: T;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    result = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), result };
}

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

export async function main(args: string[]): Promise<number> {
  const runs = Number(arg(args, '--runs', '3'));
  const size = arg(args, '--size', 'full') as PhantomSize;
  console.log(`generating the ${size} phantom…`);
  const tp = generatePhantomTimePoint(0, { size });
  const ct = tp.ct, dims = ct.dimensions, sp = spacingMm(ct);
  const [nx, ny] = dims;
  const labels = tp.labels.voxels;
  const liver = Uint8Array.from(labels, (v) => (v === PHANTOM_LABEL.liver ? 1 : 0));
  const bone = threshold(ct.voxels, 150, 3000);
  let seed = -1;
  for (let n = Math.floor(labels.length / 2); n < labels.length && seed < 0; n++) if (labels[n] === PHANTOM_LABEL.rightLung && ct.voxels[n] <= -400) seed = n;
  const seedKji = [Math.floor(seed / (nx * ny)), Math.floor(seed / nx) % ny, seed % nx];
  const rows: Row[] = [];
  const voxels = labels.length;
  console.log(`${dims.join('×')} voxels at ${sp.map((s) => s.toFixed(2)).join('×')} mm, ${runs} runs each\n`);

  // The scipy peer, in one process (numpy import and file reads are not timed).
  const work = mkdtempSync(join(tmpdir(), 'voxa-bench-segment-'));
  writeFileSync(join(work, 'ct.raw'), new Uint8Array(ct.voxels.buffer, ct.voxels.byteOffset, ct.voxels.byteLength));
  writeFileSync(join(work, 'liver.raw'), liver);
  writeFileSync(join(work, 'bone.raw'), bone);
  writeFileSync(join(work, 'job.json'), JSON.stringify({ dims, spacing: sp, seedKji, lo: -1000, hi: -400, marginMm: 5, runs }));
  const py = spawnSync(PYTHON, [join(ROOT, 'bench/segment/scipyPeer.py'), work], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const scipy: Record<string, number[]> | undefined = py.status === 0 ? JSON.parse(py.stdout.trim().split('\n').pop()!) : undefined;
  if (!scipy) console.error(`scipy peer failed (apt-get install python3-scipy):\n${py.stderr}`);
  const peerOut = (name: string) => new Uint8Array(readFileSync(join(work, `${name}.out.raw`)));

  const grow = timeIt(runs, () => connectedThreshold(ct.voxels, dims, [seed], -1000, -400));
  rows.push({ op: 'region growing (lung seed, −1000…−400 HU, 6-conn.)', voxaMs: grow.ms, ...peer(scipy, 'region-grow', grow.result, peerOut) });
  const islands = timeIt(runs, () => keepLargestIsland(bone, dims));
  rows.push({ op: 'islands: keep largest (bone ≥ 150 HU)', voxaMs: islands.ms, ...peer(scipy, 'islands', islands.result, peerOut) });
  const margin = timeIt(runs, () => marginMm(liver, dims, sp, 5));
  rows.push({ op: 'margin +5 mm (liver, exact EDT)', voxaMs: margin.ms, ...peer(scipy, 'margin', margin.result, peerOut) });
  rmSync(work, { recursive: true, force: true });

  // Grow from seeds: a liver seed ball and a background shell 15–20 mm outside it, over the whole grid.
  const seeds = new Uint8Array(voxels);
  const core = marginMm(liver, dims, sp, -15), outer = marginMm(liver, dims, sp, 20), inner = marginMm(liver, dims, sp, 15);
  for (let n = 0; n < voxels; n++) seeds[n] = core[n] ? 1 : outer[n] && !inner[n] ? 2 : 0;
  // As the workstation runs it (growth limited to the seeds' box + 10% a side), and over the whole grid (one run: about a minute).
  const boxed = timeIt(runs, () => growFromSeeds(ct.voxels, dims, seeds, { spacingMm: sp, extentGrowth: 0.1 }));
  const boxedLiver = Uint8Array.from(boxed.result, (v) => (v === 1 ? 1 : 0));
  rows.push({ op: 'grow from seeds (liver vs. surroundings, seeds\' box + 10%)', voxaMs: boxed.ms, note: `Dice vs phantom liver ${dice(boxedLiver, liver).toFixed(3)}; no itk-wasm/scipy equivalent` });
  const gfs = timeIt(1, () => growFromSeeds(ct.voxels, dims, seeds, { spacingMm: sp }));
  const gfsLiver = Uint8Array.from(gfs.result, (v) => (v === 1 ? 1 : 0));
  rows.push({ op: 'grow from seeds (same seeds, whole grid, 1 run)', voxaMs: gfs.ms, note: `Dice vs phantom liver ${dice(gfsLiver, liver).toFixed(3)}` });

  // Fill between slices on the liver's box, drawn on every 5th axial slice; peer: itk-wasm's morphological contour interpolation.
  const box = maskBounds(liver, dims)!;
  const cropDims = box.hi.map((h, a) => h - box.lo[a] + 1) as Dims3;
  const crop = cropToBox(liver, dims, box);
  const sparse = crop.slice();
  const plane = cropDims[0] * cropDims[1];
  for (let k = 0; k < cropDims[2]; k++) if (k % 5 !== 0 && k !== cropDims[2] - 1) sparse.fill(0, k * plane, (k + 1) * plane);
  const fill = timeIt(runs, () => fillBetweenSlices(sparse, cropDims, sp, { axis: 2 }));
  const mci = await itkContourInterpolation(sparse, cropDims, sp, runs);
  rows.push({
    op: `fill between slices (liver box ${cropDims.join('×')}, every 5th slice)`, voxaMs: fill.ms,
    peer: mci ? 'itk-wasm MCI' : undefined, peerMs: mci?.ms,
    note: `Dice vs truth: Voxa ${dice(fill.result, crop).toFixed(3)}${mci ? `, itk-wasm ${dice(mci.result, crop).toFixed(3)}` : ''}`,
  });

  let onnx: { seconds: number; voxelsPerSecond: number } | undefined;
  if (!args.includes('--no-onnx')) onnx = await onnxThroughput();

  console.log('| operation | Voxa ms | peer | peer ms | Voxa speed-up | Dice Voxa vs peer / note |');
  console.log('|---|---:|---|---:|---:|---|');
  for (const r of rows) {
    console.log(`| ${r.op} | ${r.voxaMs.toFixed(0)} | ${r.peer ?? '–'} | ${r.peerMs?.toFixed(0) ?? '–'} | ${r.peerMs ? `×${(r.peerMs / r.voxaMs).toFixed(2)}` : '–'} | ${r.dice !== undefined ? r.dice.toFixed(4) : ''}${r.note ? ` ${r.note}` : ''} |`);
  }
  if (onnx) console.log(`\nONNX in Node (model5_gw_ae, 256³ brain T1, onnxruntime-node CPU, 2 threads): ${onnx.seconds.toFixed(1)} s, ${(onnx.voxelsPerSecond / 1e6).toFixed(2)} M voxels/s`);
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  writeFileSync(join(ROOT, '.bench/segment.json'), JSON.stringify({ size, dims, runs, rows, onnx }, null, 2));
  return scipy ? 0 : 1;
}

function peer(scipy: Record<string, number[]> | undefined, name: string, ours: Uint8Array, out: (n: string) => Uint8Array): Partial<Row> {
  if (!scipy) return {};
  return { peer: 'scipy.ndimage', peerMs: median(scipy[name]), dice: dice(ours, out(name)) };
}

async function itkContourInterpolation(mask: Uint8Array, dims: Dims3, sp: number[], runs: number): Promise<{ ms: number; result: Uint8Array } | undefined> {
  try {
    const { morphologicalContourInterpolationNode } = await import('@itk-wasm/morphological-contour-interpolation');
    const { Image, ImageType } = await import('itk-wasm');
    const times: number[] = [];
    let result!: Uint8Array;
    for (let r = 0; r < runs; r++) {
      const image = new Image(new ImageType(3, 'uint8', 'Scalar', 1));
      image.size = [...dims];
      image.spacing = [...sp];
      image.data = mask.slice();
      const t = performance.now();
      const { outputImage } = await morphologicalContourInterpolationNode(image, { axis: 2 });
      times.push(performance.now() - t);
      result = Uint8Array.from(outputImage.data as Uint8Array, (v) => (v ? 1 : 0));
    }
    return { ms: median(times), result };
  } catch (e) {
    console.error(`itk-wasm morphological contour interpolation failed: ${e instanceof Error ? e.message : e}`);
    return undefined;
  }
}

async function onnxThroughput(): Promise<{ seconds: number; voxelsPerSecond: number } | undefined> {
  try {
    const t1 = readNifti(new Uint8Array(readFileSync(T1))).volumes[0];
    const { manifest, runner } = await openModelNode(MODEL, { intraOpNumThreads: 2 });
    const t = performance.now();
    await segmentWithModel(t1, manifest, runner);
    const seconds = (performance.now() - t) / 1000;
    await runner.dispose();
    return { seconds, voxelsPerSecond: t1.voxels.length / seconds };
  } catch (e) {
    console.error(`ONNX throughput skipped: ${e instanceof Error ? e.message : e} (needs ../shared/models)`);
    return undefined;
  }
}
