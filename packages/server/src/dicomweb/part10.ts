import { parseDicom, readPixelDescription, type ParsedDicom, type PixelDescription } from '@voxa/core';
import { HttpError } from './errors.ts';

/** Implicit VR Little Endian, the transfer syntax of a data set without File Meta Information. */
const IMPLICIT_LITTLE = '1.2.840.10008.1.2';
/** VRs with a 4-byte length (and 2 reserved bytes) in explicit VR encoding (PS3.5 §7.1.2). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/**
 * Transfer Syntax UID (0002,0010) of a PS3.10 file, read from its File Meta Information only
 * (PS3.10 §7.1: explicit VR little endian right after the preamble). Implicit VR Little Endian
 * for a bare data set.
 */
export function readTransferSyntax(bytes: Uint8Array): string {
  const isPart10 = bytes.length > 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  if (!isPart10) return IMPLICIT_LITTLE;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 132;
  while (at + 8 <= bytes.length && view.getUint16(at, true) === 0x0002) {
    const element = view.getUint16(at + 2, true);
    const vr = String.fromCharCode(bytes[at + 4], bytes[at + 5]);
    const long = LONG_VRS.has(vr);
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const start = at + (long ? 12 : 8);
    if (element === 0x0010) {
      return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(length, bytes.length - start))
        .toString('latin1')
        .replace(/[\0 ]+$/, '');
    }
    at = start + length;
  }
  return IMPLICIT_LITTLE;
}

/** A stored image: its parsed data set and pixel description (PS3.3 C.7.6.3). */
export interface StoredImage {
  parsed: ParsedDicom;
  desc: PixelDescription;
}

/** Parses a stored instance for pixel access; VOXA_HTTP_NO_PIXEL_DATA (404) when it has none. */
export function openImage(bytes: Uint8Array): StoredImage {
  const parsed = parseDicom(bytes);
  if (!parsed.dataSet.elements.x7fe00010 && !parsed.dataSet.elements.x7fe00008 && !parsed.dataSet.elements.x7fe00009) {
    throw new HttpError('VOXA_HTTP_NO_PIXEL_DATA');
  }
  const desc = readPixelDescription(parsed.dataSet, { transferSyntaxUid: parsed.transferSyntaxUid });
  return { parsed, desc };
}

/**
 * 0-based frame indices from a frame list such as '1,3,2' (PS3.18 §10.4.1.1.6, 1-based);
 * VOXA_HTTP_FRAME_NOT_FOUND (404) for a number beyond Number of Frames.
 */
export function frameIndices(list: string, frames: number): number[] {
  return list.split(',').map((text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new HttpError('VOXA_HTTP_BAD_FRAME_LIST', `"${text}"`);
    if (n > frames) throw new HttpError('VOXA_HTTP_FRAME_NOT_FOUND', `frame ${n} requested, the instance has ${frames}`);
    return n - 1;
  });
}
