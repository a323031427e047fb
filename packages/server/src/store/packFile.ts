import { randomBytes } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type KnownFolders, syncFolder } from './storeFolders.ts';

/** The folder of the pack files, under the data folder. */
export const PACKS_DIR = 'packs';

/** Marks the start of every record of a pack file. */
const RECORD_MAGIC = Buffer.from('VOXAPAK1', 'latin1');

/** Bytes before each instance in a pack: magic (8), byte length (uint64 LE, 8), sha256 (32). */
export const PACK_RECORD_HEADER_BYTES = 48;

/** One instance for `PackWriter.append`. */
export interface PackItem {
  bytes: Uint8Array;
  /** Hex sha256 of `bytes`. */
  sha256: string;
}

/** Where `PackWriter.append` put a group's instances, durable when it resolves. */
export interface WrittenPack {
  /** Relative to the data folder, '/'-separated. */
  path: string;
  /** Where each item's bytes start in the file, in item order (after its record header). */
  offsets: number[];
}

/** One record of a pack file, as `packRecords` finds it. */
export interface PackRecord {
  /** Where the instance's bytes start. */
  offset: number;
  byteLength: number;
  sha256: string;
}

/** A pack is closed and the next one started beyond this size (a larger group gets a pack to itself). */
export const PACK_MAX_BYTES = 1024 ** 3;

/**
 * Appends the instances of each group commit to this process's current pack file and makes
 * them durable (fdatasync) before `append` resolves. One file for many groups rather than one
 * per instance (or per group): the archive benchmark's STOW load (900 instances of ~35 kB, 40 in
 * flight) made ~4,500 thread-pool file operations and 900 fsyncs with a file each; with a new
 * file per group, 45 files and 90 fsyncs (file and folder) took ~10% longer than appending.
 *
 * A pack is only appended to, by the one process whose PID its name holds, at the offsets the
 * index rows name after the group commits. A crash (or a failed write) can leave bytes after the
 * last committed record, which no row names: repair cuts them off, or deletes a pack without
 * rows. After a failed write the pack is given up and the next group starts a new one, so no
 * record ever follows a partial one (a group whose rows failed leaves whole records that no row
 * names, which stay). Each instance is preceded by a record header
 * (magic, length, sha256), so a pack can be walked without the index (`packRecords`). A new pack
 * goes in the folder of the day (UTC); its name holds the time, the PID and a random token, never
 * a UID. Not re-entrant: the store appends one group at a time.
 */
export class PackWriter {
  private current: { path: string; handle: FileHandle; size: number; day: string } | undefined;

  constructor(private readonly dataDir: string, private readonly folders: KnownFolders, private readonly maxBytes = PACK_MAX_BYTES) {}

  async append(items: readonly PackItem[]): Promise<WrittenPack> {
    const buffers: Uint8Array[] = [];
    const relative: number[] = [];
    let size = 0;
    for (const item of items) {
      buffers.push(recordHeader(item), item.bytes);
      relative.push(size + PACK_RECORD_HEADER_BYTES);
      size += PACK_RECORD_HEADER_BYTES + item.bytes.byteLength;
    }
    const pack = await this.packFor(size);
    try {
      await writeAll(pack.handle, buffers, size, pack.size);
      await pack.handle.datasync();
    } catch (e) {
      await this.finish();
      throw e;
    }
    const base = pack.size;
    pack.size += size;
    return { path: pack.path, offsets: relative.map((o) => base + o) };
  }

  /** Close the current pack; the next append starts a new one. */
  async finish(): Promise<void> {
    const pack = this.current;
    this.current = undefined;
    await pack?.handle.close().catch(() => undefined);
  }

  /** The pack to append `size` bytes to: the current one, or a new one (first use, new day, full). */
  private async packFor(size: number): Promise<NonNullable<PackWriter['current']>> {
    const now = new Date().toISOString();
    const day = now.slice(0, 10);
    const current = this.current;
    if (current && current.day === day && (current.size === 0 || current.size + size <= this.maxBytes)) return current;
    await this.finish();
    const path = `${PACKS_DIR}/${day}/${now.slice(11, 23).replace(/[:.]/g, '')}-${process.pid}-${randomBytes(6).toString('hex')}.pack`;
    const file = join(this.dataDir, path);
    const handle = await createFile(file, path, this.folders);
    try {
      // The new name must survive a crash before any row names it.
      await syncFolder(dirname(file));
    } catch (e) {
      await handle.close().catch(() => undefined);
      throw e;
    }
    this.current = { path, handle, size: 0, day };
    return this.current;
  }
}

/** Create the pack ('wx': never one that exists), its folder first; again once if the folder was removed behind the store's back. */
async function createFile(file: string, path: string, folders: KnownFolders): Promise<FileHandle> {
  await folders.ensure(path);
  try {
    return await open(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    folders.forget(path);
    await folders.ensure(path);
    return open(file, 'wx');
  }
}

/** writev at `position` until every byte is written (a single call may write fewer). */
async function writeAll(handle: FileHandle, buffers: Uint8Array[], size: number, position: number): Promise<void> {
  let written = (await handle.writev(buffers, position)).bytesWritten;
  while (written < size) {
    const rest = Buffer.concat(buffers).subarray(written);
    written += (await handle.write(rest, 0, rest.byteLength, position + written)).bytesWritten;
  }
}

/** The PID in a pack's name (see PackWriter), or undefined for a name not made by it. */
export function packWriterPid(path: string): number | undefined {
  const match = /\/\d{9}-(\d+)-[0-9a-f]{12}\.pack$/.exec(path);
  return match ? Number(match[1]) : undefined;
}

function recordHeader(item: PackItem): Buffer {
  const header = Buffer.alloc(PACK_RECORD_HEADER_BYTES);
  RECORD_MAGIC.copy(header, 0);
  header.writeBigUInt64LE(BigInt(item.bytes.byteLength), 8);
  header.write(item.sha256, 16, 32, 'hex');
  return header;
}

/**
 * The records of a pack file's bytes, in order. Stops at the first malformed or incomplete
 * record (the rest of the file is not a record), which it reports as `trailing` bytes.
 */
export function packRecords(bytes: Uint8Array): { records: PackRecord[]; trailing: number } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: PackRecord[] = [];
  let at = 0;
  while (at + PACK_RECORD_HEADER_BYTES <= view.byteLength && view.subarray(at, at + 8).equals(RECORD_MAGIC)) {
    const byteLength = Number(view.readBigUInt64LE(at + 8));
    const offset = at + PACK_RECORD_HEADER_BYTES;
    if (offset + byteLength > view.byteLength) break;
    records.push({ offset, byteLength, sha256: view.toString('hex', at + 16, at + 48) });
    at = offset + byteLength;
  }
  return { records, trailing: view.byteLength - at };
}
