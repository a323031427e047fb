import type { TextDecoder } from 'node:util';
import { VoxaError, type ParsedDicom } from '@voxa/core';
import type { InstanceRef } from './InstanceStore.ts';
import { INDEXED_ATTRIBUTES, type IndexedAttribute, type IndexLevel } from './indexedAttributes.ts';
import { textDecoderFor } from './textDecoder.ts';
import { uidProblem } from './uid.ts';

/** A column value of the index. */
export type IndexValue = string | number | null;

/** The index rows of one instance: column name → value per table, plus its reference. */
export interface IndexRecord {
  ref: InstanceRef & { sopClassUid: string; transferSyntaxUid: string };
  rows: Record<IndexLevel, Record<string, IndexValue>>;
}

/** Without these four the instance cannot be placed in the Patient/Study/Series/Instance tree. */
const REQUIRED = new Set(['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID', 'SOPClassUID']);

type DataSet = ParsedDicom['dataSet'];

/**
 * Read the indexed attributes of a parsed header. Every UID is validated (PS3.5 §9.1) before
 * it is used; a missing required UID is VOXA_ERR_DICOM_MISSING_TAG, a malformed UID
 * VOXA_ERR_DICOM_BAD_VALUE, both naming `origin` and the tag. Text is decoded with the file's
 * Specific Character Set. The instance row also gets its own Modality (a study's
 * ModalitiesInStudy is derived from its instances, so an SR filed in a CT series still counts).
 */
export function readIndexRecord(parsed: ParsedDicom, origin: string): IndexRecord {
  const ds = parsed.dataSet;
  const decoder = textDecoderFor(ds.string('x00080005'));
  const rows: IndexRecord['rows'] = { patient: {}, study: {}, series: {}, instance: {} };
  for (const attribute of INDEXED_ATTRIBUTES) {
    const value = attribute.keyword === 'TransferSyntaxUID' ? parsed.transferSyntaxUid : readValue(ds, attribute, decoder);
    if (attribute.vr === 'UI') checkUid(attribute, value, origin);
    rows[attribute.level][attribute.keyword] = value ?? null;
    if (attribute.vr === 'PN') rows[attribute.level][`${attribute.keyword}_folded`] = typeof value === 'string' ? foldPersonName(value) : null;
  }
  rows.instance.Modality = rows.series.Modality;
  return {
    ref: {
      studyInstanceUid: rows.study.StudyInstanceUID as string,
      seriesInstanceUid: rows.series.SeriesInstanceUID as string,
      sopInstanceUid: rows.instance.SOPInstanceUID as string,
      sopClassUid: rows.instance.SOPClassUID as string,
      transferSyntaxUid: rows.instance.TransferSyntaxUID as string,
      numberOfFrames: (rows.instance.NumberOfFrames as number | null) ?? undefined,
    },
    rows,
  };
}

/**
 * The case-insensitive form of a person name used for matching (Voxa's choice: PN matching
 * ignores case, PS3.4 C.2.2.2.1 leaves it to the implementation). Locale-independent.
 */
export function foldPersonName(value: string): string {
  return value.toLowerCase();
}

function checkUid(attribute: IndexedAttribute, value: string | number | undefined, origin: string): void {
  const tag = `(${attribute.tag.slice(0, 4)},${attribute.tag.slice(4)}) ${attribute.keyword}`;
  if (value === undefined) {
    if (!REQUIRED.has(attribute.keyword)) return;
    throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file: origin, tag },
      'the archive needs the Study, Series and SOP Instance UIDs and the SOP Class UID');
  }
  const problem = uidProblem(String(value));
  if (problem) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file: origin, tag },
      `${JSON.stringify(String(value).slice(0, 80))} is not a valid UID (PS3.5 §9.1): ${problem}`);
  }
}

function readValue(ds: DataSet, attribute: IndexedAttribute, decoder: TextDecoder): string | number | undefined {
  const tag = `x${attribute.tag.toLowerCase()}`;
  const element = ds.elements[tag];
  if (!element || element.length === 0) return undefined;
  switch (attribute.vr) {
    case 'US':
      return element.length >= 2 ? ds.uint16(tag) : undefined;
    case 'IS': {
      const text = ds.string(tag);
      return text !== undefined && /^[+-]?\d{1,10}$/.test(text) ? Number.parseInt(text, 10) : undefined;
    }
    case 'UI':
      return ds.string(tag) || undefined;
    case 'DA':
      // ACR-NEMA dates 'YYYY.MM.DD' are still met in old files.
      return ds.string(tag)?.replace(/^(\d{4})\.(\d{2})\.(\d{2})$/, '$1$2$3') || undefined;
    case 'TM':
      return ds.string(tag)?.replace(/:/g, '') || undefined;
    default: {
      const bytes = ds.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
      return decoder.decode(bytes).replace(/^[\s\0]+|[\s\0]+$/g, '') || undefined;
    }
  }
}
