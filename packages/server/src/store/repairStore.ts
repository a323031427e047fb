import { readdir, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { INSTANCES_DIR } from './instanceFiles.ts';

/** What `repairStore` removed. */
export interface RepairCounts {
  /** Files (including temp files of interrupted writes) that no index row refers to. */
  orphanFiles: number;
  /** Instance rows whose file is gone. */
  orphanRows: number;
}

/** Files checked at once while looking for missing ones. */
const STAT_BATCH = 64;

/**
 * Make the index and the instance files agree after a crash or outside tampering: delete
 * instance rows whose file is missing (and series, studies, patients left empty), then every
 * file under `instances/` that no row names. Puts write the file before the row, so a crash
 * leaves at most orphan files; orphan rows only come from files deleted behind the store's back.
 * Must not run while puts are in flight (their files have no row yet): `SqliteFileStore.repair`
 * waits for them. `orphanFiles: false` keeps unknown files: another process owns the folder and
 * its puts in flight have files without rows (see `claimStore`).
 */
export async function repairStore(db: Database.Database, dataDir: string, o: { orphanFiles: boolean } = { orphanFiles: true }): Promise<RepairCounts> {
  const rows = db.prepare('SELECT pk, file_path FROM instances').all() as { pk: number; file_path: string }[];
  const missing = new Set<number>();
  for (let start = 0; start < rows.length; start += STAT_BATCH) {
    const batch = rows.slice(start, start + STAT_BATCH);
    const present = await Promise.all(batch.map((r) => stat(join(dataDir, r.file_path)).then((s) => s.isFile(), () => false)));
    batch.forEach((r, k) => present[k] || missing.add(r.pk));
  }
  if (missing.size > 0) deleteRows(db, [...missing]);

  if (!o.orphanFiles) return { orphanFiles: 0, orphanRows: missing.size };
  const referenced = new Set(rows.filter((r) => !missing.has(r.pk)).map((r) => r.file_path));
  let orphanFiles = 0;
  const entries = await readdir(join(dataDir, INSTANCES_DIR), { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = relative(dataDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (referenced.has(file)) continue;
    await unlink(join(dataDir, file));
    orphanFiles++;
  }
  return { orphanFiles, orphanRows: missing.size };
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
