import dcmjs from 'dcmjs';
import type { DicomJsonDataSet, DicomJsonElement, DicomJsonPersonName, DicomJsonValue } from './DicomJson.ts';

/**
 * DICOM JSON of a Part 10 file (PS3.18 §10.4.1.1.2, Annex F), as the server's WADO-RS metadata
 * route answers and as tests build it from files: dcmjs reads the
 * data set up to Pixel Data; File Meta Information, group lengths and Pixel Data are left out;
 * binary values larger than `bulkDataThresholdBytes` (or fragmented) become a BulkDataURI
 * `<instanceUrl>/bulkdata/<tag path>`, smaller ones InlineBinary; empty values have no Value.
 * `bulkData` holds the bytes each BulkDataURI stands for, as the bulk data route would send them.
 */
export interface Part10Json {
  json: DicomJsonDataSet;
  bulkData: Map<string, Uint8Array>;
}

/** Options of {@link dicomJsonFromPart10}. */
export interface DicomJsonFromPart10Options {
  /** Binary values larger than this many bytes become a BulkDataURI; smaller ones InlineBinary (default 1024). */
  bulkDataThresholdBytes: number;
  /**
   * Keep the pixel data element as a BulkDataURI, as PS3.18 F.2 archives (dcm4chee, Orthanc) do;
   * the Voxa server leaves it out. Float Pixel Data (7FE0,0008) is seen by dcmjs and kept; an
   * element after the header (7FE0,0010) is not read and becomes an OW BulkDataURI.
   */
  keepPixelData: boolean;
}

interface DcmjsElement {
  vr?: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}
type DcmjsDict = Record<string, DcmjsElement>;
interface DcmjsApi {
  data: { DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): { dict: DcmjsDict } } };
}

const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const PIXEL_TAGS = new Set(['7FE00010', '7FE00008', '7FE00009']);

/**
 * @example
 * const { json } = dicomJsonFromPart10(bytes, 'http://h/dicom-web/studies/1/series/2/instances/3');
 */
export function dicomJsonFromPart10(bytes: Uint8Array, instanceUrl: string, options: Partial<DicomJsonFromPart10Options> = {}): Part10Json {
  const opts: DicomJsonFromPart10Options = { bulkDataThresholdBytes: 1024, keepPixelData: false, ...options };
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const { dict } = (dcmjs as unknown as DcmjsApi).data.DicomMessage.readFile(buffer, { untilTag: '7FE00010', includeUntilTagValue: false });
  const bulkData = new Map<string, Uint8Array>();
  const json = convertDict(dict, `${instanceUrl}/bulkdata`, opts, bulkData, true);
  if (opts.keepPixelData && !json['7FE00008'] && !json['7FE00009']) json['7FE00010'] = { vr: 'OW', BulkDataURI: `${instanceUrl}/bulkdata/7FE00010` };
  return { json, bulkData };
}

function convertDict(dict: DcmjsDict, bulkBase: string, opts: DicomJsonFromPart10Options, bulk: Map<string, Uint8Array>, topLevel: boolean): DicomJsonDataSet {
  const out: DicomJsonDataSet = {};
  for (const tag of Object.keys(dict).sort()) {
    const upper = tag.toUpperCase();
    if (upper.endsWith('0000') || upper === 'FFFCFFFC' || upper.startsWith('0002')) continue;
    if (topLevel && PIXEL_TAGS.has(upper)) {
      if (opts.keepPixelData && upper !== '7FE00010') out[upper] = { vr: dict[tag].vr ?? 'OB', BulkDataURI: `${bulkBase}/${upper}` };
      continue;
    }
    const converted = convertElement(dict[tag].vr ?? 'UN', dict[tag], `${bulkBase}/${upper}`, opts, bulk);
    if (converted) out[upper] = converted;
  }
  return out;
}

function convertElement(vr: string, element: DcmjsElement, bulkUri: string, opts: DicomJsonFromPart10Options, bulk: Map<string, Uint8Array>): DicomJsonElement {
  const values = element.Value ?? [];
  if (vr === 'SQ') {
    const items = values.map((item, i) => convertDict(item as DcmjsDict, `${bulkUri}/${i}`, opts, bulk, false));
    return items.length > 0 ? { vr, Value: items } : { vr };
  }
  if (BINARY_VRS.has(vr)) {
    const buffers = values.filter((v): v is ArrayBuffer => v instanceof ArrayBuffer);
    const size = buffers.reduce((n, b) => n + b.byteLength, 0);
    if (size === 0) return { vr };
    if (size > opts.bulkDataThresholdBytes || buffers.length > 1) {
      bulk.set(bulkUri, new Uint8Array(buffers[0]));
      return { vr, BulkDataURI: bulkUri };
    }
    return { vr, InlineBinary: base64(new Uint8Array(buffers[0])) };
  }
  const cleaned = values.map((v) => cleanValue(vr, v));
  return cleaned.every((v) => v === null) ? { vr } : { vr, Value: cleaned };
}

/** Base64 of a small byte array (inline values are at most the bulk data threshold); Node and browsers. */
function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function cleanValue(vr: string, value: unknown): DicomJsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (vr === 'PN' && typeof value === 'object') {
    const name: DicomJsonPersonName = {};
    for (const key of ['Alphabetic', 'Ideographic', 'Phonetic'] as const) {
      const part = (value as DicomJsonPersonName)[key];
      if (typeof part === 'string' && part !== '') name[key] = part;
    }
    return Object.keys(name).length > 0 ? name : null;
  }
  return String(value);
}
