import { writePhantomStudies } from '@voxa/core/node';
import { numberArg, parse, UsageError } from '../args.ts';
import { ProgressBar } from '../ProgressBar.ts';

export const PHANTOM_HELP = `voxa phantom -o <dir> [--size small|full] [--seed N] [--noise HU] [--time-points 1-3] [--json]
  The digital CT torso phantom as DICOM (one study per time point) with ground truth
  (label maps, lesion volumes and RECIST diameters, follow-up transforms) in <dir>/truth.`;

/** `voxa phantom`: write the deterministic phantom studies. */
export async function phantom(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    out: { type: 'string', short: 'o' },
    size: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '1' },
    noise: { type: 'string' },
    'time-points': { type: 'string', default: '3' },
    json: { type: 'boolean' },
  });
  if (!values.out) throw new UsageError('phantom needs an output folder: -o <dir>');
  const seed = numberArg('--seed', values.seed);
  const noise = values.noise === undefined ? undefined : numberArg('--noise', values.noise);
  const timePoints = numberArg('--time-points', values['time-points']);
  const bar = new ProgressBar(`phantom ${values.size}`);
  const started = Date.now();
  const summary = await writePhantomStudies(values.out, {
    size: values.size as 'small' | 'full',
    seed,
    ...(noise !== undefined ? { noise } : {}),
    timePoints,
    onProgress: (done: number, total: number) => bar.update(done, total),
  });
  bar.done();
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  }
  console.log(`phantom written to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.files} files`);
  for (const tp of summary.timePoints) {
    const r = tp.response;
    const change = tp.index === 0 ? '' : `, ${r.changeFromBaselinePercent.toFixed(1)}% from baseline${r.newLesionIds.length ? `, new: ${r.newLesionIds.join(', ')}` : ''}`;
    console.log(`  tp${tp.index} ${tp.kind}: ${tp.slices} slices in ${tp.dicomDir}; target sum ${r.sumOfDiametersMm.toFixed(1)} mm${change} (truth: ${tp.truthDir})`);
  }
  return 0;
}
