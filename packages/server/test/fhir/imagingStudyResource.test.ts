import { describe, expect, it } from 'vitest';
import { imagingStudyId, imagingStudyResource, studyUidOfId, type ImagingStudyRows } from '../../src/fhir/imagingStudyResource.ts';

const STUDY = '1.2.3.4';
const CT_SERIES = '1.2.3.4.1';
const SR_SERIES = '1.2.3.4.2';

/** A study of two series: CT with two images, then an SR without Series Number in the index order. */
function rows(study: Partial<ImagingStudyRows['study']> = {}): ImagingStudyRows {
  return {
    study: {
      PatientID: 'P-7', PatientName: 'Hart^Ann', StudyInstanceUID: STUDY, StudyDate: '20240305', StudyTime: '101500',
      TimezoneOffsetFromUTC: '+0100', AccessionNumber: 'ACC42', StudyDescription: 'CT chest', ReferringPhysicianName: 'Grey^Meredith^^Dr',
      ModalitiesInStudy: ['CT', 'SR'], NumberOfStudyRelatedSeries: 2, NumberOfStudyRelatedInstances: 3, ...study,
    },
    series: [
      { StudyInstanceUID: STUDY, SeriesInstanceUID: CT_SERIES, Modality: 'CT', SeriesNumber: 3, SeriesDescription: 'Axial', BodyPartExamined: 'CHEST', SeriesDate: '20240305', SeriesTime: '1016', NumberOfSeriesRelatedInstances: 2 },
      { StudyInstanceUID: STUDY, SeriesInstanceUID: SR_SERIES, Modality: 'SR', SeriesNumber: -1, NumberOfSeriesRelatedInstances: 1 },
    ],
    instances: [
      { SeriesInstanceUID: CT_SERIES, SOPInstanceUID: '1.2.3.4.1.1', SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', InstanceNumber: 1 },
      { SeriesInstanceUID: CT_SERIES, SOPInstanceUID: '1.2.3.4.1.2', SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', InstanceNumber: 2 },
      { SeriesInstanceUID: SR_SERIES, SOPInstanceUID: '1.2.3.4.2.1', SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.22' },
    ],
  };
}

describe('imagingStudyResource (index rows → FHIR R4 ImagingStudy)', () => {
  it('maps a study with its identifiers, subject, times, counts and series as R4 ImagingStudy describes', () => {
    expect(imagingStudyResource(rows())).toEqual({
      resourceType: 'ImagingStudy',
      id: STUDY,
      identifier: [
        { use: 'official', system: 'urn:dicom:uid', value: `urn:oid:${STUDY}` },
        { use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] }, value: 'ACC42' },
      ],
      status: 'available',
      // SR is a non-acquisition modality (CID 32): left out of ImagingStudy.modality, kept on its series.
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }],
      subject: { reference: 'Patient/P-7', identifier: { value: 'P-7' }, display: 'Ann Hart' },
      started: '2024-03-05T10:15:00+01:00',
      referrer: { display: 'Dr Meredith Grey' },
      numberOfSeries: 2,
      numberOfInstances: 3,
      description: 'CT chest',
      series: [
        {
          uid: CT_SERIES, number: 3, modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }, description: 'Axial',
          numberOfInstances: 2, bodySite: { display: 'CHEST' }, started: '2024-03-05T10:16:00+01:00',
          instance: [
            { uid: '1.2.3.4.1.1', sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' }, number: 1 },
            { uid: '1.2.3.4.1.2', sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2' }, number: 2 },
          ],
        },
        {
          // A negative Series Number is no unsignedInt: left out.
          uid: SR_SERIES, modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'SR' }, numberOfInstances: 1,
          instance: [{ uid: '1.2.3.4.2.1', sopClass: { system: 'urn:ietf:rfc:3986', code: 'urn:oid:1.2.840.10008.5.1.4.1.1.88.22' } }],
        },
      ],
    });
  });

  it('names the DICOMweb service as a contained WADO-RS Endpoint when given its base URL', () => {
    const resource = imagingStudyResource(rows(), { wadoRsBase: 'https://pacs.example/dicom-web' });
    expect(resource.contained).toEqual([{
      resourceType: 'Endpoint', id: 'wado-rs', status: 'active',
      connectionType: { system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type', code: 'dicom-wado-rs' },
      payloadType: [{ text: 'DICOM WADO-RS' }], payloadMimeType: ['application/dicom'], address: 'https://pacs.example/dicom-web',
    }]);
    expect(resource.endpoint).toEqual([{ reference: '#wado-rs' }]);
  });

  it('gives started as a date alone without a UTC offset, and with the assumed one when configured', () => {
    expect(imagingStudyResource(rows({ TimezoneOffsetFromUTC: undefined })).started).toBe('2024-03-05');
    expect(imagingStudyResource(rows({ TimezoneOffsetFromUTC: undefined }), { defaultUtcOffset: 'Z' }).started).toBe('2024-03-05T10:15:00Z');
    expect(imagingStudyResource(rows({ StudyDate: undefined })).started).toBeUndefined();
  });

  it('makes an OID issuer the identifier system and keeps other issuers as assigner', () => {
    expect(imagingStudyResource(rows({ IssuerOfPatientID: '2.16.840.1.1' })).subject.identifier).toEqual({ system: 'urn:oid:2.16.840.1.1', value: 'P-7' });
    expect(imagingStudyResource(rows({ IssuerOfPatientID: 'St Elsewhere' })).subject.identifier).toEqual({ value: 'P-7', assigner: { display: 'St Elsewhere' } });
  });

  it('refers to a Patient only when the Patient ID is a FHIR id, and always gives a subject', () => {
    expect(imagingStudyResource(rows({ PatientID: 'A^B 1' })).subject).toEqual({ identifier: { value: 'A^B 1' }, display: 'Ann Hart' });
    expect(imagingStudyResource(rows({ PatientID: undefined, PatientName: undefined })).subject).toEqual({ display: 'Unknown patient' });
  });

  it('leaves out what the index lacks instead of writing empty elements', () => {
    const bare = imagingStudyResource({ study: { StudyInstanceUID: STUDY, PatientID: 'P' }, series: [], instances: [] });
    expect(bare).toEqual({
      resourceType: 'ImagingStudy', id: STUDY, identifier: [{ use: 'official', system: 'urn:dicom:uid', value: `urn:oid:${STUDY}` }],
      status: 'available', subject: { reference: 'Patient/P', identifier: { value: 'P' } },
    });
  });
});

describe('ImagingStudy ids', () => {
  it('are the Study Instance UID both ways, and only a UID names a study', () => {
    const uid = '1.2.826.0.1.3680043.9.4245.1760717064491086528325869788156915668'; // 64 characters, the PS3.5 maximum
    expect(imagingStudyId(uid)).toBe(uid);
    expect(studyUidOfId(uid)).toBe(uid);
    expect(studyUidOfId('abc')).toBeUndefined();
    expect(studyUidOfId('1.02.3')).toBeUndefined();
  });
});
