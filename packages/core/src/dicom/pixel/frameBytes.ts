import type { DataSet, Element } from 'dicom-parser';
import { VoxaError } from '../../errors/VoxaError.ts';
import { encapsulatedFrame } from './encapsulatedFrame.ts';
import { TS, type PixelDescription } from './PixelDescription.ts';
import { PIXEL_DATA_TAGS } from './readPixelDescription.ts';

/**
 * The encoded bytes of frame `frameIndex` (0-based), ready for {@link decodeFrame}.
 *
 * Native Pixel Data (PS3.5 8.1) gives a view without a copy, except in two cases that need one:
 * a 1-bit frame that does not start on a byte boundary (frames are bit-packed back to back, frame f
 * starts at bit f·rows·columns·samples) is shifted to start at bit 0, and 8-bit (or 1-bit) data in
 * an OW element of Explicit VR Big Endian has its 16-bit words swapped back to byte order.
 * Encapsulated Pixel Data (PS3.5 A.4) is located as described in {@link encapsulatedFrame}.
 */
export function frameBytes(dataSet: DataSet, frameIndex: number, desc: PixelDescription): Uint8Array {
  const file = desc.file;
  const element = pixelDataElement(dataSet, file);
  const frames = desc.numberOfFrames ?? 1;
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= frames) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, `frame ${frameIndex} requested, the object has ${frames} frame(s)`);
  }
  if (element.encapsulatedPixelData) return encapsulatedFrame(dataSet, element, frameIndex, desc);
  return nativeFrame(dataSet, element, frameIndex, desc);
}

/** Size in bits of one native frame; YBR_FULL_422 keeps 2 samples per pixel (PS3.3 C.7.6.3.1.2). */
export function nativeFrameBits(desc: PixelDescription): number {
  const samples = desc.photometricInterpretation === 'YBR_FULL_422' ? 2 : desc.samplesPerPixel;
  return desc.rows * desc.columns * samples * desc.bitsAllocated;
}

function pixelDataElement(dataSet: DataSet, file: string | undefined): Element {
  for (const tag of PIXEL_DATA_TAGS) {
    const element = dataSet.elements[tag];
    if (element) return element;
  }
  throw new VoxaError('VOXA_ERR_NO_PIXEL_DATA', { file });
}

function nativeFrame(dataSet: DataSet, element: Element, frameIndex: number, desc: PixelDescription): Uint8Array {
  const bits = nativeFrameBits(desc);
  const startBit = frameIndex * bits;
  const start = Math.floor(startBit / 8);
  const shift = startBit % 8;
  const length = Math.ceil((bits + shift) / 8);
  const available = Math.min(element.length, dataSet.byteArray.length - element.dataOffset);
  if (start + length > available) {
    throw new VoxaError(
      'VOXA_ERR_DICOM_TRUNCATED',
      { file: desc.file },
      `frame ${frameIndex} needs pixel data bytes ${start}..${start + length}, only ${available} present`,
    );
  }
  let bytes = dataSet.byteArray.subarray(element.dataOffset + start, element.dataOffset + start + length);
  // PS3.5 7.3 / 8.1.1: in big endian, OW values are 16-bit words, so sub-16-bit data had its bytes swapped.
  if (desc.transferSyntaxUid === TS.ExplicitVRBigEndian && element.vr === 'OW' && desc.bitsAllocated <= 8) {
    bytes = swapWordBytes(dataSet.byteArray, element.dataOffset, start, length);
  }
  if (shift !== 0) bytes = shiftBits(bytes, shift, Math.ceil(bits / 8));
  return bytes;
}

/** Copies `length` bytes from `start` (relative to the element at `origin`), undoing the 16-bit word swap. */
function swapWordBytes(source: Uint8Array, origin: number, start: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const limit = source.length - origin;
  for (let i = 0; i < length; i++) {
    const k = (start + i) ^ 1;
    out[i] = k < limit ? source[origin + k] : 0;
  }
  return out;
}

/** Bit-packed data (least significant bit first, PS3.5 8.1.1) moved down by `shift` bits. */
function shiftBits(bytes: Uint8Array, shift: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const back = 8 - shift;
  for (let i = 0; i < length; i++) {
    out[i] = ((bytes[i] >> shift) | ((bytes[i + 1] ?? 0) << back)) & 0xff;
  }
  return out;
}
