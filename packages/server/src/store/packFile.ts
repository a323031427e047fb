import { randomBytes } from 'node:crypto';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type KnownFolders, syncFolder } from './storeFolders.ts';

/** The folder of the pack files, under the data folder. */
export const PACKS_DIR = 'packs';

/** Marks the start of every record of a pack file. */
const RECORD_MAGIC = Buffer.from('VOXAPAK1', 'latin1');

/** Bytes before each instance in a pack: magic (8), byte length (uint64 LE, 8), sha256 (32). */
export const PACK_RECORD_HEADER_BYTES = 48;

/** One instance for `writePack`. */
export interface PackItem {
  bytes: Uint8Array;
  /** Hex sha256 of `bytes`. */
  sha256: string;
}

/** A pack file written by `writePack`, durable with its name. */
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

/**
 * Write the instances of one group commit into a new pack file and make it durable: the file is
 * fsynced, then its folder, so its name survives a crash too. One file per group rather than
 * one per instance: the archive benchmark's STOW load (900 instances of ~35 kB, 40 in flight)
 * made ~4,500 thread-pool file operations and 900 fsyncs per run with a file each, against
 * ~5 operations and 2 fsyncs per group of ~10-40 now. A pack is never appended to afterwards,
 * so one that no index row names is simply an orphan (a crash before the commit, or a group
 * whose rows all failed), which repair deletes whole, like a loose file.
 *
 * Each instance is preceded by a record header (magic, length, sha256), so a pack can be walked
 * without the index (`packRecords`). The name holds the day and a random token, never a UID.
 * On failure nothing is left behind and the error is thrown.
 */
export async function writePack(dataDir: string, items: readonly PackItem[], folders: KnownFolders): Promise<WrittenPack> {
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  const time = now.toISOString().slice(11, 23).replace(/[:.]/g, '');
  const path = `${PACKS_DIR}/${day}/${time}-${process.pid}-${randomBytes(6).toString('hex')}.pack`;
  const buffers: Uint8Array[] = [];
  const offsets: number[] = [];
  let size = 0;
  for (const item of items) {
    buffers.push(recordHeader(item), item.bytes);
    offsets.push(size + PACK_RECORD_HEADER_BYTES);
    size += PACK_RECORD_HEADER_BYTES + item.bytes.byteLength;
  }
  const file = join(dataDir, path);
  const handle = await createFile(file, path, folders);
  try {
    try {
      await writeAll(handle, buffers, size);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await syncFolder(dirname(file));
  } catch (e) {
    await unlink(file).catch(() => undefined);
    throw e;
  }
  return { path, offsets };
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

/** writev until every byte is written (a single call may write fewer). */
async function writeAll(handle: FileHandle, buffers: Uint8Array[], size: number): Promise<void> {
  let written = (await handle.writev(buffers, 0)).bytesWritten;
  while (written < size) {
    const rest = Buffer.concat(buffers).subarray(written);
    written += (await handle.write(rest, 0, rest.byteLength, written)).bytesWritten;
  }
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
