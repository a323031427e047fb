import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  niftiChunks, parseLabelTable, segmentationToLabelVolumes, VoxaError, writeNrrd, type LabelTable, type Segmentation, type Volume,
} from '@voxa/core';
import { writeChunksAtomic, writeFileAtomic } from '@voxa/core/node';

/** Label-map file extensions the CLI writes. */
export const LABEL_EXTENSIONS = ['.nii.gz', '.nii', '.nrrd'];

/**
 * Write a segmentation as label maps plus its label table: `out` for one layer, or
 * `<stem>_layer<N><ext>` per layer when segments overlap; the table goes to `<stem>.labels.json`.
 * Returns the paths written.
 */
export async function writeLabelMaps(seg: Segmentation, out: string, ext: string): Promise<string[]> {
  const { volumes, table } = segmentationToLabelVolumes(seg);
  const stem = out.slice(0, out.length - ext.length);
  const names = volumes.length > 1 ? volumes.map((_, n) => `${stem}_layer${n}${ext}`) : [out];
  for (let n = 0; n < volumes.length; n++) await writeLabelVolume(names[n], ext, volumes[n]);
  const tablePath = `${stem}.labels.json`;
  await writeFileAtomic(tablePath, `${JSON.stringify(table, null, 2)}\n`);
  return [...names, tablePath];
}

function writeLabelVolume(path: string, ext: string, v: Volume): Promise<void> {
  if (ext === '.nrrd') return writeFileAtomic(path, writeNrrd(v));
  return writeChunksAtomic(path, niftiChunks(v), { gzip: ext === '.nii.gz' });
}

/** The table given, else `<stem>.labels.json` beside the first label file (stem without `_layer<N>`). */
export async function readLabelTable(input: string, given: string | undefined): Promise<LabelTable | undefined> {
  const stem = basename(input).replace(/\.(nii\.gz|nii|nrrd)$/i, '').replace(/_layer\d+$/, '');
  const path = given ?? join(dirname(input), `${stem}.labels.json`);
  if (!given && !existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: path }, `label table is not JSON: ${e.message}`);
    throw e;
  }
  return parseLabelTable(json, path);
}
