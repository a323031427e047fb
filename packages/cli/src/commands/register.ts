import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { registerVolumes, REGISTER_DEFAULTS, writeItkTransform, type RegistrationResult } from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import { numberArg, parse, UsageError } from '../args.ts';
import { readVolumeInput } from '../readVolumeInput.ts';

export const REGISTER_HELP = `voxa register <fixed> <moving> -o <transform.json> [options]
  Register the moving volume onto the fixed one (e.g. a follow-up onto its baseline) by Mattes
  mutual information, any modalities. Writes the fixed → moving transform in patient LPS mm as
  JSON and, beside it, as an ITK text transform (<stem>.tfm) that 3D Slicer, ANTs and
  SimpleITK read.
  <fixed>, <moving>   a DICOM folder or file (one image series; see --fixed-series /
                      --moving-series) or a NIfTI / NRRD / MetaImage file
  -o <transform.json> the transform, its parameters, and how each pyramid level converged
  --mode M            rigid (default) or affine (after a rigid pass)
  --levels L          pyramid shrink factors, coarse to fine (default ${REGISTER_DEFAULTS.levels.join(',')})
  --samples N         metric samples per level (default ${REGISTER_DEFAULTS.samples})
  --fixed-series S, --moving-series S
                      which series of a DICOM folder: Series Instance UID or Series Number
  --quiet             print nothing but errors`;

/** `voxa register`: fixed + moving → transform JSON and ITK .tfm. Returns the exit code. */
export async function register(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' },
    mode: { type: 'string', default: 'rigid' },
    levels: { type: 'string' },
    samples: { type: 'string' },
    'fixed-series': { type: 'string' },
    'moving-series': { type: 'string' },
    quiet: { type: 'boolean' },
  }, 2);
  const out = values.out;
  if (!out) throw new UsageError('register needs an output file: -o <transform.json>');
  if (!out.toLowerCase().endsWith('.json')) throw new UsageError(`-o ${out}: expected a .json file (the .tfm is written beside it)`);
  const mode = values.mode;
  if (mode !== 'rigid' && mode !== 'affine') throw new UsageError(`--mode ${mode}: expected rigid or affine`);
  const levels = values.levels?.split(',').map((l) => numberArg('--levels', l));
  if (levels && levels.some((l) => !(Number.isInteger(l) && l >= 1))) throw new UsageError(`--levels ${values.levels}: expected whole shrink factors ≥ 1, coarse to fine, e.g. 4,2,1`);
  const samples = values.samples === undefined ? undefined : numberArg('--samples', values.samples);
  if (samples !== undefined && !(Number.isInteger(samples) && samples >= 100)) throw new UsageError(`--samples ${values.samples}: expected a whole number ≥ 100`);
  const quiet = !!values.quiet;
  const log = quiet ? () => {} : (s: string) => console.log(s);

  await mkdir(dirname(out), { recursive: true });
  const fixed = await readVolumeInput('register', positionals[0], values['fixed-series'], quiet);
  const moving = await readVolumeInput('register', positionals[1], values['moving-series'], quiet);
  const t0 = performance.now();
  const result = registerVolumes(fixed.volume, moving.volume, { mode, levels, samples });
  const seconds = (performance.now() - t0) / 1000;
  const tfm = out.replace(/\.json$/i, '.tfm');
  await writeFileAtomic(out, `${JSON.stringify(transformDocument(result, positionals[0], positionals[1], seconds), null, 2)}\n`);
  await writeFileAtomic(tfm, writeItkTransform(result.transform));
  for (const l of result.levels) log(`  ${l.stage} ×${l.shrink}: ${l.iterations} iterations (${l.stop}), MI ${l.value.toFixed(4)}, overlap ${(100 * l.overlap).toFixed(0)}%`);
  log(`registered in ${seconds.toFixed(1)} s → ${out}, ${tfm}`);
  return 0;
}

/** The JSON written by `voxa register`: the matrix in the conventions every Voxa file uses. */
function transformDocument(result: RegistrationResult, fixed: string, moving: string, seconds: number) {
  const { transform } = result;
  return {
    generator: 'voxa register',
    conventions: {
      space: 'patient LPS millimetres (DICOM PS3.3 C.7.6.2.1.1)',
      direction: 'fixedToMoving maps a point of the fixed image to the same anatomy in the moving image (ITK\'s direction)',
      matrix: '4x4 column-major (element row r, column c at [c*4 + r]), acting on column vectors (x, y, z, 1)',
    },
    fixed,
    moving,
    kind: transform.kind,
    fixedToMoving: Array.from(transform.fixedToMoving),
    centerMm: transform.centerMm,
    parameters: transform.parameters,
    metric: result.metric,
    levels: result.levels,
    seconds: Number(seconds.toFixed(3)),
  };
}
