import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  registerDeformable, registerVolumes, REGISTER_DEFAULTS, writeItkTransform, writeNiftiVectorImage,
  type DeformableRegistrationResult, type RegistrationResult,
} from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import { numberArg, parse, UsageError } from '../args.ts';
import { readVolumeInput } from '../readVolumeInput.ts';

export const REGISTER_HELP = `voxa register <fixed> <moving> -o <transform.json> [options]
  Register the moving volume onto the fixed one (e.g. a follow-up onto its baseline) by Mattes
  mutual information, any modalities. Writes the fixed → moving transform in patient LPS mm as
  JSON and, beside it, as an ITK text transform (<stem>.tfm) that 3D Slicer, ANTs and
  SimpleITK read. --mode deformable adds a dense displacement field d after the affine
  (diffeomorphic demons; same modality only: a follow-up CT or MRI onto its baseline), as a
  NIfTI vector image <stem>.field.nii.gz (LPS mm vectors, ITK/ANTs layout):
  moving = affine · (x + d(x)) for a fixed-image point x.
  <fixed>, <moving>   a DICOM folder or file (one image series; see --fixed-series /
                      --moving-series) or a NIfTI / NRRD / MetaImage file
  -o <transform.json> the transform, its parameters, and how each pyramid level converged
  --mode M            rigid (default), affine (after a rigid pass) or deformable (after
                      the affine; the field on a grid of about 2× the fixed spacing, ≥ 3 mm)
  --levels L          pyramid shrink factors of the rigid and affine stages, coarse to fine
                      (default ${REGISTER_DEFAULTS.levels.join(',')})
  --samples N         metric samples per level (default ${REGISTER_DEFAULTS.samples})
  --fixed-series S, --moving-series S
                      which series of a DICOM folder: Series Instance UID or Series Number
  --quiet             print nothing but errors`;

/** `voxa register`: fixed + moving → transform JSON, ITK .tfm and, deformable, the field NIfTI. Returns the exit code. */
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
  if (mode !== 'rigid' && mode !== 'affine' && mode !== 'deformable') throw new UsageError(`--mode ${mode}: expected rigid, affine or deformable`);
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
  const result = registerVolumes(fixed.volume, moving.volume, { mode: mode === 'rigid' ? 'rigid' : 'affine', levels, samples });
  const deformable = mode === 'deformable' ? registerDeformable(fixed.volume, moving.volume, result.transform.fixedToMoving) : undefined;
  const seconds = (performance.now() - t0) / 1000;
  const stem = out.replace(/\.json$/i, '');
  const tfm = `${stem}.tfm`;
  const fieldFile = `${stem}.field.nii.gz`;
  if (deformable) {
    await writeFileAtomic(fieldFile, writeNiftiVectorImage(deformable.field, { gzip: true, description: 'voxa register: displacement d (LPS mm), moving = affine(x + d(x))' }));
  }
  const doc = transformDocument(result, positionals[0], positionals[1], seconds, deformable && { result: deformable, file: basename(fieldFile) });
  await writeFileAtomic(out, `${JSON.stringify(doc, null, 2)}\n`);
  await writeFileAtomic(tfm, writeItkTransform(result.transform));
  for (const l of result.levels) log(`  ${l.stage} ×${l.shrink}: ${l.iterations} iterations (${l.stop}), MI ${l.value.toFixed(4)}, overlap ${(100 * l.overlap).toFixed(0)}%`);
  for (const l of deformable?.levels ?? []) {
    log(`  deformable ${l.spacingMm.map((s) => s.toFixed(1)).join('×')} mm: ${l.iterations} iterations, mean squared difference ${l.meanSquaredDifference.first.toExponential(2)} → ${l.meanSquaredDifference.last.toExponential(2)}`);
  }
  log(`registered in ${seconds.toFixed(1)} s → ${[out, tfm, ...(deformable ? [fieldFile] : [])].join(', ')}`);
  return 0;
}

/** The JSON written by `voxa register`: the matrix in the conventions every Voxa file uses, and the field file when there is one. */
function transformDocument(result: RegistrationResult, fixed: string, moving: string, seconds: number, deformable?: { result: DeformableRegistrationResult; file: string }) {
  const { transform } = result;
  const field = deformable?.result.field;
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
    ...(deformable && field ? {
      displacementField: {
        file: deformable.file,
        composition: 'moving = fixedToMoving · (x + d(x)): d is sampled at the fixed point x and applied first, then the affine (ITK CompositeTransform with the affine added first, the field second)',
        format: 'NIfTI-1 vector image, dim [5, nx, ny, nz, 1, 3], float32, intent NIFTI_INTENT_VECTOR (1007); vectors in LPS mm as ITK and ANTs store them; grid from the sform',
        dimensions: field.dimensions,
        spacingMm: deformable.result.levels[deformable.result.levels.length - 1].spacingMm,
        metric: deformable.result.metric,
        levels: deformable.result.levels,
      },
    } : {}),
    seconds: Number(seconds.toFixed(3)),
  };
}
