import { readFile, stat } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { fileSources } from '@voxa/core/node';
import { openSqliteFileStore, type PutItem, type PutResult } from '@voxa/server';
import { parse, UsageError } from '../args.ts';
import { ProgressBar } from '../ProgressBar.ts';

export const IMPORT_HELP = `voxa import <folder|file.zip> [--data DIR] [--quiet]
  Store every DICOM file into the archive at DIR (default .voxa-data); prints how many were
  stored, duplicates and rejected (with the reason for each rejected file).`;

/** Files, and bytes, read into one `putMany` batch at most. */
const BATCH_FILES = 32;
const BATCH_BYTES = 64 * 2 ** 20;

/** `voxa import`: files or a zip into the embedded store. Exit 1 when nothing could be stored. */
export async function importFiles(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { data: { type: 'string', default: '.voxa-data' }, quiet: { type: 'boolean' } }, 1);
  const input = positionals[0];
  if (!input) throw new UsageError('import needs a folder or a .zip');
  const entries = (await stat(input)).isFile() && /\.zip$/i.test(input) ? zipEntries(new Uint8Array(await readFile(input))) : await fileSources(input);
  const store = await openSqliteFileStore(values.data);
  const bar = new ProgressBar('import', { quiet: values.quiet });
  const counts = { stored: 0, duplicate: 0, rejected: 0 };
  const rejected: string[] = [];
  try {
    // Files go to the store in batches: their writes overlap and share the index commits.
    for (let start = 0; start < entries.length;) {
      const batch: PutItem[] = [];
      for (let bytes = 0; start < entries.length && batch.length < BATCH_FILES && bytes < BATCH_BYTES; start++) {
        batch.push({ bytes: await entries[start].read(), origin: entries[start].name });
        bytes += batch[batch.length - 1].bytes.length;
      }
      for (const [k, settled] of (await store.putMany(batch)).entries()) {
        // An I/O or database failure stops the import, as it did file by file, once the batch has settled.
        if (settled.status === 'rejected') throw settled.reason;
        const r: PutResult = settled.value;
        counts[r.status]++;
        if (r.status === 'rejected') rejected.push(`${batch[k].origin}: ${r.reason}`);
      }
      bar.update(start, entries.length);
    }
  } finally {
    bar.done();
    store.close();
  }
  for (const line of rejected) console.error(`rejected ${line}`);
  if (!values.quiet) console.log(`${counts.stored} stored, ${counts.duplicate} duplicate(s), ${counts.rejected} rejected → ${values.data}`);
  return counts.stored + counts.duplicate > 0 || entries.length === 0 ? 0 : 1;
}

/** The files of a zip archive (folders skipped) as named byte sources. */
function zipEntries(zip: Uint8Array): { name: string; read: () => Promise<Uint8Array> }[] {
  return Object.entries(unzipSync(zip))
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, bytes]) => ({ name, read: async () => bytes }));
}
