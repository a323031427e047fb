import type { SearchRow } from '../store/InstanceStore.ts';
import { isValidUid } from '../store/uid.ts';
import {
  DICOM_UID_SYSTEM, NON_ACQUISITION_MODALITIES, URI_SYSTEM, fhirDateTime, fhirUtcOffset, modalityCoding, oidUri, readablePersonName,
} from './dicomToFhir.ts';
import type { Endpoint, Identifier, ImagingStudy, ImagingStudySeries, Reference } from './fhirTypes.ts';

/** The index rows one ImagingStudy is made of: `InstanceStore.search` at each level for one study. */
export interface ImagingStudyRows {
  /** The study-level row (with the patient's attributes). */
  study: SearchRow;
  /** The study's series rows, in series order. */
  series: SearchRow[];
  /** The study's instance rows (each with its SeriesInstanceUID), in instance order. */
  instances: SearchRow[];
}

/** Options of {@link imagingStudyResource}. */
export interface ImagingStudyOptions {
  /** Absolute base URL of the DICOMweb service ('https://host/dicom-web'): adds a contained WADO-RS Endpoint. */
  wadoRsBase?: string;
  /** UTC offset ('+01:00', 'Z') assumed for studies without Timezone Offset From UTC; default none (dates only). */
  defaultUtcOffset?: string;
}

/** FHIR id syntax (R4 §2.24.0.1 id). */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The id of the contained Endpoint that ImagingStudy.endpoint refers to. */
export const WADO_ENDPOINT_ID = 'wado-rs';

const ACCESSION_TYPE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] };

/**
 * The ImagingStudy id of a study: its Study Instance UID unchanged. Every stored UID is a FHIR id,
 * since the store admits only PS3.5 §9.1 UIDs (digits and dots, at most 64 characters, checked by
 * `uidProblem` before indexing), which is a subset of [A-Za-z0-9\-.]{1,64}; so no longer-UID
 * mapping is needed, and reading an id back is the identity too (see {@link studyUidOfId}).
 */
export function imagingStudyId(studyInstanceUid: string): string {
  return studyInstanceUid;
}

/** The Study Instance UID an ImagingStudy id names, or undefined when the id cannot name a study. */
export function studyUidOfId(id: string): string | undefined {
  return isValidUid(id) ? id : undefined;
}

/**
 * The FHIR R4 ImagingStudy of one study (https://hl7.org/fhir/R4/imagingstudy.html, with the
 * DICOM mappings of its element table): identifiers (Study Instance UID as urn:dicom:uid, Accession
 * Number with type ACSN), status 'available' (the archive holds the instances), acquisition
 * modalities (CID 29; CID 32 ones left out), subject, started, referrer, counts, description, and
 * series with their instances. Pure: the same rows give the same resource.
 *
 * @example
 * const study = store.search('study', { match: { StudyInstanceUID: uid } })[0];
 * const series = store.search('series', { match: {}, studyInstanceUid: uid });
 * const instances = store.search('instance', { match: {}, studyInstanceUid: uid });
 * imagingStudyResource({ study, series, instances }, { wadoRsBase: 'https://pacs/dicom-web' });
 */
export function imagingStudyResource(rows: ImagingStudyRows, options: ImagingStudyOptions = {}): ImagingStudy {
  const { study } = rows;
  const uid = text(study.StudyInstanceUID) ?? '';
  const utcOffset = fhirUtcOffset(text(study.TimezoneOffsetFromUTC)) ?? options.defaultUtcOffset;
  const identifier: Identifier[] = [{ use: 'official', system: DICOM_UID_SYSTEM, value: oidUri(uid) }];
  const accession = text(study.AccessionNumber);
  if (accession) identifier.push({ use: 'usual', type: ACCESSION_TYPE, value: accession });
  const modalities = list(study.ModalitiesInStudy).filter((m) => !NON_ACQUISITION_MODALITIES.has(m));
  const referrer = readablePersonName(text(study.ReferringPhysicianName));

  const resource: ImagingStudy = {
    resourceType: 'ImagingStudy',
    id: imagingStudyId(uid),
    ...(options.wadoRsBase ? { contained: [wadoRsEndpoint(options.wadoRsBase)] } : {}),
    identifier,
    status: 'available',
    ...(modalities.length ? { modality: modalities.map(modalityCoding) } : {}),
    subject: patientReference(study),
    ...optional('started', fhirDateTime(text(study.StudyDate), text(study.StudyTime), utcOffset)),
    ...(referrer ? { referrer: { display: referrer } } : {}),
    ...(options.wadoRsBase ? { endpoint: [{ reference: `#${WADO_ENDPOINT_ID}` }] } : {}),
    ...optional('numberOfSeries', unsigned(study.NumberOfStudyRelatedSeries)),
    ...optional('numberOfInstances', unsigned(study.NumberOfStudyRelatedInstances)),
    ...optional('description', text(study.StudyDescription)),
  };
  const bySeries = new Map<unknown, SearchRow[]>();
  for (const i of rows.instances) {
    const members = bySeries.get(i.SeriesInstanceUID);
    if (members) members.push(i);
    else bySeries.set(i.SeriesInstanceUID, [i]);
  }
  const series = rows.series.map((row) => seriesElement(row, bySeries.get(row.SeriesInstanceUID) ?? [], utcOffset));
  if (series.length) resource.series = series;
  return resource;
}

