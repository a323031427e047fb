import { readFileSync } from 'node:fs';

/** The voxels of an uncompressed little-endian int16 NIfTI-1 file (dcm2niix's Ref outputs), x fastest. */
export function readNiftiInt16(path: string): { dims: number[]; voxels: Int16Array } {
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, true) !== 348) throw new Error(`${path}: not a little-endian NIfTI-1 file`);
  if (view.getInt16(70, true) !== 4) throw new Error(`${path}: datatype is not int16`);
  const dims = [1, 2, 3].map((i) => view.getInt16(40 + 2 * i, true));
  const offset = view.getFloat32(108, true);
  const count = dims[0] * dims[1] * dims[2];
  const voxels = new Int16Array(count);
  for (let i = 0; i < count; i++) voxels[i] = view.getInt16(offset + 2 * i, true);
  return { dims, voxels };
}

/**
 * Cuts a Siemens mosaic (tiles of `tile`×`tile`, row-major) into `slices` slices the way dcm2niix
 * writes them: x fastest, rows flipped (its LAS convention), slice after slice.
 */
export function demosaicLikeDcm2niix(
  mosaic: ArrayLike<number>,
  mosaicColumns: number,
  tile: number,
  slices: number,
): Int32Array {
  const perRow = mosaicColumns / tile;
  const out = new Int32Array(tile * tile * slices);
  for (let k = 0; k < slices; k++) {
    const tx = k % perRow;
    const ty = Math.floor(k / perRow);
    for (let y = 0; y < tile; y++) {
      const sourceRow = ty * tile + (tile - 1 - y);
      for (let x = 0; x < tile; x++) out[(k * tile + y) * tile + x] = mosaic[sourceRow * mosaicColumns + tx * tile + x];
    }
  }
  return out;
}
