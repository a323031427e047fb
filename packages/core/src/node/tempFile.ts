import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Options of `withTempFile` and `writeFileAtomic`. */
export interface TempFileOptions {
  /**
   * fsync the folder after the rename (default true). false leaves that to the caller, who must
   * fsync the folder before relying on the new name surviving a crash: a store writing many files
   * into few folders fsyncs each folder once for all of them (group commit).
   */
  syncFolder?: boolean;
}

/**
 * Write `path` so that readers see either nothing or the whole file, also after a crash: `write`
 * fills a fresh temp file beside it, which is then fsynced, closed, renamed over `path`, and the
 * folder fsynced (unless `options.syncFolder` is false). On any failure the temp file is removed
 * and `path` is left as it was.
 */
export async function withTempFile(path: string, write: (fh: FileHandle) => Promise<void>, options: TempFileOptions = {}): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    // 'wx': never write through something already at the temp name.
    const fh = await open(tmp, 'wx');
    try {
      await write(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  if (options.syncFolder !== false) await syncFolder(dirname(path));
}

/**
 * fsync a folder so that a rename in it survives a crash. Best effort: some platforms and file
 * systems (Windows, some network mounts) refuse to open or sync a directory; the data itself was
 * synced before the rename.
 */
async function syncFolder(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined);
  if (!fh) return;
  await fh.sync().catch(() => {});
  await fh.close().catch(() => {});
}
