import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

/** One file of a ZIP archive: its path inside the archive ('/'-separated, relative) and bytes. */
export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

/** Options of {@link zipChunks}. */
export interface ZipStreamOptions {
  /** Modification time recorded for every entry; default: when the archive is started. */
  modified?: Date;
  /**
   * Sizes and offsets from this many bytes on are written as ZIP64 fields; default
   * {@link ZIP_STREAM_DEFAULTS}.zip64Threshold (0xFFFFFFFF, where the 32-bit fields end). Tests
   * lower it to check the ZIP64 records on small archives.
   */
  zip64Threshold?: number;
}

/** Defaults of {@link zipChunks}. */
export const ZIP_STREAM_DEFAULTS = { zip64Threshold: 0xffffffff };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
/** APPNOTE 4.4.2/4.4.3: made by Unix (3), spec 4.5; version needed 2.0, or 4.5 for ZIP64. */
const VERSION_MADE_BY = (3 << 8) | 45;
const VERSION_STORED = 20;
const VERSION_ZIP64 = 45;
/** General purpose bit 11: the name is UTF-8. */
const FLAG_UTF8 = 0x0800;
/** External attributes: a regular file, mode 0644, in the high 16 bits (Unix host). */
const UNIX_FILE_ATTRS = (0o100644 << 16) >>> 0;
/** Central directory headers are sent in batches of this many, not one small chunk each. */
const CENTRAL_BATCH = 256;

interface CentralRecord {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
}

/**
 * A ZIP archive (PKWARE APPNOTE 6.3) of `entries`, stored without compression, as chunks: each
 * entry is pulled only after the previous one has been emitted, so the archive is never held in
 * memory (only a few dozen bytes per entry for the central directory). Sizes and CRC are known
 * before each local header, so no data descriptors are needed. Archives, entries or offsets past
 * 4 GiB and more than 65,534 entries get ZIP64 records (APPNOTE 4.3.14, 4.5.3), which
 * fflate's `Zip` cannot write. Paths must be relative, without '..' or '\', and unique.
 *
 * @example
 * await writeChunksAtomic('study.zip', zipChunks([{ path: 'a/b.dcm', bytes }]));
 */
export async function* zipChunks(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, options: ZipStreamOptions = {}): AsyncGenerator<Buffer> {
  const limit = Math.min(options.zip64Threshold ?? ZIP_STREAM_DEFAULTS.zip64Threshold, MAX32);
  const stamp = dosDateTime(options.modified ?? new Date());
  const records: CentralRecord[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for await (const entry of entries) {
    checkPath(entry.path, seen);
    const record: CentralRecord = { name: Buffer.from(entry.path, 'utf8'), crc: crc32(entry.bytes), size: entry.bytes.byteLength, offset };
    const header = localHeader(record, stamp, limit);
    yield header;
    yield Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength);
    records.push(record);
    offset += header.length + record.size;
  }
  const centralOffset = offset;
  let centralSize = 0;
  for (let i = 0; i < records.length; i += CENTRAL_BATCH) {
    const batch = Buffer.concat(records.slice(i, i + CENTRAL_BATCH).map((r) => centralHeader(r, stamp, limit)));
    centralSize += batch.length;
    yield batch;
  }
  yield endRecords(records.length, centralSize, centralOffset, limit);
}

/** {@link zipChunks} as a Node byte stream (for a Fastify reply). */
export function zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, options: ZipStreamOptions = {}): Readable {
  return Readable.from(zipChunks(entries, options), { objectMode: false });
}

function checkPath(path: string, seen: Set<string>): void {
  const bad = path === '' || path.startsWith('/') || path.includes('\\') || path.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw new Error(`zip entry path ${JSON.stringify(path)}: expected a relative path without empty, '.' or '..' segments or backslashes`);
  if (seen.has(path)) throw new Error(`zip entry path ${JSON.stringify(path)} occurs twice`);
  seen.add(path);
}

interface DosStamp {
  time: number;
  date: number;
}

