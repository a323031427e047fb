import { open, unlink } from 'node:fs/promises';
import { commitTempFile, tempPathFor } from './tempFile.ts';

/**
 * Write a file so that readers see either nothing or the whole file, also after a crash: write a
 * temp file beside it, fsync and close it, rename it over `path`, fsync the folder. On failure the
 * temp file is removed and `path` is left as it was.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    // 'wx': never write through something already at the temp name.
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await commitTempFile(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
