import { parseDicom, readPixelDescription, type ParsedDicom, type PixelDescription } from '@voxa/core';
import { HttpError } from './errors.ts';

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
