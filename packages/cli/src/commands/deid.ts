import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { deidentify, ERROR_MESSAGES, isVoxaError } from '@voxa/core';
import { fileSources, writeFileAtomic } from '@voxa/core/node';
import { parse, UsageError } from '../args.ts';
import { requireDeidSecret } from '../deidSecret.ts';
import { ProgressBar } from '../ProgressBar.ts';

export const DEID_HELP = `voxa deid <folder|file> -o <out> [--secret-file FILE] [--quiet]
  De-identify DICOM files (PS3.15 Annex E Basic Profile + Retain Longitudinal Temporal Information
  with Modified Dates + Retain Patient Characteristics). Pseudonyms, UIDs and the date shift are
  keyed by the site secret (--secret-file, or the environment variable VOXA_DEID_SECRET), so the
  same patient gets the same pseudonym in every run. Writes <out>/<study UID>/<series UID>/<SOP
  instance UID>.dcm (new UIDs only); prints counts, never patient data.`;

/** `voxa deid`: de-identify a file or folder into a new folder. Exit 1 when nothing was written. */
export async function deid(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string', short: 'o' }, 'secret-file': { type: 'string' }, quiet: { type: 'boolean' } }, 1);
  if (!values.out) throw new UsageError('deid needs -o <out folder>');
  const secret = await requireDeidSecret(values['secret-file'], 'deid');
  const sources = await fileSources(positionals[0]);
  const bar = new ProgressBar('deid', { quiet: values.quiet });
  const rejected: string[] = [];
  const patients = new Set<string>(), series = new Set<string>();
  let written = 0, burnedIn = 0, done = 0;
  try {
    for (const src of sources) {
      try {
        const r = await deidentify(await src.read(), { secret, name: src.name });
        const dir = join(values.out, r.studyInstanceUid, r.seriesInstanceUid);
        await mkdir(dir, { recursive: true });
        await writeFileAtomic(join(dir, `${r.sopInstanceUid}.dcm`), r.bytes);
        written++;
        patients.add(r.patientId);
        series.add(r.seriesInstanceUid);
        if (r.burnedInTextFlag) burnedIn++;
      } catch (e) {
        if (!isVoxaError(e)) throw e;
        // The reason is the catalog message only: no value read from the file is printed.
        rejected.push(`${src.name}: ${e.code} ${ERROR_MESSAGES[e.code]}`);
      }
      bar.update(++done, sources.length);
    }
  } finally {
    bar.done();
  }
  for (const line of rejected) console.error(`rejected ${line}`);
  if (!values.quiet) {
    console.log(`${written} file(s) de-identified → ${values.out}: ${patients.size} patient(s), ${series.size} series, ${rejected.length} rejected`);
    if (burnedIn) console.log(`warning: ${burnedIn} file(s) have Burned In Annotation YES or absent: check the pixels for burned-in text`);
  }
  return written > 0 ? 0 : 1;
}
