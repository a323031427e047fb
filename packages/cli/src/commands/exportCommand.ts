import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeChunksAtomic, writeFileAtomic } from '@voxa/core/node';
import { EXPORT_NOTES_FILE, exportedUid, exportInstances, exportNotes, INDEX_FILE, openSqliteFileStore, zipChunks, type ExportedFile, type ExportTally, type ZipEntry } from '@voxa/server';
import { parse, UsageError } from '../args.ts';
import { requireDeidSecret } from '../deidSecret.ts';
import { ProgressBar } from '../ProgressBar.ts';

export const EXPORT_HELP = `voxa export <StudyInstanceUID> -o <folder|file.zip> [--series UID] [--data DIR] [--deid [--secret-file FILE]] [--quiet]
  Write a study (or one series) of the archive at DIR (default .voxa-data) as PS3.10 files
  <out>/<study UID>/<series UID>/<SOP instance UID>.dcm, or as one .zip with those paths: byte for
  byte as stored, or with --deid de-identified as by \`voxa deid\` (site secret from --secret-file
  or VOXA_DEID_SECRET; the paths then use the new UIDs). Instances that cannot be exported are
  listed (and in EXPORT-NOTES.txt); prints counts, never patient data.`;

/** A UID (PS3.5 §9.1): digits and dots, at most 64 characters. */
const UID = /^[0-9]+(\.[0-9]+)*$/;

/** `voxa export`: a study of the archive into a folder or a zip. Exit 1 when nothing was written. */
export async function exportStudy(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      out: { type: 'string', short: 'o' },
      series: { type: 'string' },
      data: { type: 'string', default: '.voxa-data' },
      deid: { type: 'boolean' },
      'secret-file': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    1,
  );
  const [study, ...extra] = positionals;
  if (extra.length) throw new UsageError(`export takes one StudyInstanceUID, got ${positionals.length} arguments`);
  if (!values.out) throw new UsageError('export needs -o <folder|file.zip>');
  for (const [what, uid] of [['StudyInstanceUID', study], ['--series', values.series]] as const) {
    if (uid !== undefined && (!UID.test(uid) || uid.length > 64)) throw new UsageError(`${what} ${JSON.stringify(uid)}: expected a UID (digits and dots, at most 64 characters)`);
  }
  // A secret without --deid would suggest a de-identified export that is not one.
  if (values['secret-file'] && !values.deid) throw new UsageError('--secret-file is only used with --deid');
  const deidSecret = values.deid ? await requireDeidSecret(values['secret-file'], 'export --deid') : undefined;
  if (!existsSync(join(values.data, INDEX_FILE))) {
    console.error(`voxa export: no archive at ${values.data} (no ${INDEX_FILE}); give its folder with --data DIR`);
    return 1;
  }

  const out = values.out;
  const store = await openSqliteFileStore(values.data);
  const tally: ExportTally = { deidentified: deidSecret !== undefined, written: 0, failed: [], burnedInText: 0 };
  try {
    const refs = store.listInstances(study, values.series);
    if (refs.length === 0) {
      console.error(`voxa export: the archive at ${values.data} holds no ${values.series ? `series ${values.series} in study` : 'study'} ${study}`);
      return 1;
    }
    const notesPath = `${await exportedUid(study, deidSecret)}/${EXPORT_NOTES_FILE}`;
    const bar = new ProgressBar('export', { quiet: values.quiet });
    let done = 0;
    async function* files(): AsyncGenerator<ExportedFile> {
      for await (const item of exportInstances(store, refs, { deidSecret })) {
        bar.update(++done, refs.length);
        if (item.kind === 'failed') {
          tally.failed.push(item);
          continue;
        }
        tally.written++;
        if (item.burnedInText) tally.burnedInText++;
        yield item;
      }
    }
    try {
      if (/\.zip$/i.test(out)) {
        async function* entries(): AsyncGenerator<ZipEntry> {
          for await (const f of files()) yield { path: f.path, bytes: f.bytes };
          const notes = exportNotes(tally);
          if (notes) yield { path: notesPath, bytes: new TextEncoder().encode(notes) };
        }
        await mkdir(dirname(out), { recursive: true });
        await writeChunksAtomic(out, zipChunks(entries()));
      } else {
        for await (const f of files()) await writeInto(out, f.path, f.bytes);
        const notes = exportNotes(tally);
        if (notes) await writeInto(out, notesPath, notes);
      }
    } finally {
      bar.done();
    }
  } finally {
    store.close();
  }
  // Catalog text and the exported UIDs only: no value read from the files.
  for (const f of tally.failed) console.error(`left out ${f.sopInstanceUid}: ${f.code} ${f.reason}`);
  if (!values.quiet) {
    console.log(`${tally.written} instance(s) exported${deidSecret ? ' de-identified' : ''} → ${out}, ${tally.failed.length} left out`);
    if (tally.burnedInText) console.log(`warning: ${tally.burnedInText} file(s) have Burned In Annotation YES or absent: check the pixels for burned-in text`);
  }
  return tally.written > 0 ? 0 : 1;
}

/** Write `relative` ('/'-separated) under `root` atomically, creating its folders. */
async function writeInto(root: string, relative: string, data: Uint8Array | string): Promise<void> {
  const path = join(root, ...relative.split('/'));
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, data);
}
