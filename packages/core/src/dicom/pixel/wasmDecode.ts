import type { WasmDecoder, WasmFrameInfo } from './codecTypes.ts';

/** What a cornerstone wasm decoder produced. */
export interface WasmDecodeResult<X> {
  info: WasmFrameInfo;
  /** Decoded samples, copied out of wasm memory (16-bit samples little endian). */
  bytes: Uint8Array;
  /** What `inspect` read from the decoder before it was freed. */
  extra: X;
}

/**
 * Runs one cornerstone wasm decoder: copies `encoded` into wasm memory, decodes, copies the samples
 * out and frees the instance. `inspect` runs before the free, for decoder-specific queries.
 */
export function wasmDecode<D extends WasmDecoder, X>(
  create: () => D,
  encoded: Uint8Array,
  inspect: (decoder: D) => X,
): WasmDecodeResult<X> {
  const decoder = create();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = { ...decoder.getFrameInfo() };
    const bytes = decoder.getDecodedBuffer().slice();
    return { info, bytes, extra: inspect(decoder) };
  } finally {
    decoder.delete();
  }
}

/** Views decoded bytes as `count` samples of 1 or 2 bytes (the width follows from the length). */
export function typedSamples(bytes: Uint8Array, count: number, signed: boolean): Uint8Array | Int8Array | Uint16Array | Int16Array {
  if (bytes.length >= count * 2) {
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
    return signed
      ? new Int16Array(aligned.buffer, aligned.byteOffset, count)
      : new Uint16Array(aligned.buffer, aligned.byteOffset, count);
  }
  return signed ? new Int8Array(bytes.buffer, bytes.byteOffset, count) : bytes.subarray(0, count);
}
