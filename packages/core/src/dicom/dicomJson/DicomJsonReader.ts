import { VoxaError } from '../../errors/VoxaError.ts';
import type { AttributeReader } from '../AttributeReader.ts';
import { isNumberText } from '../dataSetValues.ts';
import { tagLabel } from '../pixel/tagLabel.ts';
import type { DicomJsonDataSet, DicomJsonElement, DicomJsonPersonName, DicomJsonValue } from './DicomJson.ts';

/** Options of {@link DicomJsonReader}. */
export interface DicomJsonReaderOptions {
  /** Name of the instance in error messages. */
  file?: string;
  /**
   * The values behind BulkDataURIs that the caller has already fetched (little endian, PS3.18
   * §8.7.3.3.2), by URI; undefined for one it has not.
   */
  bulkData?: (uri: string) => Uint8Array | undefined;
}

/**
 * The {@link AttributeReader} of a data set in the DICOM JSON model (PS3.18 Annex F), as sent by
 * WADO-RS metadata: values arrays, PN as `{ Alphabetic, … }`, IS/DS as numbers or text, AT as
 * eight hex digits (or, as dcmjs writes them, as a number), sequences as arrays of data sets,
 * binary values as InlineBinary or BulkDataURI. A value behind a BulkDataURI that
 * `options.bulkData` does not supply cannot be read: {@link bytes} throws
 * VOXA_ERR_DICOM_MISSING_TAG naming the SOP Instance UID, the tag and the URI.
 */
export class DicomJsonReader implements AttributeReader {
  readonly littleEndianBytes = true;

  /** `root` is the top-level data set of the instance, whose SOP Instance UID errors name. */
  constructor(
    readonly json: DicomJsonDataSet,
    readonly options: DicomJsonReaderOptions = {},
    private readonly root: DicomJsonDataSet = json,
  ) {}

  has(tag: string): boolean {
    return this.element(tag) !== undefined;
  }

  vr(tag: string): string | undefined {
    return this.element(tag)?.vr;
  }

  str(tag: string): string {
    return (this.text(tag) ?? '').replace(/\0/g, '').trim();
  }

  strs(tag: string): string[] {
    const text = this.text(tag);
    return text === undefined ? [] : text.replace(/\0/g, '').split('\\').map((s) => s.trim());
  }

  num(tag: string, index = 0): number | undefined {
    const el = this.element(tag);
    if (!el) return undefined;
    if (el.Value) return numberOf(el.Value[index]);
    // A binary value of unknown type (UN: a private tag of an Implicit VR file): binary US/UL
    // unless it reads as numeric text, as for Implicit VR data sets (dataSetValues.num).
    const bytes = el.InlineBinary !== undefined ? this.bytes(tag) : undefined;
    if (!bytes) return undefined;
    const text = isNumberText(bytes);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!text && bytes.length === 2) return index * 2 + 2 <= bytes.length ? view.getUint16(index * 2, true) : undefined;
    if (!text && bytes.length === 4) return index * 4 + 4 <= bytes.length ? view.getUint32(index * 4, true) : undefined;
    return numberOf(latin1(bytes).replace(/\0/g, '').split('\\')[index]);
  }

  nums(tag: string): number[] {
    const values = this.element(tag)?.Value ?? [];
    return values.map((v) => numberOf(v) ?? Number.NaN).filter((n) => Number.isFinite(n));
  }

  uint16(tag: string, index = 0): number | undefined {
    const n = this.word(tag, index);
    return n === undefined ? undefined : n & 0xffff;
  }

  int16(tag: string, index = 0): number | undefined {
    const n = this.word(tag, index);
    return n === undefined ? undefined : ((n & 0xffff) << 16) >> 16;
  }

  item(tag: string, index = 0): DicomJsonReader | undefined {
    const el = this.element(tag);
    const value = el?.vr === 'SQ' ? el.Value?.[index] : undefined;
    return value && typeof value === 'object' ? new DicomJsonReader(value as DicomJsonDataSet, this.options, this.root) : undefined;
  }

  /** AT values: eight hex digits (PS3.18 F.2.3), or a number (group << 16 | element) as dcmjs gives them. */
  tags(tag: string): string[] {
    const out: string[] = [];
    for (const v of this.element(tag)?.Value ?? []) {
      if (typeof v === 'string' && /^[0-9A-Fa-f]{8}$/.test(v.trim())) out.push(`x${v.trim().toLowerCase()}`);
      else if (typeof v === 'number' && Number.isInteger(v)) out.push(`x${(v >>> 0).toString(16).padStart(8, '0')}`);
    }
    return out;
  }

  bytes(tag: string): Uint8Array | undefined {
    const el = this.element(tag);
    if (!el) return undefined;
    let bytes: Uint8Array | undefined;
    if (el.InlineBinary !== undefined) {
      bytes = fromBase64(el.InlineBinary);
    } else if (el.BulkDataURI !== undefined) {
      bytes = this.options.bulkData?.(el.BulkDataURI);
      if (!bytes) {
        const uid = this.root['00080018']?.Value?.[0];
        throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG',
          { file: this.options.file, uid: typeof uid === 'string' ? uid : undefined, tag: tagLabel(tag), bulkDataUri: el.BulkDataURI },
          'the value is bulk data that was not supplied: fetch its BulkDataURI and pass the bytes in bulkData');
      }
    }
    return bytes?.length ? bytes : undefined;
  }

  /** The element of a tag key 'xggggeeee' (DICOM JSON keys are upper case; lower case is accepted). */
  private element(tag: string): DicomJsonElement | undefined {
    const key = tag.slice(1);
    return this.json[key.toUpperCase()] ?? this.json[key];
  }

  /**
   * The value as DICOM text: values joined by '\', PN as 'alphabetic=ideographic=phonetic', an
   * inline UN value as its characters; undefined when there is no value.
   */
  private text(tag: string): string | undefined {
    const el = this.element(tag);
    if (el?.Value?.length) return el.Value.map((v) => valueText(v, el.vr)).join('\\');
    if (el?.vr === 'UN' && el.InlineBinary !== undefined) return latin1(this.bytes(tag) ?? new Uint8Array(0));
    return undefined;
  }

  /** Value `index` of a 16-bit attribute: a number, numeric text, or the word of an inline binary value. */
  private word(tag: string, index: number): number | undefined {
    const el = this.element(tag);
    if (!el) return undefined;
    if (el.Value) {
      const n = numberOf(el.Value[index]);
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    }
    const bytes = el.InlineBinary !== undefined ? this.bytes(tag) : undefined;
    return bytes && index * 2 + 2 <= bytes.length ? bytes[index * 2] | (bytes[index * 2 + 1] << 8) : undefined;
  }
}

function numberOf(v: DicomJsonValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function valueText(v: DicomJsonValue, vr: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (vr !== 'PN') return '';
  // PS3.5 §6.2.1: component groups separated by '=', trailing empty groups left out.
  const pn = v as DicomJsonPersonName;
  return [pn.Alphabetic ?? '', pn.Ideographic ?? '', pn.Phonetic ?? ''].join('=').replace(/=+$/, '');
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
