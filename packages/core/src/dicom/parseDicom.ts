import dicomParser, { type DataSet } from 'dicom-parser';
import { inflateSync } from 'fflate';
import { VoxaError } from '../errors/VoxaError.ts';
import { vrForTag } from './vrForTag.ts';

/** A parsed DICOM object: dicom-parser's data set over the file's bytes (no copy), and its transfer syntax. */
export interface ParsedDicom {
  dataSet: DataSet;
  /** The bytes the data set points into (the file's, or the inflated copy for deflate). */
  bytes: Uint8Array;
  transferSyntaxUid: string;
  /** True when the file had a Part 10 preamble and meta header. */
  part10: boolean;
  file: string;
}

export interface ParseDicomOptions {
  /** Stop before this tag (e.g. 'x7fe00010' to read the header only). */
  untilTag?: string;
  /** Size of the whole file when `bytes` holds only its beginning: pixel data is checked against it. */
  fileSize?: number;
}

const DEFLATE = '1.2.840.10008.1.2.1.99';
const PIXEL_DATA = 'x7fe00010';

/**
 * Parse DICOM bytes (PS3.10 file, or a bare data set without meta header) into a data set.
 * Deflated files (PS3.5 A.5) are inflated with fflate; big endian and implicit VR are handled by
 * dicom-parser. Errors say which file and why: empty, not DICOM, truncated or corrupt.
 */
export function parseDicom(bytes: Uint8Array, file = '', options: ParseDicomOptions = {}): ParsedDicom {
  if (bytes.length === 0) throw new VoxaError('VOXA_ERR_FILE_EMPTY', { file });
  const part10 = bytes.length > 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  let rawSyntax: string | undefined;
  if (!part10) {
    rawSyntax = sniffRawDataSet(bytes);
    if (!rawSyntax) throw new VoxaError('VOXA_ERR_NOT_DICOM', { file }, `first bytes ${hex(bytes.subarray(0, 8))}`);
  }
  let inflated: Uint8Array | undefined;
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, {
      untilTag: options.untilTag,
      TransferSyntaxUID: rawSyntax,
      vrCallback: vrForTag,
      inflater: (array: Uint8Array, position: number) => {
        const body = inflateSync(array.subarray(position));
        inflated = new Uint8Array(position + body.length);
        inflated.set(array.subarray(0, position));
        inflated.set(body, position);
        return inflated;
      },
    } as dicomParser.ParseDicomOptions);
  } catch (e) {
    throw parserError(e, file);
  }
  const transferSyntaxUid = (dataSet.string('x00020010') ?? rawSyntax ?? '').replace(/\0/g, '').trim();
  if (!transferSyntaxUid) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: '(0002,0010) TransferSyntaxUID' });
  const data = transferSyntaxUid === DEFLATE && inflated ? inflated : bytes;
  checkPixelDataInBounds(dataSet, options.fileSize ?? data.length, file);
  return { dataSet, bytes: data, transferSyntaxUid, part10, file };
}

/**
 * A file without preamble may still be a bare data set (PS3.10 allows media without it in
 * practice, e.g. old ACR-NEMA style files). Accept it when it starts with a group 0008 tag.
 */
function sniffRawDataSet(bytes: Uint8Array): string | undefined {
  if (bytes.length < 8) return undefined;
  const group = bytes[0] | (bytes[1] << 8);
  if (group !== 0x0008 && group !== 0x0002) return undefined;
  const vr = String.fromCharCode(bytes[4], bytes[5]);
  return /^[A-Z]{2}$/.test(vr) ? '1.2.840.10008.1.2.1' : '1.2.840.10008.1.2';
}

/** dicom-parser throws strings or Errors with a partial dataSet; map them to our catalog. */
function parserError(e: unknown, file: string): VoxaError {
  const partial = (e as { dataSet?: DataSet })?.dataSet;
  const inner = (e as { exception?: unknown })?.exception ?? e;
  const text = typeof inner === 'string' ? inner : inner instanceof Error ? inner.message : String(inner);
  const truncated = /overread|overrun|past the end|beyond|end of buffer|out of range|offset is outside/i.test(text);
  // dicom-parser hands back what it parsed: the last element read says where the file breaks.
  const last = partial ? Object.keys(partial.elements).pop() : undefined;
  const tag = last ? `(${last.slice(1, 5)},${last.slice(5, 9)})`.toUpperCase() : undefined;
  return new VoxaError(truncated ? 'VOXA_ERR_DICOM_TRUNCATED' : 'VOXA_ERR_DICOM_CORRUPT', { file, tag: tag && `${tag} or the element after it` },
    text.replace(/^dicomParser[.:]\w+: /, ''), { cause: e });
}

function checkPixelDataInBounds(dataSet: DataSet, size: number, file: string): void {
  const el = dataSet.elements[PIXEL_DATA];
  // Undefined length means encapsulated fragments (found when parsing stops at the pixel data).
  if (!el || el.encapsulatedPixelData || el.hadUndefinedLength || el.length === 0xffffffff) return;
  if (el.dataOffset + el.length > size) {
    throw new VoxaError('VOXA_ERR_DICOM_TRUNCATED', { file, tag: '(7FE0,0010) PixelData' },
      `pixel data declares ${el.length} bytes from offset ${el.dataOffset}, but the file has ${size} bytes`);
  }
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}
