import dcmjs from 'dcmjs';
import { VoxaError } from '../errors/VoxaError.ts';
import { actionForTag, type AppliedAction } from './basicProfileActions.ts';
import { createPseudonymKey, dateShiftDays, patientKey, pseudonymousPatientId, pseudonymousUid, type DateShiftRange, type PseudonymKey } from './pseudonyms.ts';
import { shiftDa, shiftDt } from './shiftDate.ts';

/** Options of {@link deidentify}. */
export interface DeidOptions {
  /** The site secret every pseudonym is keyed by (HMAC-SHA-256). Required, non-empty. */
  secret: Uint8Array | string;
  /** Date shift range in days; default {@link DEID_DEFAULTS}.dateShift (−3650…−365). */
  dateShift?: DateShiftRange;
  /** Private tags (8 hex digits) to keep; default none (every private tag is removed). */
  safePrivateTags?: readonly string[];
  /** A name for error messages (a file path). */
  name?: string;
}

/** Defaults of {@link deidentify}: dates moved back 1–10 years, no private tag kept. */
export const DEID_DEFAULTS = {
  dateShift: { minDays: -3650, maxDays: -365 } as DateShiftRange,
  safePrivateTags: [] as readonly string[],
};

/** What {@link deidentify} produced. */
export interface DeidResult {
  /** The de-identified Part 10 file. */
  bytes: Uint8Array;
  /** The new identifiers (no PHI): for output paths and summaries. */
  patientId: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** The whole days every date of this patient was moved by. */
  dateShiftDays: number;
  /** Burned In Annotation (0028,0301) is absent or YES: pixels may still show identifying text. */
  burnedInTextFlag: boolean;
  /** The transfer syntax written (the input's). */
  transferSyntaxUid: string;
}

/** Methods recorded in De-identification Method Code Sequence (PS3.16 CID 7050). */
export const DEID_METHOD_CODES = [
  ['113100', 'Basic Application Confidentiality Profile'],
  ['113107', 'Retain Longitudinal Temporal Information Modified Dates Option'],
  ['113108', 'Retain Patient Characteristics Option'],
] as const;

const PROFILE = { retainLongitudinalModifiedDates: true, retainPatientCharacteristics: true };

/** UID attributes that name a class, a syntax or a coding scheme: never replaced. */
const KEEP_UID_TAGS = new Set([
  '00020002', '00020010', '00020012', '00080016', '00081150', '0008001A', '00081090', '0008010C', '0008010D', '00080062',
  '00041510', '00041512', '00400E01', '0040A504',
]);

const UNSUPPORTED_SYNTAXES: Record<string, string> = {
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian (dcmjs cannot write it back)',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian (retired; dcmjs cannot write it back)',
};

interface Element {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
}
type Dataset = Record<string, Element>;

interface DcmjsDict {
  meta: Dataset;
  dict: Dataset;
  write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
}
const dcmjsData = (dcmjs as unknown as { data: { DicomMessage: { readFile(buffer: ArrayBuffer, options?: object): DcmjsDict } } }).data;

interface Context {
  key: PseudonymKey;
  shiftDays: number;
  patientId: string;
  safePrivate: Set<string>;
}

/**
 * De-identify one DICOM Part 10 file with the PS3.15 Annex E Basic Application Level
 * Confidentiality Profile plus the options Retain Longitudinal Temporal Information with Modified
 * Dates and Retain Patient Characteristics. Patient ID and Name become a keyed pseudonym, UIDs
 * '2.25.' + a keyed hash (references stay consistent across files), dates move by a per-patient
 * number of days, private tags, overlays and curves are removed, sequences are recursed. The pixel
 * data and the transfer syntax are kept.
 *
 * @example
 * const { bytes, patientId } = await deidentify(fileBytes, { secret: siteSecret });
 */
export async function deidentify(bytes: Uint8Array, options: DeidOptions): Promise<DeidResult> {
  const where = { file: options.name };
  if (!options.secret || options.secret.length === 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', where, 'the de-identification secret is empty');
  let file: DcmjsDict;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    file = dcmjsData.DicomMessage.readFile(buffer);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    throw new VoxaError(/DICM|header/i.test(msg) ? 'VOXA_ERR_NOT_DICOM' : 'VOXA_ERR_DICOM_CORRUPT', where, msg, { cause: e });
  }
  const syntax = String(file.meta['00020010']?.Value?.[0] ?? '').replace(/\0/g, '').trim();
  if (UNSUPPORTED_SYNTAXES[syntax]) throw new VoxaError('VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX', { ...where, uid: syntax }, `${UNSUPPORTED_SYNTAXES[syntax]}; convert to Explicit VR Little Endian first`);
  const ds = file.dict;
  const sopClass = firstString(ds['00080016']);
  if (!sopClass || !firstString(ds['00080018'])) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { ...where, tag: '(0008,0016)/(0008,0018) SOP Class/Instance UID' }, 'needed to write the de-identified file');

  const key = await createPseudonymKey(options.secret);
  const patient = patientKey(firstString(ds['00100021']), firstString(ds['00100020']));
  const ctx: Context = {
    key,
    shiftDays: await dateShiftDays(key, patient, options.dateShift ?? DEID_DEFAULTS.dateShift),
    patientId: await pseudonymousPatientId(key, firstString(ds['00100021']), firstString(ds['00100020'])),
    safePrivate: new Set((options.safePrivateTags ?? DEID_DEFAULTS.safePrivateTags).map((t) => t.toUpperCase())),
  };
  const burned = firstString(ds['00280301']).toUpperCase();
  await cleanDataset(ds, ctx);
  addDeidAttributes(ds, ctx);

  const sopInstanceUid = firstString(ds['00080018']);
  delete file.meta['00020000'];
  file.meta['00020003'] = { vr: 'UI', Value: [sopInstanceUid] };
  file.meta['00020002'] = { vr: 'UI', Value: [sopClass] };
  let out: ArrayBuffer;
  try {
    // One fragment per frame: the compressed frames are written back byte for byte.
    out = file.write({ allowInvalidVRLength: true, fragmentMultiframe: false });
  } catch (e) {
    throw new VoxaError('VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX', { ...where, uid: syntax }, `dcmjs could not write the de-identified data set back: ${(e as Error).message}`, { cause: e });
  }
  return {
    bytes: new Uint8Array(out),
    patientId: ctx.patientId,
    studyInstanceUid: firstString(ds['0020000D']),
    seriesInstanceUid: firstString(ds['0020000E']),
    sopInstanceUid,
    dateShiftDays: ctx.shiftDays,
    burnedInTextFlag: burned === '' || burned === 'YES',
    transferSyntaxUid: syntax,
  };
}

