import { describe, expect, it } from 'vitest';
import { FhirError } from '../../src/fhir/fhirErrors.ts';
import { parseImagingStudySearch, token } from '../../src/fhir/imagingStudySearch.ts';

const UID = '1.2.840.113619.2.1';

function refused(query: Record<string, string>): string {
  try {
    parseImagingStudySearch(query);
  } catch (e) {
    expect(e).toBeInstanceOf(FhirError);
    return (e as FhirError).code;
  }
  return 'accepted';
}

describe('parseImagingStudySearch (R4 ImagingStudy search parameters → index matching keys)', () => {
  it('reads patient as Patient/<id>, an absolute reference or a bare Patient ID', () => {
    for (const patient of ['Patient/P-7', 'https://host/fhir/Patient/P-7', 'P-7']) {
      expect(parseImagingStudySearch({ patient }).alternatives).toEqual([{ PatientID: 'P-7' }]);
    }
  });

  it('reads identifier as a Study Instance UID (urn:dicom:uid, urn:oid: or bare) or an Accession Number', () => {
    expect(parseImagingStudySearch({ identifier: `urn:dicom:uid|urn:oid:${UID}` }).alternatives).toEqual([{ StudyInstanceUID: UID }]);
    expect(parseImagingStudySearch({ identifier: `urn:oid:${UID}` }).alternatives).toEqual([{ StudyInstanceUID: UID }]);
    expect(parseImagingStudySearch({ identifier: 'ACC-1' }).alternatives).toEqual([{ AccessionNumber: 'ACC-1' }]);
    expect(parseImagingStudySearch({ identifier: '|12345' }).alternatives).toEqual([{ AccessionNumber: '12345' }]);
    // A bare value that is also a valid UID may be either: both are searched.
    expect(parseImagingStudySearch({ identifier: '12345' }).alternatives).toEqual([{ StudyInstanceUID: '12345' }, { AccessionNumber: '12345' }]);
  });

  it('matches nothing for an identifier or modality system no study identifier has', () => {
    expect(parseImagingStudySearch({ identifier: 'http://hospital/acc|ACC-1' }).alternatives).toEqual([]);
    expect(parseImagingStudySearch({ modality: 'http://snomed.info/sct|CT' }).alternatives).toEqual([]);
  });

  it('ANDs parameters, and patient with a different patient.identifier matches nothing', () => {
    expect(parseImagingStudySearch({ patient: 'P', modality: 'http://dicom.nema.org/resources/ontology/DCM|MR' }).alternatives).toEqual([{ PatientID: 'P', ModalitiesInStudy: 'MR' }]);
    expect(parseImagingStudySearch({ patient: 'P', 'patient.identifier': 'Q' }).alternatives).toEqual([]);
  });

  it('checks values exactly where the index would read * and ? as wildcards', () => {
    const search = parseImagingStudySearch({ patient: 'P*' });
    expect(search.accepts({ PatientID: 'P*' })).toBe(true);
    expect(search.accepts({ PatientID: 'P1' })).toBe(false);
  });

  it('checks the patient.identifier system against the Issuer of Patient ID', () => {
    const oid = parseImagingStudySearch({ 'patient.identifier': 'urn:oid:1.2.3|P' });
    expect(oid.accepts({ PatientID: 'P', IssuerOfPatientID: '1.2.3' })).toBe(true);
    expect(oid.accepts({ PatientID: 'P' })).toBe(false);
    const none = parseImagingStudySearch({ 'patient.identifier': '|P' });
    expect(none.accepts({ PatientID: 'P' })).toBe(true);
    expect(none.accepts({ PatientID: 'P', IssuerOfPatientID: '1.2.3' })).toBe(false);
    expect(parseImagingStudySearch({ 'patient.identifier': 'P' }).accepts({ PatientID: 'P', IssuerOfPatientID: '1.2.3' })).toBe(true);
  });

  it('refuses unknown parameters unless handling is lenient, which ignores and reports them', () => {
    expect(refused({ patient: 'P', 'patient:missing': 'true' })).toBe('VOXA_FHIR_UNKNOWN_PARAMETER');
    const lenient = parseImagingStudySearch({ patient: 'P', started: 'ge2020' }, 'lenient');
    expect(lenient.alternatives).toEqual([{ PatientID: 'P' }]);
    expect(lenient.ignored).toEqual(['started']);
    expect(lenient.used).toEqual([['patient', 'P']]);
  });

  it('refuses value lists, empty values, malformed UIDs and modality codes', () => {
    expect(refused({ patient: 'A,B' })).toBe('VOXA_FHIR_BAD_SEARCH');
    expect(refused({ patient: 'Patient/' })).toBe('VOXA_FHIR_BAD_SEARCH');
    expect(refused({ identifier: 'urn:dicom:uid|urn:oid:1.02' })).toBe('VOXA_FHIR_BAD_SEARCH');
    expect(refused({ modality: 'ct' })).toBe('VOXA_FHIR_BAD_SEARCH');
  });
});

describe('token (R4 search token syntax and escaping)', () => {
  it('splits system|code at the first unescaped bar and unescapes \\, \\| \\\\', () => {
    expect(token('t', 'sys|a\\|b')).toEqual({ system: 'sys', code: 'a|b' });
    expect(token('t', '|code')).toEqual({ system: '', code: 'code' });
    expect(token('t', 'a\\,b\\\\')).toEqual({ code: 'a,b\\' });
  });
});
