import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { gzipParallel } from './gzipParallel.ts';
import { withTempFile } from './tempFile.ts';

/** Options of `writeChunksAtomic`. */
export interface WriteChunksOptions {
  /** Gzip the stream (default false). */
  gzip?: boolean;
  /** Gzip level 0–9 (default 6, as gzip and dcm2niix). */
  level?: number;
}

/**
 * Stream chunks to `path` atomically and durably (temp file, fsync, close, rename, folder fsync,
 * as `writeFileAtomic`), optionally gzipped by Node's native zlib: no concatenated copy of the
 * data is made, and compression runs on the libuv thread pool — in parallel blocks when the
 * chunks are an array (`gzipParallel`), as a stream otherwise. If the chunk source throws, the
 * temp file is removed and `path` is left as it was.
 */
export async function writeChunksAtomic(
  path: string,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: WriteChunksOptions = {},
): Promise<void> {
  await withTempFile(path, async (fh) => {
    if (options.gzip && Array.isArray(chunks)) {
      // Chunks in memory: gzip them on every core (pigz-style), then write.
      for await (const c of gzipParallel(chunks, { level: options.level ?? 6 })) await writeAll(fh, c);
    } else if (options.gzip) {
      const source = Readable.from(chunks, { objectMode: false });
      await pipeline(source, createGzip({ level: options.level ?? 6 }), async (gzipped: AsyncIterable<Uint8Array>) => {
        for await (const c of gzipped) await writeAll(fh, c);
      });
    } else {
      for await (const c of chunks) await writeAll(fh, c);
    }
  });
}

/** fh.write may write less than asked: loop until the whole chunk is on its way. */
async function writeAll(fh: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.byteLength;) offset += (await fh.write(chunk, offset, chunk.byteLength - offset)).bytesWritten;
}
