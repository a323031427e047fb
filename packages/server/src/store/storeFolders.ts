import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The folder of the one-file-per-instance layout of stores made before pack files (schema
 * versions 1-3): `instances/<2 hex>/<sha256 of the bytes>.dcm`. Their rows keep these paths; no
 * new file is written here, and repair treats its files like packs.
 */
export const INSTANCES_DIR = 'instances';

/**
 * Create the folder of `file` (relative to `dataDir`) when missing, durably: the new folder's
 * entry in its parent is fsynced, as the files' entries in it will be before their index rows
 * are committed.
 */
export async function ensureFolder(dataDir: string, file: string): Promise<void> {
  const folder = join(dataDir, dirname(file));
  if (await mkdir(folder, { recursive: true })) await syncFolder(dirname(folder));
}

/**
 * The folders (of pack files) this process has made sure of: `ensureFolder` once per folder
 * rather than once per file (a mkdir each time would queue behind the fsyncs on libuv's thread pool).
 * A folder removed behind the store's back makes the next write fail with ENOENT; `forget` it
 * and ensure it again.
 */
export class KnownFolders {
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(private readonly dataDir: string) {}

  /** Resolves once the folder of `file` (relative to the data folder) exists durably. */
  ensure(file: string): Promise<void> {
    const folder = dirname(file);
    const known = this.ensured.get(folder);
    if (known) return known;
    const ready = ensureFolder(this.dataDir, file);
    this.ensured.set(folder, ready);
    // A failed attempt is not remembered: the next file tries again.
    ready.catch(() => {
      if (this.ensured.get(folder) === ready) this.ensured.delete(folder);
    });
    return ready;
  }

  /** Drop what is known of the folder of `file`. */
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
