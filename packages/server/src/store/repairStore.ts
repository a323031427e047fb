import { readdir, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { INSTANCES_DIR } from './storeFolders.ts';
import { PACKS_DIR } from './packFile.ts';

/** What `repairStore` removed. */
export interface RepairCounts {
  /** Files (packs, one-instance files, temp files of interrupted writes) that no index row refers to. */
  orphanFiles: number;
  /** Instance rows whose bytes are gone (the file deleted, or cut short before them). */
  orphanRows: number;
}

/** Files checked at once while looking for missing ones. */
const STAT_BATCH = 64;

/**
 * Make the index and the files agree after a crash or outside tampering: delete instance rows
 * whose bytes are missing (the file is gone or ends before them; and series, studies, patients
 * left empty), then every file under `packs/` and `instances/` (older stores) that no row names.
 * Puts write the pack before the rows, so a crash leaves at most orphan packs; orphan rows only
 * come from files deleted or cut short behind the store's back.
 * Must not run while puts are in flight (their files have no row yet): `SqliteFileStore.repair`
 * waits for them. `orphanFiles: false` keeps unknown files: another process owns the folder and
 * its puts in flight have files without rows (see `claimStore`).
 */
export async function repairStore(db: Database.Database, dataDir: string, o: { orphanFiles: boolean } = { orphanFiles: true }): Promise<RepairCounts> {
  const rows = db.prepare('SELECT pk, file_path, byte_offset + byte_size AS end FROM instances').all() as { pk: number; file_path: string; end: number }[];
  const files = [...new Set(rows.map((r) => r.file_path))];
  // The size of each file, -1 when it is gone or not a file.
  const sizes = new Map<string, number>();
  for (let start = 0; start < files.length; start += STAT_BATCH) {
    const batch = files.slice(start, start + STAT_BATCH);
    const found = await Promise.all(batch.map((f) => stat(join(dataDir, f)).then((s) => (s.isFile() ? s.size : -1), () => -1)));
    batch.forEach((f, k) => sizes.set(f, found[k]));
  }
  const missing = rows.filter((r) => r.end > sizes.get(r.file_path)!).map((r) => r.pk);
  if (missing.length > 0) deleteRows(db, missing);

  if (!o.orphanFiles) return { orphanFiles: 0, orphanRows: missing.length };
  const dropped = new Set(missing);
  const referenced = new Set(rows.filter((r) => !dropped.has(r.pk)).map((r) => r.file_path));
  let orphanFiles = 0;
  for (const folder of [PACKS_DIR, INSTANCES_DIR]) {
    const entries = await readdir(join(dataDir, folder), { recursive: true, withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = relative(dataDir, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (referenced.has(file)) continue;
      await unlink(join(dataDir, file));
      orphanFiles++;
    }
  }
  return { orphanFiles, orphanRows: missing.length };
}

function deleteRows(db: Database.Database, instancePks: number[]): void {
  const deleteInstance = db.prepare('DELETE FROM instances WHERE pk = ?');
  db.transaction(() => {
    for (const pk of instancePks) deleteInstance.run(pk);
    db.exec(`
      DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM instances i WHERE i.series_pk = series.pk);
      DELETE FROM studies WHERE NOT EXISTS (SELECT 1 FROM series se WHERE se.study_pk = studies.pk);
      DELETE FROM patients WHERE NOT EXISTS (SELECT 1 FROM studies st WHERE st.patient_pk = patients.pk);
    `);
  }).immediate();
}