/** MS-DOS time and date (local time, 2-second resolution, from 1980). */
function dosDateTime(d: Date): DosStamp {
  if (d.getFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function flags(name: Buffer): number {
  return name.some((b) => b >= 0x80) ? FLAG_UTF8 : 0;
}

/** Local file header (APPNOTE 4.3.7); a ZIP64 extra with both sizes when the size needs it. */
function localHeader(r: CentralRecord, stamp: DosStamp, limit: number): Buffer {
  const zip64 = r.size >= limit;
  const extra = zip64 ? zip64Extra([r.size, r.size]) : Buffer.alloc(0);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(SIG_LOCAL, 0);
  h.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_STORED, 4);
  h.writeUInt16LE(flags(r.name), 6);
  h.writeUInt16LE(0, 8); // method 0: stored
  h.writeUInt16LE(stamp.time, 10);
  h.writeUInt16LE(stamp.date, 12);
  h.writeUInt32LE(r.crc, 14);
  h.writeUInt32LE(zip64 ? MAX32 : r.size, 18);
  h.writeUInt32LE(zip64 ? MAX32 : r.size, 22);
  h.writeUInt16LE(r.name.length, 26);
  h.writeUInt16LE(extra.length, 28);
  return Buffer.concat([h, r.name, extra]);
}

/** Central directory header (APPNOTE 4.3.12); the fields that overflow go to a ZIP64 extra. */
function centralHeader(r: CentralRecord, stamp: DosStamp, limit: number): Buffer {
  const bigSize = r.size >= limit;
  const bigOffset = r.offset >= limit;
  // APPNOTE 4.5.3: the ZIP64 extra holds only the overflowing fields, in this order.
  const wide = [...(bigSize ? [r.size, r.size] : []), ...(bigOffset ? [r.offset] : [])];
  const extra = wide.length ? zip64Extra(wide) : Buffer.alloc(0);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(SIG_CENTRAL, 0);
  h.writeUInt16LE(VERSION_MADE_BY, 4);
  h.writeUInt16LE(wide.length ? VERSION_ZIP64 : VERSION_STORED, 6);
  h.writeUInt16LE(flags(r.name), 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(stamp.time, 12);
  h.writeUInt16LE(stamp.date, 14);
  h.writeUInt32LE(r.crc, 16);
  h.writeUInt32LE(bigSize ? MAX32 : r.size, 20);
  h.writeUInt32LE(bigSize ? MAX32 : r.size, 24);
  h.writeUInt16LE(r.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  h.writeUInt16LE(0, 32); // comment length
  h.writeUInt16LE(0, 34); // disk number start
  h.writeUInt16LE(0, 36); // internal attributes
  h.writeUInt32LE(UNIX_FILE_ATTRS, 38);
  h.writeUInt32LE(bigOffset ? MAX32 : r.offset, 42);
  return Buffer.concat([h, r.name, extra]);
}

/** ZIP64 extended information extra field (header ID 0x0001) with 8-byte values. */
function zip64Extra(values: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

/**
 * End of central directory (APPNOTE 4.3.16), preceded by the ZIP64 end record and locator
 * (4.3.14, 4.3.15) when the count, size or offset does not fit; the fields that overflow are
 * then 0xFFFF / 0xFFFFFFFF in the classic record.
 */
function endRecords(count: number, centralSize: number, centralOffset: number, limit: number): Buffer {
  const manyEntries = count >= MAX16;
  const bigSize = centralSize >= limit;
  const bigOffset = centralOffset >= limit;
  const parts: Buffer[] = [];
  if (manyEntries || bigSize || bigOffset) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(SIG_END64, 0);
    end64.writeBigUInt64LE(44n, 4); // size of the rest of this record
    end64.writeUInt16LE(VERSION_MADE_BY, 12);
    end64.writeUInt16LE(VERSION_ZIP64, 14);
    end64.writeUInt32LE(0, 16); // this disk
    end64.writeUInt32LE(0, 20); // disk with the central directory
    end64.writeBigUInt64LE(BigInt(count), 24);
    end64.writeBigUInt64LE(BigInt(count), 32);
    end64.writeBigUInt64LE(BigInt(centralSize), 40);
    end64.writeBigUInt64LE(BigInt(centralOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(SIG_LOCATOR64, 0);
    locator.writeUInt32LE(0, 4);
    locator.writeBigUInt64LE(BigInt(centralOffset + centralSize), 8);
    locator.writeUInt32LE(1, 16); // total number of disks
    parts.push(end64, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(manyEntries ? MAX16 : count, 8);
  end.writeUInt16LE(manyEntries ? MAX16 : count, 10);
  end.writeUInt32LE(bigSize ? MAX32 : centralSize, 12);
  end.writeUInt32LE(bigOffset ? MAX32 : centralOffset, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

/** CRC-32 (ISO 3309) of the bytes: Node's native zlib.crc32 (Node ≥ 20.15), else a table. */
function crc32(bytes: Uint8Array): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  return native ? native(bytes) : crc32Table(bytes);
}

let table: Uint32Array | undefined;

function crc32Table(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = MAX32;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ MAX32) >>> 0;
}
