/** Text helpers shared by the NRRD and MetaImage header parsers. */

const UTF8_DECODER = new TextDecoder('utf-8');
const UTF8_ENCODER = new TextEncoder();

/** Decode header bytes (ASCII, with UTF-8 allowed in values). */
export function decodeText(bytes: Uint8Array): string {
  return UTF8_DECODER.decode(bytes);
}

/** Encode header text as UTF-8 bytes. */
export function encodeText(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

/** Index just past the first blank line ("\n\n" or "\r\n\r\n"), or -1 when there is none. */
export function endOfBlankLine(bytes: Uint8Array, from = 0): number {
  for (let n = from; n + 1 < bytes.length; n++) {
    if (bytes[n] !== 0x0a) continue;
    if (bytes[n + 1] === 0x0a) return n + 2;
    if (bytes[n + 1] === 0x0d && bytes[n + 2] === 0x0a) return n + 3;
  }
  return -1;
}

/** Index just past the end of the line that contains `at` ("\n" or "\r\n"), or the length. */
export function endOfLine(bytes: Uint8Array, at: number): number {
  for (let n = at; n < bytes.length; n++) if (bytes[n] === 0x0a) return n + 1;
  return bytes.length;
}

/** Parse whitespace- or comma-separated numbers; NaN for anything unreadable. */
export function parseNumbers(text: string): number[] {
  return text.trim().split(/[\s,]+/).filter((t) => t !== '').map(Number);
}

/** Shortest text that reads back as the same double (-0 written as 0). */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}

/**
 * Expand a printf-style data file pattern (`slice%03d.raw`) over min..max by step: the
 * numbered-files form of NRRD `data file` and MetaImage `ElementDataFile`.
 */
export function expandFilePattern(pattern: string, min: number, max: number, step: number): string[] {
  const names: string[] = [];
  if (!(step !== 0 && Number.isFinite(min) && Number.isFinite(max) && Number.isFinite(step))) return names;
  for (let n = min; step > 0 ? n <= max : n >= max; n += step) {
    names.push(pattern.replace(/%(0?)(\d*)d/, (_, zero: string, width: string) => {
      const s = String(Math.abs(n));
      const padded = width ? s.padStart(Number(width), zero ? '0' : ' ') : s;
      return n < 0 ? `-${padded}` : padded;
    }));
    if (names.length > 100000) break;
  }
  return names;
}
