/** The frame header (SOFn) of a JPEG stream (ITU-T T.81 B.2.2). */
export interface JpegFrameHeader {
  /** SOF marker code: 0xC0 baseline, 0xC1 extended, 0xC3 lossless, 0xF7 JPEG-LS … */
  marker: number;
  /** Sample precision P in bits. */
  precision: number;
  rows: number;
  columns: number;
  /** Component identifiers, in frame order. */
  componentIds: number[];
  /** An APP14 Adobe segment was seen; its colour transform flag (0 none, 1 YCbCr, 2 YCCK). */
  adobeTransform?: number;
  /** An APP0 JFIF segment was seen (implies YCbCr for 3 components). */
  jfif: boolean;
}

/** SOFn markers: every 0xFFCn except DHT (C4), JPG (C8) and DAC (CC); plus JPEG-LS SOF55 (F7). */
function isSof(marker: number): boolean {
  return (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xf7;
}

/** Reads markers from SOI up to the frame header; undefined when there is no SOI or no SOFn before SOS. */
export function readJpegFrameHeader(bytes: Uint8Array): JpegFrameHeader | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  let jfif = false;
  let adobeTransform: number | undefined;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    let marker = bytes[at + 1];
    // Fill bytes (0xFF) may precede a marker.
    while (marker === 0xff && at + 2 < bytes.length) marker = bytes[++at + 1];
    at += 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // no length field
    if (marker === 0xda || marker === 0xd9 || at + 2 > bytes.length) return undefined;
    const length = (bytes[at] << 8) | bytes[at + 1];
    if (isSof(marker) && at + 8 <= bytes.length) {
      const count = bytes[at + 7];
      const componentIds: number[] = [];
      for (let c = 0; c < count && at + 8 + 3 * c < bytes.length; c++) componentIds.push(bytes[at + 8 + 3 * c]);
      const header: JpegFrameHeader = {
        marker,
        precision: bytes[at + 2],
        rows: (bytes[at + 3] << 8) | bytes[at + 4],
        columns: (bytes[at + 5] << 8) | bytes[at + 6],
        componentIds,
        jfif,
      };
      if (adobeTransform !== undefined) header.adobeTransform = adobeTransform;
      return header;
    }
    if (marker === 0xe0 && length >= 7 && String.fromCharCode(...bytes.subarray(at + 2, at + 6)) === 'JFIF') jfif = true;
    if (marker === 0xee && length >= 12 && String.fromCharCode(...bytes.subarray(at + 2, at + 7)) === 'Adobe') {
      adobeTransform = bytes[at + 13];
    }
    at += length;
  }
  return undefined;
}

/** How far before the end an EOI marker may sit: fragments are padded to even length, some writers add more. */
const EOI_SEARCH_BYTES = 16;

/**
 * True when a JPEG / JPEG-LS stream ends with EOI (0xFFD9, ITU-T T.81 B.2.1) in its last bytes.
 * Inside entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so a missing EOI
 * means the stream was cut: decoders would otherwise fill the rest with grey (libjpeg) or spend
 * seconds reading past the end (CharLS).
 */
export function hasEndOfImage(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - EOI_SEARCH_BYTES); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}
