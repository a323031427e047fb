import type { SliceRef } from '../dicom/InstanceInfo.ts';
import type { VoxelType } from '../volume/Volume.ts';

/**
 * The smallest voxel type guaranteed to hold every real-world value (stored value × slope +
 * intercept) of the slices exactly, judged slice by slice from its own Bits Stored, Pixel
 * Representation and rescale, so it is known before decoding: integer types when all slopes are
 * 1 and intercepts whole, else float32. Colour: uint8, or uint16/uint32 for deeper samples.
 */
export function chooseVoxelType(slices: SliceRef[]): VoxelType {
  const px = slices[0].instance.pixel;
  if (px.samplesPerPixel === 3 || px.photometricInterpretation === 'PALETTE COLOR') {
    const bits = px.photometricInterpretation === 'PALETTE COLOR' ? (px.palette?.bits ?? 16) : Math.max(...slices.map((s) => s.instance.pixel.bitsAllocated));
    return bits <= 8 ? 'uint8' : bits <= 16 ? 'uint16' : 'uint32';
  }
  if (slices.some((s) => s.instance.pixel.floatPixelData)) return 'float32';
  if (!slices.every((s) => s.rescaleSlope === 1 && Number.isInteger(s.rescaleIntercept))) return 'float32';
  let lo = Infinity, hi = -Infinity;
  for (const s of slices) {
    const p = s.instance.pixel;
    const bits = p.bitsAllocated === 1 ? 1 : p.bitsStored;
    const storedLo = p.pixelRepresentation ? -(2 ** (bits - 1)) : 0;
    const storedHi = p.pixelRepresentation ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
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
