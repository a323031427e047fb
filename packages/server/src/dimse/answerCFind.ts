import type { InstanceStore, SearchRow } from '../store/InstanceStore.ts';
import { matchingKeys, queryLevelOf, responseIdentifier, searchLevelOf, type NaturalIdentifier, type QrModel } from './queryIdentifier.ts';

/** Most matches one C-FIND answers; more is refused with Out of Resources (A700), as PS3.4 C.4.1.1.4 allows. */
export const MAX_CFIND_MATCHES = 10_000;

/**
 * The C-FIND SCP's matches for one identifier (PS3.4 C.4.1.3): the index searched at the
 * request's level with its matching keys, one response identifier per match. PATIENT level is
 * answered from the patient's studies, with the Number of Patient Related Studies/Series/
 * Instances summed over them. Throws VOXA_ERR_BAD_ARGUMENT for a bad level or key value;
 * returns undefined beyond MAX_CFIND_MATCHES.
 */
export function answerCFind(store: InstanceStore, identifier: NaturalIdentifier, model: QrModel, aeTitle: string): NaturalIdentifier[] | undefined {
  const level = queryLevelOf(identifier, model);
  const rows = store.search(searchLevelOf(level), { match: matchingKeys(identifier, level), limit: MAX_CFIND_MATCHES + 1 });
  if (rows.length > MAX_CFIND_MATCHES) return undefined;
  const answers = level === 'PATIENT' ? patientRows(rows) : rows;
  return answers.map((row) => responseIdentifier(identifier, row, level, aeTitle));
}

/** One row per patient (Patient ID within its issuer) from study rows, with the patient-level counts. */
function patientRows(studies: SearchRow[]): SearchRow[] {
  const patients = new Map<string, SearchRow>();
  for (const study of studies) {
    const key = `${study.IssuerOfPatientID ?? ''}\\${study.PatientID ?? ''}`;
    const patient = patients.get(key);
    const series = Number(study.NumberOfStudyRelatedSeries ?? 0), instances = Number(study.NumberOfStudyRelatedInstances ?? 0);
    if (!patient) {
      patients.set(key, {
        PatientName: study.PatientName, PatientID: study.PatientID, IssuerOfPatientID: study.IssuerOfPatientID,
        PatientBirthDate: study.PatientBirthDate, PatientSex: study.PatientSex,
        NumberOfPatientRelatedStudies: 1, NumberOfPatientRelatedSeries: series, NumberOfPatientRelatedInstances: instances,
      });
    } else {
      patient.NumberOfPatientRelatedStudies = Number(patient.NumberOfPatientRelatedStudies) + 1;
      patient.NumberOfPatientRelatedSeries = Number(patient.NumberOfPatientRelatedSeries) + series;
      patient.NumberOfPatientRelatedInstances = Number(patient.NumberOfPatientRelatedInstances) + instances;
    }
  }
  return [...patients.values()];
}
