import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import { sharedData } from '../../../core/test/util/shared.ts';
import { packRecords } from '../../src/store/packFile.ts';

export const CT_SMALL = 'pydicom/src/pydicom/data/test_files/CT_small.dcm';
export const MR_SMALL = 'pydicom/src/pydicom/data/test_files/MR_small.dcm';
export const MR_SMALL_IMPLICIT = 'pydicom/src/pydicom/data/test_files/MR_small_implicit.dcm';
export const MR_SMALL_BIG_ENDIAN = 'pydicom/src/pydicom/data/test_files/MR_small_bigendian.dcm';
export const SR_DOCUMENT = 'highdicom/data/test_files/sr_document.dcm';
/** 28 CT images (I10…I280, PatientID PLASTIC, StudyDate 20150206) and a non-DICOM DIRFILE. */
export const PHILIPS_SERIES = 'dcm_qa_ct/In/Philips/S21570/S2010';
/** 28 CT images (01.dcm…28.dcm), another study, no StudyDate. */
export const GE_SERIES = 'dcm_qa_ct/In/GE';

/** The bytes of a file under ../shared/data. */
export function shared(path: string): Uint8Array {
  return new Uint8Array(readFileSync(sharedData(path)));
}

/** Every file of a folder under ../shared/data, sorted by name. */
export function sharedFolder(path: string): { name: string; bytes: Uint8Array }[] {
  return readdirSync(sharedData(path)).sort().map((name) => ({ name, bytes: shared(`${path}/${name}`) }));
}

/** A fresh data folder; `cleanup` removes it. */
export async function tempDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'voxa-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Paths (relative to `dataDir`, '/'-separated) of every file in the store's file folders: the pack
 * files under `packs/` and the one-instance files of older stores under `instances/`.
 */
export async function instanceFiles(dataDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const folder of ['packs', 'instances']) {
    const entries = await readdir(join(dataDir, folder), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isFile()) files.push(relative(dataDir, join(e.parentPath, e.name)).split(sep).join('/'));
  }
  return files.sort();
}

/** How many instances the store's files hold: the records of every pack plus one per file of the older layout. */
export async function storedRecords(dataDir: string): Promise<number> {
  let count = 0;
  for (const file of await instanceFiles(dataDir)) count += file.startsWith('packs/') ? packRecords(await readFile(join(dataDir, file))).records.length : 1;
  return count;
}

/** Row counts of the index tables, read through a separate read-only connection. */
export function rowCounts(dataDir: string): { patients: number; studies: number; series: number; instances: number } {
  const db = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { patients: count('patients'), studies: count('studies'), series: count('series'), instances: count('instances') };
  } finally {
    db.close();
  }
}
