import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The folder of the instance files, under the data folder. */
export const INSTANCES_DIR = 'instances';

/**
 * Where an instance's file lives, relative to the data folder:
 * `instances/<first 2 hex of the sha256 of its Study Instance UID>/<sha256 of its bytes>.dcm`.
 * The name is content-addressed: different bytes never share a name, so a conflicting upload
 * racing the first one cannot overwrite the file that is kept, and identical bytes (same UIDs)
 * share one path. The folder groups a study's instances, which usually arrive together (one
 * STOW-RS request, one association, one import folder): a group commit then fsyncs one folder
 * rather than one per file, while 256 folders still spread the studies. No UID or other input
 * reaches the path as text, only hashes. Existing rows keep the path they were stored with.
 */
export function instanceFilePath(sha256: string, studyInstanceUid: string): string {
  const folder = createHash('sha256').update(studyInstanceUid).digest('hex').slice(0, 2);
  return `${INSTANCES_DIR}/${folder}/${sha256}.dcm`;
}

/**
 * Create the shard folder of `file` (relative to `dataDir`) when missing, durably: the new
 * folder's entry in its parent is fsynced, as the files' entries in it will be before their
 * index rows are committed.
 */
export async function ensureShardFolder(dataDir: string, file: string): Promise<void> {
  const folder = join(dataDir, dirname(file));
  if (await mkdir(folder, { recursive: true })) await syncFolder(dirname(folder));
}

/**
 * The shard folders this process has made sure of: `ensureShardFolder` once per folder rather
 * than once per file (a mkdir each time would queue behind the fsyncs on libuv's thread pool).
 * A folder removed behind the store's back makes the next write fail with ENOENT; `forget` it
 * and ensure it again.
 */
export class ShardFolders {
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(private readonly dataDir: string) {}

  /** Resolves once the shard folder of `file` (relative to the data folder) exists durably. */
  ensure(file: string): Promise<void> {
    const folder = dirname(file);
    const known = this.ensured.get(folder);
    if (known) return known;
    const ready = ensureShardFolder(this.dataDir, file);
    this.ensured.set(folder, ready);
    // A failed attempt is not remembered: the next file tries again.
    ready.catch(() => {
      if (this.ensured.get(folder) === ready) this.ensured.delete(folder);
    });
    return ready;
  }

  /** Drop what is known of the shard folder of `file`. */
  forget(file: string): void {
    this.ensured.delete(dirname(file));
  }
}

/** fsync a folder; best effort where the platform cannot (see @voxa/core's `withTempFile`). */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close().catch(() => {});
}
