import { availableParallelism } from 'node:os';
import { constants, crc32, deflateRaw } from 'node:zlib';

/** Options of {@link gzipParallel}. */
export interface GzipParallelOptions {
  /** zlib level 0–9 (default 6, as gzip and dcm2niix). */
  level: number;
  /** Bytes per independently deflated block (default 4 MiB: output ~0.2% larger than one stream). */
  blockBytes: number;
  /**
   * Blocks in flight at once (default: libuv's 4 pool threads, at least the core count). Measured
   * on 2 cores, 150 MB: 4 in flight 2.6 s, 2 in flight 3.3 s, one zlib stream 4.5 s.
   */
  concurrency: number;
}

export const GZIP_PARALLEL_DEFAULTS: GzipParallelOptions = { level: 6, blockBytes: 4 << 20, concurrency: Math.max(4, availableParallelism()) };

/**
 * Gzip (RFC 1952) on every core, as pigz does: the data is cut into blocks, each deflated on the
 * libuv thread pool as a raw stream ended by a sync flush (byte-aligned, not final), except the
 * last. Raw deflate streams joined that way form one valid deflate stream, wrapped here in a
 * single gzip member with the CRC-32 of the whole data. Yields the output in order, with at most
 * `concurrency` blocks in flight, so memory stays bounded.
 */
export async function* gzipParallel(chunks: Iterable<Uint8Array>, options: Partial<GzipParallelOptions> = {}): AsyncGenerator<Uint8Array> {
  const o = { ...GZIP_PARALLEL_DEFAULTS, ...options };
  const blocks: Uint8Array[] = [];
  let crc = 0, size = 0;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.byteLength;
    for (let at = 0; at < c.byteLength; at += o.blockBytes) blocks.push(c.subarray(at, Math.min(at + o.blockBytes, c.byteLength)));
  }
  if (!blocks.length) blocks.push(new Uint8Array(0));
  // RFC 1952 member: ID1 ID2 CM=8 FLG=0 MTIME=0 XFL=0 OS=3 (Unix) … CRC32 ISIZE (little endian).
  yield new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const inFlight: Promise<Uint8Array>[] = [];
  let started = 0;
  const start = () => {
    const p = deflateBlock(blocks[started], o.level, started === blocks.length - 1);
    p.catch(() => {}); // rejections surface when awaited in order below
    inFlight.push(p);
    started++;
  };
  while (started < Math.min(Math.max(1, o.concurrency), blocks.length)) start();
  while (inFlight.length) {
    const out = await inFlight.shift()!;
    if (started < blocks.length) start();
    yield out;
  }
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc >>> 0, true);
  view.setUint32(4, size >>> 0, true);
  yield trailer;
}

function deflateBlock(block: Uint8Array, level: number, last: boolean): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    deflateRaw(block, { level, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }, (err, res) =>
      err ? reject(err) : resolve(new Uint8Array(res.buffer, res.byteOffset, res.byteLength)));
  });
}
