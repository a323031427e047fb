import type { Coding } from './fhirTypes.ts';

/** The DICOM Controlled Terminology (PS3.16 Annex D) as a FHIR code system. */
export const DCM_SYSTEM = 'http://dicom.nema.org/resources/ontology/DCM';
/** The system of identifiers and codings whose value is a URI such as 'urn:oid:1.2.3' (RFC 3986). */
export const URI_SYSTEM = 'urn:ietf:rfc:3986';
/** The identifier system of DICOM UIDs (FHIR R4 ImagingStudy §5.2.4 Implementation Notes). */
export const DICOM_UID_SYSTEM = 'urn:dicom:uid';

/**
 * Modality (0008,0060) Defined Terms that are not acquisition modalities: CID 32 "Non-Acquisition
 * Modality" (PS3.16) plus the Defined Terms of PS3.3 C.7.3.1.1.1 in no CID that are derived objects
 * (ANN, RTINTENT, RTRAD, RTSEGANN, XAPROTOCOL). ImagingStudy.modality lists only acquisition
 * modalities (CID 29, R4); waveform modalities (CID 34: ECG, HD, …) count as acquisitions.
 */
export const NON_ACQUISITION_MODALITIES: ReadonlySet<string> = new Set([
  'ANN', 'ASMT', 'AU', 'CTPROTOCOL', 'DOC', 'FID', 'HC', 'IOL', 'KO', 'M3D', 'OT', 'PLAN', 'PR', 'REG', 'RTDOSE', 'RTINTENT',
  'RTPLAN', 'RTRAD', 'RTRECORD', 'RTSEGANN', 'RTSTRUCT', 'RWV', 'SEG', 'SMR', 'SR', 'STAIN', 'TEXTUREMAP', 'XAPROTOCOL',
]);

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const TIME = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** A Modality code as a FHIR Coding in the DCM system. */
export function modalityCoding(code: string): Coding {
  return { system: DCM_SYSTEM, code };
}

/** A UID as a URI (RFC 3001 'urn:oid:'), the form FHIR uses for DICOM UIDs in identifiers and codings. */
export function oidUri(uid: string): string {
  return `urn:oid:${uid}`;
}

/**
 * A UTC offset as FHIR writes it ('+01:00', 'Z'), from DICOM's Timezone Offset From UTC '+hhmm'
 * (PS3.3 C.12.1.1.8) or an already FHIR-style '±hh:mm' / 'Z'; undefined when malformed or outside
 * what a FHIR dateTime allows (-13:59 … +14:00).
 */
export function fhirUtcOffset(offset: string | undefined): string | undefined {
  if (offset === 'Z') return 'Z';
  const m = offset === undefined ? null : OFFSET.exec(offset.trim());
  if (!m) return undefined;
  const [, sign, hh, mm] = m;
  if (Number(mm) > 59 || Number(hh) > 14 || (hh === '14' && mm !== '00')) return undefined;
  return `${sign}${hh}:${mm}`;
}

/**
 * A FHIR dateTime (R4 §2.24.0.1) from a DICOM DA 'YYYYMMDD' and TM 'HH[MM[SS[.F…]]]' (PS3.5 §6.2):
 * 'YYYY-MM-DD' alone when there is no valid time or no UTC offset (FHIR requires a zone whenever
 * a time is given), otherwise 'YYYY-MM-DDThh:mm:ss[.F]±hh:mm' with missing minutes/seconds as 00.
 * Undefined when the date is absent or malformed.
 */
export function fhirDateTime(date: string | undefined, time?: string, utcOffset?: string): string | undefined {
  const d = date === undefined ? null : DATE.exec(date);
  if (!d || d[1] === '0000' || !between(d[2], 1, 12) || !between(d[3], 1, 31)) return undefined;
  const day = `${d[1]}-${d[2]}-${d[3]}`;
  const t = time === undefined ? null : TIME.exec(time.replace(/:/g, '').trim());
  const zone = fhirUtcOffset(utcOffset);
  if (!t || !zone) return day;
  const [, hh, mm = '00', ss = '00', fraction = ''] = t;
  if (!between(hh, 0, 23) || !between(mm, 0, 59) || !between(ss, 0, 60)) return day;
  return `${day}T${hh}:${mm}:${ss}${fraction}${zone}`;
}

/**
 * A person name (PN, PS3.5 §6.2.1.1 'Family^Given^Middle^Prefix^Suffix', groups separated by '=')
 * in reading order, 'Prefix Given Middle Family Suffix', from its first non-empty group
 * (alphabetic, else ideographic, else phonetic). Undefined when the name is empty.
 */
export function readablePersonName(pn: string | undefined): string | undefined {
  const group = pn?.split('=').find((g) => g.replace(/\^/g, '').trim() !== '');
  if (!group) return undefined;
  const [family, given, middle, prefix, suffix] = group.split('^').map((c) => c.trim());
  return [prefix, given, middle, family, suffix].filter(Boolean).join(' ');
}

function between(digits: string, min: number, max: number): boolean {
  const n = Number(digits);
  return n >= min && n <= max;
}
