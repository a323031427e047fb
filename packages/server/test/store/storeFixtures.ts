import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sharedData } from '../../../core/test/util/shared.ts';

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

/** Paths (relative to `dataDir/instances`) of every file in the store's instance folder. */
export async function instanceFiles(dataDir: string): Promise<string[]> {
  const entries = await readdir(join(dataDir, 'instances'), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(join(dataDir, 'instances').length + 1)).sort();
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
