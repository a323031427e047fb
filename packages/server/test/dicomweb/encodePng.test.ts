import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/dicomweb/encodePng.ts';
import { decodePng } from './util/decodePng.ts';

describe('encodePng', () => {
  it('round-trips an 8-bit greyscale image exactly', () => {
    const pixels = Uint8Array.from({ length: 7 * 5 }, (_, i) => (i * 37) & 0xff);
    const png = decodePng(encodePng({ width: 7, height: 5, channels: 1, pixels }));
    expect([png.width, png.height, png.channels]).toEqual([7, 5, 1]);
    expect(Array.from(png.pixels)).toEqual(Array.from(pixels));
  });

  it('round-trips an RGB image exactly', () => {
    const pixels = Uint8Array.from({ length: 3 * 4 * 3 }, (_, i) => (i * 91 + 3) & 0xff);
    const png = decodePng(encodePng({ width: 3, height: 4, channels: 3, pixels }));
    expect(png.channels).toBe(3);
    expect(Array.from(png.pixels)).toEqual(Array.from(pixels));
  });

  it('writes chunks whose CRC matches zlib.crc32 where Node has it', async () => {
    const zlib = (await import('node:zlib')) as { crc32?: (data: Uint8Array) => number };
    const png = encodePng({ width: 1, height: 1, channels: 1, pixels: Uint8Array.of(9) });
    if (!zlib.crc32) return;
    // IHDR: length 13 at offset 8, type+data from 12 to 29, CRC at 29.
    expect(png.readUInt32BE(29)).toBe(zlib.crc32(png.subarray(12, 29)));
  });
});
