import dcmjs from 'dcmjs';
import type { DicomJsonElement, DicomJsonObject, PersonName } from './dicomJson.ts';

/** Options of {@link instanceMetadata}. */
export interface InstanceMetadataOptions {
  /** Binary values larger than this many bytes become a BulkDataURI; smaller ones InlineBinary. */
  bulkDataThresholdBytes: number;
}

export const INSTANCE_METADATA_DEFAULTS: InstanceMetadataOptions = {
  bulkDataThresholdBytes: 1024,
};

interface DcmjsElement {
  vr?: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}
type DcmjsDict = Record<string, DcmjsElement>;
interface DcmjsMessage {
  dict: DcmjsDict;
}
interface DcmjsApi {
  data: { DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DcmjsMessage } };
}

const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

/**
 * The metadata of one stored instance in the DICOM JSON model (PS3.18 §10.4.1.1.2, Annex F):
 * the data set read by dcmjs without the File Meta Information, Pixel Data (7FE0,0008/0009/0010)
 * removed, other binary values over the threshold replaced by a BulkDataURI below
 * `instanceUrl`/bulkdata/ (tag path: `tag[/item/tag]…`), smaller ones InlineBinary.
 * Group lengths and trailing padding are dropped; empty values have no Value (F.2.5).
 *
 * @example
 * const json = instanceMetadata(bytes, 'http://h/dicom-web/studies/1/series/2/instances/3');
 */
export function instanceMetadata(bytes: Uint8Array, instanceUrl: string, options: Partial<InstanceMetadataOptions> = {}): DicomJsonObject {
  const opts = { ...INSTANCE_METADATA_DEFAULTS, ...options };
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // Stop before the pixel data: it is dropped anyway and is most of the file.
  const message = (dcmjs as DcmjsApi).data.DicomMessage.readFile(buffer, { untilTag: '7FE00010', includeUntilTagValue: false });
  return convertDict(message.dict, `${instanceUrl}/bulkdata`, opts, true);
}

function convertDict(dict: DcmjsDict, bulkBase: string, opts: InstanceMetadataOptions, topLevel: boolean): DicomJsonObject {
  const out: DicomJsonObject = {};
  for (const tag of Object.keys(dict).sort()) {
    const element = dict[tag];
    const upper = tag.toUpperCase();
    if (upper.endsWith('0000') || upper === 'FFFCFFFC' || upper.startsWith('0002')) continue;
    if (topLevel && (upper === '7FE00010' || upper === '7FE00008' || upper === '7FE00009')) continue;
    const vr = element.vr ?? 'UN';
    const converted = convertElement(vr, element, `${bulkBase}/${upper}`, opts);
    if (converted) out[upper] = converted;
  }
  return out;
}

function convertElement(vr: string, element: DcmjsElement, bulkUri: string, opts: InstanceMetadataOptions): DicomJsonElement | undefined {
  if (element.BulkDataURI !== undefined) return { vr, BulkDataURI: element.BulkDataURI };
  if (element.InlineBinary !== undefined) return { vr, InlineBinary: element.InlineBinary };
  const values = element.Value ?? [];
  if (vr === 'SQ') {
    const items = values.map((item, i) => convertDict(item as DcmjsDict, `${bulkUri}/${i}`, opts, false));
    return items.length > 0 ? { vr, Value: items } : { vr };
  }
  if (BINARY_VRS.has(vr)) return binaryElement(vr, values, bulkUri, opts);
  const cleaned = values.map((v) => cleanValue(vr, v));
  return cleaned.every((v) => v === null) ? { vr } : { vr, Value: cleaned };
}

/** Binary values: dcmjs gives ArrayBuffers (one per fragment for encapsulated data). */
function binaryElement(vr: string, values: unknown[], bulkUri: string, opts: InstanceMetadataOptions): DicomJsonElement {
  const buffers = values.filter((v): v is ArrayBuffer => v instanceof ArrayBuffer);
  const size = buffers.reduce((n, b) => n + b.byteLength, 0);
  if (size === 0) return { vr };
  if (size > opts.bulkDataThresholdBytes || buffers.length > 1) return { vr, BulkDataURI: bulkUri };
  return { vr, InlineBinary: Buffer.from(buffers[0]).toString('base64') };
}

function cleanValue(vr: string, value: unknown): string | number | PersonName | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (vr === 'PN' && typeof value === 'object') {
    const name: PersonName = {};
    for (const key of ['Alphabetic', 'Ideographic', 'Phonetic'] as const) {
      const part = (value as PersonName)[key];
      if (typeof part === 'string' && part !== '') name[key] = part;
    }
    return Object.keys(name).length > 0 ? name : null;
  }
  return String(value);
}
