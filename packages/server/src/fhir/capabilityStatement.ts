/** When this server's FHIR capabilities last changed (CapabilityStatement.date, 1..1). */
export const CAPABILITIES_DATE = '2026-11-24';

/**
 * The server's CapabilityStatement (R4 capabilitystatement.html, http.html#capabilities): FHIR
 * 4.0.1, JSON only, ImagingStudy read and search-type with the search parameters of
 * `parseImagingStudySearch`. `baseUrl` is the absolute FHIR base ('https://host/fhir').
 */
export function capabilityStatement(baseUrl: string): Record<string, unknown> {
  const spec = 'http://hl7.org/fhir/SearchParameter';
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: CAPABILITIES_DATE,
    kind: 'instance',
    software: { name: 'Voxa' },
    implementation: { description: 'Voxa archive: ImagingStudy generated from the DICOM index', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{
      mode: 'server',
      resource: [{
        type: 'ImagingStudy',
        documentation: 'Generated from the archive index; results are paged with _count and _getpagesoffset; unknown parameters are refused unless Prefer: handling=lenient',
        profile: 'http://hl7.org/fhir/StructureDefinition/ImagingStudy',
        interaction: [{ code: 'read' }, { code: 'search-type' }],
        versioning: 'no-version',
        readHistory: false,
        updateCreate: false,
        searchParam: [
          { name: 'patient', definition: `${spec}/clinical-patient`, type: 'reference', documentation: 'Patient/<Patient ID> or <Patient ID>; chained patient.identifier=[urn:oid:<Issuer of Patient ID>|]<Patient ID> is supported too' },
          { name: 'identifier', definition: `${spec}/clinical-identifier`, type: 'token', documentation: 'urn:dicom:uid|urn:oid:<Study Instance UID>, or an Accession Number' },
          { name: 'modality', definition: `${spec}/ImagingStudy-modality`, type: 'token', documentation: 'a Modality code (DCM), matched against Modalities in Study' },
        ],
      }],
    }],
  };
}
