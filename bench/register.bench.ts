// Registration benchmark: Voxa's registerVolumes against Debian's elastix 5 (with transformix for
// the points), in the same run, on the same NIfTI files:
//   phantom   baseline → follow-ups 1 and 2 of the phantom CT (designed rigid motions: 3° and
//             −2.5° about z, 7–8 mm shifts); error = TRE at the lesion centres against the truth
//   ms01/ms03 the open_ms_data longitudinal FLAIR pairs (../shared; skipped without it); error =
//             distance to the dataset's own transforms over the brain mask (see the core test)
//   --mode deformable, a case of its own (elastix's affine + B-spline take ~40–50 s here): the
//             phantom baseline and the same CT deformed by six known 5 mm Gaussian bumps on top
//             of a rigid motion (packages/core/test/registration/syntheticDeformation.ts);
//             Voxa's affine + demons against elastix's affine + B-spline (Mattes MI, 16 mm final
//             grid); error = distance to the true moving point at every 4th body voxel
//
//   npm run bench -- register [--mode rigid|affine|deformable] [--runs 3, deformable 1] [--size small|full]
//
// Time is wall time from the files to the transform: Voxa reads the NIfTI files and registers
// in this process (one thread); elastix runs as a process with its default threads. Median of
// --runs. Goal: the same accuracy in at most half of elastix's time. Results: a table and
// .bench/register.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  generatePhantomTimePoint, mat4Invert, mat4Multiply, readItkTransform, readNifti, registerDeformable, registerVolumes, transformPoint, warpPoint, writeNifti,
  type Mat4, type PhantomSize, type Vec3, type Volume,
} from '../packages/core/src/index.ts';
import { deformVolumes, trueFixedToMoving } from '../packages/core/test/registration/syntheticDeformation.ts';
import { elastixParameters, type ElastixMode } from './register/elastixParameters.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = resolve(ROOT, '../shared/data/open_ms_data/longitudinal');
const GOAL = 'same accuracy in at most half of elastix\'s time';

