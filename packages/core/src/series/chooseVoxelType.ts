import type { SliceRef } from '../dicom/InstanceInfo.ts';
import type { VoxelType } from '../volume/Volume.ts';

/**
 * The smallest voxel type that holds every real-world value (stored value × slope + intercept)
 * of the slices exactly: integer types when all slopes are 1 and intercepts whole, else float32.
 * The range comes from Bits Stored and Pixel Representation, so it is known before decoding.
 */
export function chooseVoxelType(slices: SliceRef[]): VoxelType {
  const px = slices[0].instance.pixel;
  const integral = slices.every((s) => s.rescaleSlope === 1 && Number.isInteger(s.rescaleIntercept));
  if (!integral) return 'float32';
  let lo = Infinity, hi = -Infinity;
  const bits = px.bitsAllocated === 1 ? 1 : px.bitsStored;
  const storedLo = px.pixelRepresentation ? -(2 ** (bits - 1)) : 0;
  const storedHi = px.pixelRepresentation ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  for (const s of slices) {
    lo = Math.min(lo, storedLo + s.rescaleIntercept);
    hi = Math.max(hi, storedHi + s.rescaleIntercept);
  }
  if (lo >= 0 && hi <= 255) return 'uint8';
  if (lo >= -128 && hi <= 127) return 'int8';
  if (lo >= -32768 && hi <= 32767) return 'int16';
  if (lo >= 0 && hi <= 65535) return 'uint16';
  if (lo >= -(2 ** 31) && hi < 2 ** 31) return 'int32';
  return 'float32';
}