/**
 * ImagingStudy.subject: a Patient reference by Patient ID (when it is a FHIR id; this server
 * serves no Patient, so the reference is for matching and linking), the Patient ID as identifier,
 * and the readable name as display. With no Patient ID and no name, display says so (subject is 1..1).
 */
export function patientReference(row: SearchRow): Reference {
  const id = text(row.PatientID);
  const name = readablePersonName(text(row.PatientName));
  const reference: Reference = {};
  if (id && FHIR_ID.test(id)) reference.reference = `Patient/${id}`;
  const identifier = patientIdentifier(row);
  if (identifier) reference.identifier = identifier;
  if (name || !id) reference.display = name ?? 'Unknown patient';
  return reference;
}

/**
 * The patient's Identifier: value = Patient ID (0010,0020). An Issuer of Patient ID (0010,0021)
 * that is an OID becomes the system 'urn:oid:<issuer>'; any other issuer (free text, not a URI)
 * is kept as `assigner.display`, and the identifier has no system.
 */
export function patientIdentifier(row: SearchRow): Identifier | undefined {
  const value = text(row.PatientID);
  if (!value) return undefined;
  const issuer = text(row.IssuerOfPatientID);
  if (!issuer) return { value };
  return isValidUid(issuer) ? { system: oidUri(issuer), value } : { value, assigner: { display: issuer } };
}

function seriesElement(row: SearchRow, members: SearchRow[], utcOffset: string | undefined): ImagingStudySeries {
  const uid = text(row.SeriesInstanceUID) ?? '';
  const modality = text(row.Modality);
  const bodyPart = text(row.BodyPartExamined);
  const series: ImagingStudySeries = {
    uid,
    ...optional('number', unsigned(row.SeriesNumber)),
    // Modality is Type 1 (PS3.3 C.7.3.1) and series.modality 1..1; a file without one is the only way to omit it.
    ...(modality ? { modality: modalityCoding(modality) } : {}),
    ...optional('description', text(row.SeriesDescription)),
    ...optional('numberOfInstances', unsigned(row.NumberOfSeriesRelatedInstances)),
    // Body Part Examined is a CS Defined Term, not a SNOMED CT code: shown, not coded (PS3.16 Annex L maps them).
    ...(bodyPart ? { bodySite: { display: bodyPart } } : {}),
    ...optional('started', fhirDateTime(text(row.SeriesDate), text(row.SeriesTime), utcOffset)),
  };
  if (members.length) {
    series.instance = members.map((i) => ({
      uid: text(i.SOPInstanceUID) ?? '',
      sopClass: { system: URI_SYSTEM, code: oidUri(text(i.SOPClassUID) ?? '') },
      ...optional('number', unsigned(i.InstanceNumber)),
    }));
  }
  return series;
}

/** The contained Endpoint of the DICOMweb service (R4 ImagingStudy notes: address + '/studies/' + uid retrieves the study). */
function wadoRsEndpoint(address: string): Endpoint {
  return {
    resourceType: 'Endpoint',
    id: WADO_ENDPOINT_ID,
    status: 'active',
    connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' },
    payloadType: [{ text: 'DICOM WADO-RS' }],
    payloadMimeType: ['application/dicom'],
    address,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function text(value: SearchRow[string]): string | undefined {
  if (value === undefined || Array.isArray(value)) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

function list(value: SearchRow[string]): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
}

/** A FHIR unsignedInt: the value when it is a whole number ≥ 0 (an IS such as Series Number may be negative). */
function unsigned(value: SearchRow[string]): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
