import { join } from 'node:path';
import { readPhantomManifest } from '@voxa/core/node';
import { convert } from './convert.ts';
import { info } from './info.ts';
import { phantom } from './phantom.ts';
import { parse } from '../args.ts';

export const DEMO_HELP = `voxa demo [--data DIR] [--size small|full]
  What \`npm start\` runs until the server exists: writes the phantom studies once (default
  .voxa-data/phantom-full; written again if a run was interrupted), then shows what Voxa finds
  in them and converts them to NIfTI.`;

/** `voxa demo`: seed the demo phantom on first run, then info + convert. */
export async function demo(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string', default: '.voxa-data' }, size: { type: 'string', default: 'full' } });
  const root = join(values.data, `phantom-${values.size}`);
  // The manifest is written last: a first run that was interrupted leaves none, and is redone.
  if (!(await readPhantomManifest(root))) {
    console.log(`No complete ${values.size} demo phantom in ${root} yet (first run, or an interrupted one): generating it …`);
    const code = await phantom(['-o', root, '--size', values.size]);
    if (code) return code;
  }
  const dicom = join(root, 'dicom');
  console.log(`\n$ voxa info ${dicom}`);
  await info([dicom]);
  const out = join(values.data, 'converted');
  console.log(`\n$ voxa convert ${dicom} -o ${out}`);
  return convert([dicom, '-o', out]);
}
