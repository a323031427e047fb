import { VoxaError } from '../../errors/VoxaError.ts';
import { nativeFrameBits } from './frameBytes.ts';
import type { PixelDescription } from './PixelDescription.ts';
import type { RawFrame, SampleArray } from './RawFrame.ts';

/**
 * Reads an uncompressed frame (PS3.5 8.1.1) into typed samples. Big endian 16- and 32-bit values are
 * byte-swapped; the result is in host order, which is little endian on every JavaScript engine in use.
 * 8-bit data is returned as a view (not owned); wider samples are copied.
 */
export function decodeNative(encoded: Uint8Array, desc: PixelDescription, littleEndian: boolean): RawFrame {
  const bits = nativeFrameBits(desc);
  const needed = Math.ceil(bits / 8);
  if (encoded.length < needed) {
    throw new VoxaError('VOXA_ERR_DICOM_TRUNCATED', { file: desc.file }, `frame has ${encoded.length} bytes, ${needed} expected`);
  }
  const layout = desc.photometricInterpretation === 'YBR_FULL_422' && desc.samplesPerPixel === 3
    ? 'ybr422'
    : desc.planarConfiguration === 1 ? 'planar' : 'interleaved';
  const base = { layout, atHighBit: true, rgb: false, lossy: false } as const;
  switch (desc.bitsAllocated) {
    case 1:
      return { ...base, samples: encoded.subarray(0, needed), owned: false, bitPacked: true };
    case 8:
      return { ...base, samples: encoded.subarray(0, needed), owned: false };
    case 16:
    case 32: {
      const width = desc.bitsAllocated / 8;
      const count = needed / width;
      const samples = allocate(desc, count);
      const bytes = new Uint8Array(samples.buffer, samples.byteOffset, needed);
      bytes.set(encoded.subarray(0, needed));
      if (!littleEndian) swapBytes(bytes, width);
      return { ...base, samples, owned: true };
    }
    default:
      throw new VoxaError(
        'VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT',
        { file: desc.file },
        `Bits Allocated ${desc.bitsAllocated}${desc.floatPixelData ? ' (float)' : ''} is not supported; expected 1, 8, 16 or 32`,
      );
  }
}

function allocate(desc: PixelDescription, count: number): SampleArray {
  if (desc.bitsAllocated === 16) return desc.pixelRepresentation === 1 ? new Int16Array(count) : new Uint16Array(count);
  if (desc.floatPixelData) return new Float32Array(count);
  return desc.pixelRepresentation === 1 ? new Int32Array(count) : new Uint32Array(count);
}

/** Reverses the byte order of each `width`-byte value in place (2 or 4). */
export function swapBytes(bytes: Uint8Array, width: number): void {
  const n = bytes.length - (bytes.length % width);
  if (width === 2) {
    for (let i = 0; i < n; i += 2) {
      const t = bytes[i];
      bytes[i] = bytes[i + 1];
      bytes[i + 1] = t;
    }
  } else {
    for (let i = 0; i < n; i += 4) {
      let t = bytes[i];
      bytes[i] = bytes[i + 3];
      bytes[i + 3] = t;
      t = bytes[i + 1];
      bytes[i + 1] = bytes[i + 2];
      bytes[i + 2] = t;
    }
  }
}
