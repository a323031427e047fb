import type { PixelDescription } from './PixelDescription.ts';
import type { RawFrame, SampleArray } from './RawFrame.ts';

/** Typed arrays a decoded frame is returned in. */
export type PixelArray = SampleArray;

/**
 * Stored pixel values of a raw frame (PS3.5 8.1.1): moved down from High Bit (native data), masked
 * to Bits Stored and, when `signed`, sign-extended at the top stored bit, in the array type that Bits
 * Allocated and signedness call for. 1-bit packed data is unpacked to one 0/1 byte per pixel.
 * `count` is the number of samples in the frame.
 */
export function storedValues(raw: RawFrame, desc: PixelDescription, signed: boolean, count: number): PixelArray {
  const source = raw.samples;
  if (raw.bitPacked) return unpackBits(source as Uint8Array, count);
  if (desc.floatPixelData) return source instanceof Float32Array && raw.owned ? source : Float32Array.from(source.subarray(0, count));

  const allocated = desc.bitsAllocated;
  const bits = Math.max(1, Math.min(desc.bitsStored, allocated === 1 ? 1 : allocated));
  const shift = raw.atHighBit ? Math.max(0, desc.highBit + 1 - bits) : 0;
  const Out = containerFor(allocated, signed);
  if (source instanceof Out && shift === 0 && bits === allocated) {
    return raw.owned && source.length === count ? source : source.slice(0, count);
  }
  // Masking rewrites each value in place when the source is ours and already the right type.
  const out = source instanceof Out && raw.owned ? source : new Out(count);
  const n = Math.min(count, source.length);
  if (signed) {
    const up = 32 - bits;
    for (let i = 0; i < n; i++) out[i] = ((source[i] >>> shift) << up) >> up;
  } else {
    const mask = bits >= 32 ? -1 : (1 << bits) - 1;
    for (let i = 0; i < n; i++) out[i] = (source[i] >>> shift) & mask;
  }
  return out.length === count ? out : out.subarray(0, count);
}

type PixelArrayConstructor =
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Uint16ArrayConstructor
  | Int16ArrayConstructor
  | Uint32ArrayConstructor
  | Int32ArrayConstructor;

function containerFor(bitsAllocated: number, signed: boolean): PixelArrayConstructor {
  if (bitsAllocated <= 8) return signed ? Int8Array : Uint8Array;
  if (bitsAllocated <= 16) return signed ? Int16Array : Uint16Array;
  return signed ? Int32Array : Uint32Array;
}

/** 1-bit data, least significant bit first (PS3.5 8.1.1 and D.2), to one 0/1 byte per pixel. */
export function unpackBits(packed: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  const n = Math.min(count, packed.length * 8);
  for (let i = 0; i < n; i++) out[i] = (packed[i >> 3] >> (i & 7)) & 1;
  return out;
}

