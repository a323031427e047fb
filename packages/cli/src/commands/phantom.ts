import type { PhantomOptions } from '@voxa/core';
import { writePhantomStudies } from '@voxa/core/node';
import { numberArg, parse, UsageError } from '../args.ts';
import { ProgressBar } from '../ProgressBar.ts';

export const PHANTOM_HELP = `voxa phantom -o <dir> [--size small|full] [--seed N] [--noise HU] [--time-points 1-3] [--no-pet] [--json]
  The digital CT torso phantom as DICOM (one study per time point) with ground truth
  (label maps, lesion volumes and RECIST diameters, follow-up transforms) in <dir>/truth.
  Each study also holds an FDG PET of the same session (<dir>/dicom/tp<N>/PT, 4 mm voxels,
  Bq/ml with what SUV needs; designed uptake: PERCIST PMR at tp1, PMD at tp2), and lesions.json
  names the PET folders and a normal-liver point for PERCIST's reference ("liverReferenceLps").
  --no-pet            CT only`;

/** `voxa phantom`: write the deterministic phantom studies. */
export async function phantom(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    out: { type: 'string', short: 'o' },
    size: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '1' },
    noise: { type: 'string' },
    'time-points': { type: 'string', default: '3' },
    'no-pet': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (!values.out) throw new UsageError('phantom needs an output folder: -o <dir>');
  const seed = numberArg('--seed', values.seed);
  const noise = values.noise === undefined ? undefined : numberArg('--noise', values.noise);
  const timePoints = numberArg('--time-points', values['time-points']);
  const options: Partial<PhantomOptions> = { size: values.size as 'small' | 'full', seed, ...(noise !== undefined ? { noise } : {}), timePoints };
  const started = Date.now();
  const bar = new ProgressBar(`phantom ${values.size}`);
  const pet = !values['no-pet'];
  const summary = await writePhantomStudies(values.out, { ...options, pet, onProgress: (done: number, total: number) => bar.update(done, total) });
  bar.done();
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  }
  console.log(`phantom written to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.files} files${pet ? ' (CT and PET)' : ''}`);
  for (const tp of summary.timePoints) {
    const r = tp.response;
    const change = tp.index === 0 ? '' : `, ${r.changeFromBaselinePercent.toFixed(1)}% from baseline${r.newLesionIds.length ? `, new: ${r.newLesionIds.join(', ')}` : ''}`;
    const petLine = tp.petDir ? `; PET ${tp.petSlices} slices in ${tp.petDir}` : '';
    console.log(`  tp${tp.index} ${tp.kind}: ${tp.slices} slices in ${tp.dicomDir}${petLine}; target sum ${r.sumOfDiametersMm.toFixed(1)} mm${change} (truth: ${tp.truthDir})`);
  }
  return 0;
}
