import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadVrDictionary } from '@voxa/core';
import Database from 'better-sqlite3';
import { syncFolder } from './storeFolders.ts';
import { migrate } from './migrations.ts';
import { PACKS_DIR } from './packFile.ts';
import { repairStore } from './repairStore.ts';
import { claimStore } from './storeOwner.ts';
import { SqliteFileStore } from './SqliteFileStore.ts';

export type { SqliteFileStore } from './SqliteFileStore.ts';
export type { RepairCounts } from './repairStore.ts';

/** The index database, in the data folder. */
export const INDEX_FILE = 'index.sqlite';

/** How long a write waits for another connection's lock (ms) before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Open (creating when missing) the store in `dataDir`: `index.sqlite` and `packs/`. Loads
 * the VR dictionary (Implicit VR headers), migrates the schema, and runs `repair()`; what that
 * removed is `store.repairedAtOpen`. Several processes may open one folder (`voxa import` beside
 * `voxa serve`): the first owns it (`claimStore`), and only the owner deletes orphan files.
 *
 * @example
 * const store = await openSqliteFileStore('/var/lib/voxa');
 * const result = await store.put(bytes, 'upload.dcm'); // { status: 'stored', ref }
 * const rows = store.search('study', { match: { PatientID: 'PAT*' }, limit: 20 });
 */
export async function openSqliteFileStore(dataDir: string): Promise<SqliteFileStore> {
  await loadVrDictionary();
  // Durably: pack folders are made inside it, and their entries fsynced into it.
  if (await mkdir(join(dataDir, PACKS_DIR), { recursive: true })) await syncFolder(dataDir);
  const file = join(dataDir, INDEX_FILE);
  const owner = await claimStore(dataDir);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a put answered 'stored' survives power loss. NORMAL with WAL stays consistent but can
    // lose the last commits; here that would turn acknowledged instances into orphan files that
    // repair() deletes. The cost is one WAL fsync per commit, which the store's group commit
    // shares among all the puts whose files became durable meanwhile.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    return new SqliteFileStore(dataDir, db, await repairStore(db, dataDir, { orphanFiles: owner.exclusive }), owner);
  } catch (e) {
    db.close();
    owner.release();
    throw e;
  }
}