interface Case {
  name: string;
  fixed: string;
  moving: string;
  /** Points of the fixed image (LPS mm) and where the truth (or reference) puts them in the moving image. */
  points: Vec3[];
  expected: Vec3[];
  error: string;
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const arg = (args: string[], name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const readVolume = (file: string): Volume => readNifti(new Uint8Array(readFileSync(file)), { file }).volumes[0];
const distances = (got: Vec3[], want: Vec3[]) => got.map((g, i) => Math.hypot(g[0] - want[i][0], g[1] - want[i][1], g[2] - want[i][2]));

function phantomCases(work: string, size: PhantomSize): Case[] {
  const baseline = generatePhantomTimePoint(0, { size });
  const fixed = join(work, 'phantom-tp0.nii');
  writeFileSync(fixed, writeNifti(baseline.ct));
  return [1, 2].map((index) => {
    const tp = generatePhantomTimePoint(index, { size });
    const moving = join(work, `phantom-tp${index}.nii`);
    writeFileSync(moving, writeNifti(tp.ct));
    const points = baseline.truth.lesions.map((l) => l.centreLps);
    return { name: `phantom tp0→tp${index}`, fixed, moving, points, expected: points.map((p) => transformPoint(tp.truth.baselineToTimePoint, p)), error: 'TRE at lesions' };
  });
}

function msCase(patient: string): Case {
  const itk = (f: string): Mat4 => readItkTransform(readFileSync(join(SHARED, 'raw', patient, f), 'utf8'), f).fixedToMoving;
  const a1 = itk('study1_FLAIR_to_common_space.txt'), a2 = itk('study2_FLAIR_to_common_space.txt');
  const reference = mat4Multiply(a2, mat4Invert(a1));
  const mask = readVolume(join(SHARED, 'coregistered', patient, 'brainmask.nii.gz'));
  const [nx, ny, nz] = mask.dimensions;
  const points: Vec3[] = [];
  for (let k = 0; k < nz; k += 4) for (let j = 0; j < ny; j += 8) for (let i = 0; i < nx; i += 8) {
    if (mask.voxels[i + nx * (j + ny * k)]) points.push(transformPoint(a1, transformPoint(mask.indexToWorld, [i, j, k])));
  }
  return {
    name: `MS ${patient} study1←2`, fixed: join(SHARED, 'raw', patient, 'study1_FLAIR.nii.gz'), moving: join(SHARED, 'raw', patient, 'study2_FLAIR.nii.gz'),
    points, expected: points.map((p) => transformPoint(reference, p)), error: 'vs dataset transform, brain',
  };
}

function runVoxa(c: Case, mode: ElastixMode): { ms: number; mapped: Vec3[] } {
  const t = performance.now();
  const { transform } = registerVolumes(readVolume(c.fixed), readVolume(c.moving), { mode });
  const ms = performance.now() - t;
  return { ms, mapped: c.points.map((p) => transformPoint(transform.fixedToMoving, p)) };
}

function runElastix(c: Case, mode: ElastixMode, work: string, run: number): { ms: number; mapped: Vec3[] } {
  const out = join(work, `elastix-${c.name.replace(/\W+/g, '_')}-${run}`);
  mkdirSync(out, { recursive: true });
  const params = join(out, 'params.txt');
  writeFileSync(params, elastixParameters(mode, 3));
  const t = performance.now();
  const r = spawnSync('elastix', ['-f', c.fixed, '-m', c.moving, '-p', params, '-out', out], { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`elastix exited ${r.status}: ${(r.stdout + r.stderr).slice(-800)}`);
  return { ms, mapped: transformixPoints(c.points, join(out, 'TransformParameters.0.txt'), out) };
}

/** The fixed points through an elastix result, by transformix (fixed → moving, as elastix's transforms go). */
function transformixPoints(points: Vec3[], parameters: string, out: string): Vec3[] {
  const pointsFile = join(out, 'points.txt');
  writeFileSync(pointsFile, `point\n${points.length}\n${points.map((p) => p.join(' ')).join('\n')}\n`);
  const tr = spawnSync('transformix', ['-def', pointsFile, '-tp', parameters, '-out', out], { encoding: 'utf8' });
  if (tr.status !== 0) throw new Error(`transformix exited ${tr.status}: ${(tr.stdout + tr.stderr).slice(-800)}`);
  return readFileSync(join(out, 'outputpoints.txt'), 'utf8').trim().split('\n').map((line) => {
    const m = line.match(/OutputPoint = \[\s*(\S+)\s+(\S+)\s+(\S+)\s*\]/);
    if (!m) throw new Error(`transformix output line not understood: ${line}`);
    return [Number(m[1]), Number(m[2]), Number(m[3])] as Vec3;
  });
}

/** The deformable case: the phantom baseline and the same CT under known bumps + rigid motion; every 4th body voxel. */
function deformableCase(work: string, size: PhantomSize): Case {
  const baseline = generatePhantomTimePoint(0, { size });
  const [deformed] = deformVolumes([{ volume: baseline.ct, interpolation: 'linear' }]);
  const fixed = join(work, 'phantom-tp0.nii'), moving = join(work, 'phantom-deformed.nii');
  writeFileSync(fixed, writeNifti(baseline.ct));
  writeFileSync(moving, writeNifti(deformed));
  const [nx, ny, nz] = baseline.ct.dimensions;
  const points: Vec3[] = [];
  for (let k = 0; k < nz; k += 4) for (let j = 0; j < ny; j += 4) for (let i = 0; i < nx; i += 4) {
    if (baseline.labels.voxels[i + nx * (j + ny * k)]) points.push(transformPoint(baseline.ct.indexToWorld, [i, j, k]));
  }
  return { name: 'phantom tp0→deformed', fixed, moving, points, expected: points.map((p) => trueFixedToMoving(p)), error: 'vs true map, body' };
}

/** elastix's B-spline stage after its affine one: the affine file's pyramid, sampler and metric, a B-spline transform on a 16 mm final grid. */
function elastixBSplineParameters(): string {
  const p = new Map(elastixParameters('affine', 3).trim().split('\n').map((line) => {
    const m = line.match(/^\((\w+) (.*)\)$/);
    if (!m) throw new Error(`elastix parameter line not understood: ${line}`);
    return [m[1], m[2]] as const;
  }));
  for (const key of ['AutomaticScalesEstimation', 'AutomaticTransformInitialization', 'AutomaticTransformInitializationMethod']) p.delete(key);
  p.set('Transform', '"BSplineTransform"');
  p.set('FinalGridSpacingInPhysicalUnits', '16');
  p.set('GridSpacingSchedule', '4 2 1');
  p.set('MaximumNumberOfIterations', '500');
  p.set('NumberOfSpatialSamples', '4096');
  return [...p].map(([k, v]) => `(${k} ${v})`).join('\n') + '\n';
}

interface DeformableRun {
  ms: number;
  /** The points through the affine stage alone, and through the whole transform. */
  affine: Vec3[];
  mapped: Vec3[];
}

function runVoxaDeformable(c: Case): DeformableRun {
  const t = performance.now();
  const fixed = readVolume(c.fixed), moving = readVolume(c.moving);
  const { transform } = registerVolumes(fixed, moving, { mode: 'affine' });
  const { field } = registerDeformable(fixed, moving, transform.fixedToMoving);
  const ms = performance.now() - t;
  return { ms, affine: c.points.map((p) => transformPoint(transform.fixedToMoving, p)), mapped: c.points.map((p) => warpPoint(field, transform.fixedToMoving, p)) };
}

function runElastixBSpline(c: Case, work: string, run: number): DeformableRun {
  const out = join(work, `elastix-bspline-${run}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'affine.txt'), elastixParameters('affine', 3));
  writeFileSync(join(out, 'bspline.txt'), elastixBSplineParameters());
  const t = performance.now();
  const r = spawnSync('elastix', ['-f', c.fixed, '-m', c.moving, '-p', join(out, 'affine.txt'), '-p', join(out, 'bspline.txt'), '-out', out], { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`elastix exited ${r.status}: ${(r.stdout + r.stderr).slice(-800)}`);
  // TransformParameters.1 starts from .0 (InitialTransformParametersFileName): the whole transform.
  return { ms, affine: transformixPoints(c.points, join(out, 'TransformParameters.0.txt'), out), mapped: transformixPoints(c.points, join(out, 'TransformParameters.1.txt'), out) };
}

/** Mean, 95th percentile and maximum distance (mm). */
function errorStats(got: Vec3[], want: Vec3[]): { mean: number; p95: number; max: number } {
  const d = distances(got, want).sort((a, b) => a - b);
  return { mean: d.reduce((s, x) => s + x, 0) / d.length, p95: d[Math.floor(0.95 * d.length)], max: d[d.length - 1] };
}

async function deformableMain(runs: number, size: PhantomSize, elastixVersion: string): Promise<number> {
  console.log(`# Deformable registration benchmark — Voxa affine + demons vs elastix affine + B-spline`);
  console.log(`node ${process.version}, ${cpus().length} CPUs; ${elastixVersion}; median of ${runs} run(s)\n`);
  const work = mkdtempSync(join(tmpdir(), 'voxa-bench-register-'));
  try {
    const c = deformableCase(work, size);
    const voxa = Array.from({ length: runs }, () => runVoxaDeformable(c));
    const elastix = Array.from({ length: runs }, (_, r) => runElastixBSpline(c, work, r));
    const vMs = median(voxa.map((x) => x.ms)), eMs = median(elastix.map((x) => x.ms));
    const fmt = (e: { mean: number; p95: number; max: number }) => `${e.mean.toFixed(2)} / ${e.p95.toFixed(2)} / ${e.max.toFixed(2)}`;
    const rows = [
      { tool: 'Voxa', ms: vMs, affineError: errorStats(voxa[0].affine, c.expected), error: errorStats(voxa[0].mapped, c.expected) },
      { tool: 'elastix', ms: eMs, affineError: errorStats(elastix[0].affine, c.expected), error: errorStats(elastix[0].mapped, c.expected) },
    ];
    console.log(`${c.name}: ${c.points.length} body points; error = ${c.error}, mm (mean / 95th percentile / max)\n`);
    console.log('tool       total ms   affine only            deformable');
    for (const r of rows) console.log(`${r.tool.padEnd(8)} ${r.ms.toFixed(0).padStart(10)}   ${fmt(r.affineError).padEnd(21)}  ${fmt(r.error)}`);
    console.log(`\nspeed-up ×${(eMs / vMs).toFixed(1)}; times include the affine stage (Voxa: also reading the NIfTI files)`);
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    writeFileSync(join(ROOT, '.bench/register.json'), `${JSON.stringify({ mode: 'deformable', runs, size, elastix: elastixVersion, case: c.name, points: c.points.length, rows }, null, 2)}\n`);
    console.log('results: .bench/register.json');
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function main(args: string[]): Promise<number> {
  const mode = arg(args, '--mode', 'rigid') as ElastixMode | 'deformable';
  const runs = Number(arg(args, '--runs', mode === 'deformable' ? '1' : '3'));
  const size = arg(args, '--size', 'small') as PhantomSize;
  const version = spawnSync('elastix', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) {
    console.error('!! elastix not found: apt-get install -y elastix');
    return 1;
  }
  if (mode === 'deformable') return deformableMain(runs, size, version.stdout.trim());
  console.log(`# Registration benchmark (${mode}) — goal: ${GOAL}`);
  console.log(`node ${process.version}, ${cpus().length} CPUs; ${version.stdout.trim()}; median of ${runs} runs\n`);
  const work = mkdtempSync(join(tmpdir(), 'voxa-bench-register-'));
  try {
    const cases = phantomCases(work, size);
    if (existsSync(SHARED)) cases.push(msCase('patient01'), msCase('patient03'));
    else console.error('!! ../shared/data/open_ms_data is missing: the MS pairs are skipped');
    const rows: Record<string, unknown>[] = [];
    console.log('case                      Voxa ms  elastix ms  speed-up  Voxa err mean/max mm  elastix err mean/max mm  error measure');
    for (const c of cases) {
      const voxa = Array.from({ length: runs }, () => runVoxa(c, mode));
      const elastix = Array.from({ length: runs }, (_, r) => runElastix(c, mode, work, r));
      const stats = (mapped: Vec3[]) => {
        const d = distances(mapped, c.expected);
        return { mean: d.reduce((s, x) => s + x, 0) / d.length, max: Math.max(...d) };
      };
      const v = stats(voxa[0].mapped), e = stats(elastix[0].mapped);
      const vMs = median(voxa.map((x) => x.ms)), eMs = median(elastix.map((x) => x.ms));
      rows.push({ case: c.name, voxaMs: vMs, elastixMs: eMs, speedUp: eMs / vMs, voxaError: v, elastixError: e, error: c.error, points: c.points.length });
      console.log(`${c.name.padEnd(24)} ${vMs.toFixed(0).padStart(8)} ${eMs.toFixed(0).padStart(11)} ${(eMs / vMs).toFixed(2).padStart(8)}× ${`${v.mean.toFixed(3)} / ${v.max.toFixed(3)}`.padStart(21)} ${`${e.mean.toFixed(3)} / ${e.max.toFixed(3)}`.padStart(24)}  ${c.error}`);
    }
    const worst = Math.min(...rows.map((r) => r.speedUp as number));
    const accuracy = rows.every((r) => (r.voxaError as { mean: number }).mean <= (r.elastixError as { mean: number }).mean + 0.1);
    console.log(`\n${GOAL}: slowest case ×${worst.toFixed(2)} faster; Voxa's mean error ${accuracy ? 'within 0.1 mm of or below' : 'ABOVE'} elastix's in every case → goal ${worst >= 2 && accuracy ? 'met' : 'NOT met'}`);
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    writeFileSync(join(ROOT, '.bench/register.json'), `${JSON.stringify({ goal: GOAL, mode, runs, size, elastix: version.stdout.trim(), rows }, null, 2)}\n`);
    console.log('results: .bench/register.json');
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
