import type { VoxelArray, VoxelType } from '../volume/Volume.ts';

/** Element types a file may store: Voxa's voxel types plus 64-bit integers (converted on read). */
export type StoredType = VoxelType | 'int64' | 'uint64';

/** Bytes per element of each stored type. */
export const STORED_TYPE_BYTES: Readonly<Record<StoredType, number>> = {
  uint8: 1, int8: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, float32: 4, float64: 8, int64: 8, uint64: 8,
};

/** True when this machine keeps numbers little-endian (typed arrays use the host's order). */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const VIEW_CTORS = {
  uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array,
  uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
} as const;

/** Decoded voxel values and how they relate to the input bytes. */
export interface DecodedVoxels {
  voxels: VoxelArray;
  /** True when `voxels` is a fresh copy (or views bytes the caller said it owns): safe to modify. */
  owned: boolean;
  /** Set when 64-bit integers were converted (Volume has no 64-bit integer type). */
  conversion?: string;
}

/** Reverse the byte order of every `size`-byte element of `bytes`, in place. */
export function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 2) {
    for (let n = 0; n + 1 < bytes.length; n += 2) {
      const t = bytes[n]; bytes[n] = bytes[n + 1]; bytes[n + 1] = t;
    }
  } else if (size === 4) {
    for (let n = 0; n + 3 < bytes.length; n += 4) {
      let t = bytes[n]; bytes[n] = bytes[n + 3]; bytes[n + 3] = t;
      t = bytes[n + 1]; bytes[n + 1] = bytes[n + 2]; bytes[n + 2] = t;
    }
  } else if (size === 8) {
    for (let n = 0; n + 7 < bytes.length; n += 8) {
      for (let a = n, b = n + 7; a < b; a++, b--) {
        const t = bytes[a]; bytes[a] = bytes[b]; bytes[b] = t;
      }
    }
  }
}

/**
 * `count` elements of `type` starting at byte `offset` (the caller checks that they are there).
 * A view without copying when the start is aligned and the byte order is the host's; otherwise
 * one copy, byte-swapped as needed. 64-bit integers become int32 when every value fits, else
 * float64 (exact up to 2^53).
 */
export function decodeVoxels(bytes: Uint8Array, offset: number, type: StoredType, count: number, littleEndian: boolean, bytesOwned = false): DecodedVoxels {
  if (type === 'int64' || type === 'uint64') return decodeInt64(bytes, offset, type, count, littleEndian);
  const size = STORED_TYPE_BYTES[type];
  const Ctor = VIEW_CTORS[type];
  const native = size === 1 || littleEndian === HOST_LITTLE_ENDIAN;
  const start = bytes.byteOffset + offset;
  if (native && start % size === 0) return { voxels: new Ctor(bytes.buffer as ArrayBuffer, start, count), owned: bytesOwned };
  // Not bytes.slice(): on a Node Buffer that is a view, not a copy.
  const copy = new Uint8Array(bytes.subarray(offset, offset + count * size));
  if (!native) swapBytes(copy, size);
  return { voxels: new Ctor(copy.buffer, 0, count), owned: true };
}

function decodeInt64(bytes: Uint8Array, offset: number, type: 'int64' | 'uint64', count: number, le: boolean): DecodedVoxels {
  const dv = new DataView(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, count * 8);
  const out = new Float64Array(count);
  const signed = type === 'int64';
  let fitsInt32 = true;
  for (let n = 0, at = 0; n < count; n++, at += 8) {
    const lo = dv.getUint32(le ? at : at + 4, le);
    const hi = signed ? dv.getInt32(le ? at + 4 : at, le) : dv.getUint32(le ? at + 4 : at, le);
    const v = hi * 4294967296 + lo;
    out[n] = v;
    if (v < -2147483648 || v > 2147483647) fitsInt32 = false;
  }
  if (fitsInt32) return { voxels: Int32Array.from(out), owned: true, conversion: `${type} stored; every value fits, read as int32` };
  return { voxels: out, owned: true, conversion: `${type} stored; read as float64 (exact up to 2^53)` };
}

/** The voxels as little-endian bytes: a view when the host is little-endian, else a swapped copy. */
export function littleEndianBytes(voxels: VoxelArray): Uint8Array {
  const view = new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength);
  if (HOST_LITTLE_ENDIAN || voxels.BYTES_PER_ELEMENT === 1) return view;
  const copy = view.slice();
  swapBytes(copy, voxels.BYTES_PER_ELEMENT);
  return copy;
}

/** Parse whitespace-separated numbers (ASCII / text encodings) into `out`; returns how many were read. */
export function parseAsciiNumbers(text: string, out: VoxelArray): number {
  let n = 0;
  for (const token of text.split(/[\s,]+/)) {
    if (token === '') continue;
    if (n >= out.length) break;
    out[n++] = Number(token);
  }
  return n;
}
