import { inflateSync } from 'node:zlib';

/** A decoded 8-bit PNG and its tEXt chunks. */
export interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
  text: Record<string, string>;
}

/** Decodes an 8-bit, non-interlaced greyscale or RGB PNG (all five filter types), independently of the encoder under test. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (png.readUInt32BE(0) !== 0x89504e47 || png.readUInt32BE(4) !== 0x0d0a1a0a) throw new Error('not a PNG signature');
  let at = 8, width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  const text: Record<string, string> = {};
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced');
      channels = data[9] === 0 ? 1 : data[9] === 2 ? 3 : 0;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'tEXt') {
      const nul = data.indexOf(0);
      text[data.toString('latin1', 0, nul)] = data.toString('latin1', nul + 1);
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      pixels[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth][filter]) & 0xff;
    }
  }
  return { width, height, channels, pixels, text };
}

/** The RGB (or grey, repeated) of pixel (x, y), x and y rounded to the nearest pixel. */
export function pixelAt(png: DecodedPng, x: number, y: number): [number, number, number] {
  const at = (Math.round(y) * png.width + Math.round(x)) * png.channels;
  return png.channels === 1 ? [png.pixels[at], png.pixels[at], png.pixels[at]] : [png.pixels[at], png.pixels[at + 1], png.pixels[at + 2]];
}
