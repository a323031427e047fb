import { deflateSync } from 'node:zlib';
import { encodePng as encodePngCore, type Image8 } from '@voxa/core';

export type { Image8 };

/**
 * Encodes an 8-bit greyscale or RGB image as PNG with core's encoder (`encodePng` of @voxa/core),
 * deflated by node:zlib (native, faster than the pure-JS default), as a Buffer for Fastify.
 *
 * @example
 * const png = encodePng({ width: 2, height: 1, channels: 1, pixels: Uint8Array.of(0, 255) });
 */
export function encodePng(image: Image8): Buffer {
  const png = encodePngCore(image, { deflate: (raw) => deflateSync(raw, { level: 6 }) });
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}
