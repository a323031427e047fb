import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A fresh temporary name beside `path` (same folder, so the final rename stays on one file system). */
export function tempPathFor(path: string): string {
  return `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Rename a written, fsynced and closed temp file to `path`, then fsync the folder so the rename
 * itself survives a crash. The folder fsync is best effort: some platforms and file systems
 * (Windows, some network mounts) refuse to open or sync a directory.
 */
export async function commitTempFile(tmp: string, path: string): Promise<void> {
  await rename(tmp, path);
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  if (!dir) return;
  try {
    await dir.sync();
  } catch {
    // Best effort (see above): the data itself was synced before the rename.
  } finally {
    await dir.close().catch(() => {});
  }
}