function firstString(el: Element | undefined): string {
  const v = el?.Value?.[0];
  if (typeof v === 'string') return v.replace(/\0/g, '').trim();
  if (v && typeof v === 'object' && 'Alphabetic' in v) return String((v as { Alphabetic: unknown }).Alphabetic ?? '');
  return v === undefined || v === null ? '' : String(v);
}

function isOverlayOrCurve(group: number): boolean {
  return (group >= 0x5000 && group <= 0x50ff) || (group >= 0x6000 && group <= 0x60ff);
}

/** Apply the profile to every attribute of a data set, recursing into sequence items. */
async function cleanDataset(ds: Dataset, ctx: Context): Promise<void> {
  for (const tag of Object.keys(ds)) {
    const group = parseInt(tag.slice(0, 4), 16);
    const el = ds[tag];
    if ((group & 1) === 1 && !ctx.safePrivate.has(tag.toUpperCase())) { delete ds[tag]; continue; }
    if (isOverlayOrCurve(group) || (tag.slice(4) === '0000' && group !== 2)) { delete ds[tag]; continue; }
    await applyAction(ds, tag, el, actionForTag(tag, PROFILE), ctx);
  }
}

async function applyAction(ds: Dataset, tag: string, el: Element, action: AppliedAction | undefined, ctx: Context): Promise<void> {
  switch (action) {
    case 'X': delete ds[tag]; return;
    case 'Z': ds[tag] = { vr: el.vr, Value: [] }; return;
    case 'D': ds[tag] = { vr: el.vr, Value: el.vr === 'SQ' ? [] : dummyValue(tag, el, ctx) }; return;
    default: break;
  }
  // K, C, U and attributes not in the table: keep, with UIDs replaced, dates shifted, items cleaned.
  if (el.vr === 'SQ') {
    for (const item of (el.Value ?? []) as Dataset[]) if (item && typeof item === 'object') await cleanDataset(item, ctx);
  } else if (el.vr === 'UI' && (action === 'U' || !KEEP_UID_TAGS.has(tag))) {
    el.Value = await Promise.all((el.Value ?? []).map((v) => mapUid(String(v ?? ''), ctx)));
  } else if (el.vr === 'DA' || el.vr === 'DT') {
    const shift = el.vr === 'DA' ? shiftDa : shiftDt;
    // A value that is not a full date cannot be shifted: it is emptied rather than kept.
    el.Value = (el.Value ?? []).map((v) => (v === '' || v === null || v === undefined ? v : shift(String(v), ctx.shiftDays) ?? ''));
  }
  // TM (times) are kept: the Retain Longitudinal option keeps times (PS3.15 §E.3.6).
}

async function mapUid(uid: string, ctx: Context): Promise<string> {
  const u = uid.replace(/\0/g, '').trim();
  if (!u || u.startsWith('1.2.840.10008.')) return u;
  return pseudonymousUid(ctx.key, u);
}

/** D: the patient pseudonym for Patient ID/Name, otherwise a neutral dummy of the right VR. */
function dummyValue(tag: string, el: Element, ctx: Context): unknown[] {
  if (tag === '00100020') return [ctx.patientId];
  if (tag === '00100010') return [{ Alphabetic: ctx.patientId }];
  switch (el.vr) {
    case 'PN': return [{ Alphabetic: 'ANONYMIZED' }];
    case 'DA': case 'DT': case 'TM': return [];
    case 'DS': case 'IS': case 'US': case 'SS': case 'UL': case 'SL': case 'FL': case 'FD': return [0];
    case 'UI': return [];
    case 'SH': case 'AE': case 'CS': return ['ANONYMIZED'];
    default: return ['ANONYMIZED'];
  }
}

function addDeidAttributes(ds: Dataset, ctx: Context): void {
  // The pseudonym replaces Patient ID/Name even where the table says Z (PS3.15 §E.1.1 allows D for Z).
  ds['00100020'] = { vr: 'LO', Value: [ctx.patientId] };
  ds['00100010'] = { vr: 'PN', Value: [{ Alphabetic: ctx.patientId }] };
  ds['00120062'] = { vr: 'CS', Value: ['YES'] };
  ds['00120063'] = { vr: 'LO', Value: ['Voxa PS3.15 E.1 Basic; Retain Longitudinal Modified Dates; Retain Patient Characteristics'] };
  ds['00120064'] = {
    vr: 'SQ',
    Value: DEID_METHOD_CODES.map(([code, meaning]) => ({
      '00080100': { vr: 'SH', Value: [code] },
      '00080102': { vr: 'SH', Value: ['DCM'] },
      '00080104': { vr: 'LO', Value: [meaning] },
    })),
  };
  ds['00280303'] = { vr: 'CS', Value: ['MODIFIED'] };
}
