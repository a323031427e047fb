import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * Stream chunks to `path` atomically (temp name, then rename), optionally gzipped by Node's
 * native zlib (level 6, as gzip and dcm2niix): no concatenated copy of the data is made, and
 * compression runs on the libuv thread pool.
 */
export async function writeChunksAtomic(path: string, chunks: Uint8Array[], options: { gzip?: boolean; level?: number } = {}): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    const source = Readable.from(chunks, { objectMode: false });
    if (options.gzip) await pipeline(source, createGzip({ level: options.level ?? 6 }), createWriteStream(tmp));
    else await pipeline(source, createWriteStream(tmp));
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
