import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The folder of the instance files, under the data folder. */
export const INSTANCES_DIR = 'instances';

/**
 * Where an instance's file lives, relative to the data folder: content-addressed,
 * `instances/<first 2 hex of its sha256>/<sha256>.dcm`. No UID or other input reaches the
 * path, and different bytes never share a name, so a conflicting upload racing the first one
 * cannot overwrite the file that is kept.
 */
export function instanceFilePath(sha256: string): string {
  return `${INSTANCES_DIR}/${sha256.slice(0, 2)}/${sha256}.dcm`;
}

/**
 * Create the shard folder of `file` (relative to `dataDir`) when missing, durably: the new
 * folder's entry in its parent is fsynced, as the file's own entry will be by its atomic write.
 */
export async function ensureShardFolder(dataDir: string, file: string): Promise<void> {
  const folder = join(dataDir, dirname(file));
  if (await mkdir(folder, { recursive: true })) await syncFolder(dirname(folder));
}

/** fsync a folder; best effort where the platform cannot (see @voxa/core's `withTempFile`). */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close().catch(() => {});
}
