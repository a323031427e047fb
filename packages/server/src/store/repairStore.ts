import { readdir, stat, truncate, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { INSTANCES_DIR } from './storeFolders.ts';
import { PACKS_DIR, packWriterPid } from './packFile.ts';
import { processIsAlive } from './storeOwner.ts';

/** What `repairStore` removed. */
export interface RepairCounts {
  /** Files (packs, one-instance files, temp files of interrupted writes) that no index row refers to. */
  orphanFiles: number;
  /** Instance rows whose bytes are gone (the file deleted, or cut short before them). */
  orphanRows: number;
  /** Bytes cut off the ends of packs, after their last record a row names (a crash before the commit). */
  orphanBytes: number;
}

/** Files checked at once while looking for missing ones. */
const STAT_BATCH = 64;

/**
 * Make the index and the files agree after a crash or outside tampering: delete instance rows
 * whose bytes are missing (the file is gone or ends before them; and series, studies, patients
 * left empty), then every file under `packs/` and `instances/` (older stores) that no row names,
 * and cut each pack after the last record a row names. Puts append to a pack before adding the
 * rows, so a crash leaves at most bytes no row names (a tail, or a new pack); orphan rows only
 * come from files deleted or cut short behind the store's back.
 * Must not run while this process appends (`SqliteFileStore.repair` waits for the puts in flight
 * and closes its pack first). Packs whose name holds the PID of another live process are left
 * alone: that process may be appending to them. `orphanFiles: false` keeps every file as it is:
 * another process owns the folder and its puts in flight have bytes without rows (see `claimStore`).
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

  if (!o.orphanFiles) return { orphanFiles: 0, orphanRows: missing.length, orphanBytes: 0 };
  const dropped = new Set(missing);
  // Each named file, with the end of the last record a row names in it.
  const referenced = new Map<string, number>();
  for (const r of rows) if (!dropped.has(r.pk)) referenced.set(r.file_path, Math.max(r.end, referenced.get(r.file_path) ?? 0));
  let orphanFiles = 0;
  let orphanBytes = 0;
  for (const folder of [PACKS_DIR, INSTANCES_DIR]) {
    const entries = await readdir(join(dataDir, folder), { recursive: true, withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = relative(dataDir, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (folder === PACKS_DIR && appendingElsewhere(file)) continue;
      const end = referenced.get(file);
      if (end === undefined) {
        await unlink(join(dataDir, file));
        orphanFiles++;
      } else if (folder === PACKS_DIR && sizes.get(file)! > end) {
        await truncate(join(dataDir, file), end);
        orphanBytes += sizes.get(file)! - end;
      }
    }
  }
  return { orphanFiles, orphanRows: missing.length, orphanBytes };
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

/** Whether a pack may be being appended to by another live process (its PID is in the name). */
function appendingElsewhere(pack: string): boolean {
  const pid = packWriterPid(pack);
  return pid !== undefined && pid !== process.pid && processIsAlive(pid);
}
