import type { SearchRow } from '../store/InstanceStore.ts';
import { isValidUid } from '../store/uid.ts';
import { DCM_SYSTEM, DICOM_UID_SYSTEM } from './dicomToFhir.ts';
import { FhirError } from './fhirErrors.ts';
import { patientIdentifier } from './imagingStudyResource.ts';

/** The ImagingStudy search parameters this server supports (R4 imagingstudy.html#search). */
export const IMAGING_STUDY_SEARCH_PARAMS = ['patient', 'patient.identifier', 'identifier', 'modality'] as const;

/** The result parameters it supports (R4 search §3.1.1.5): page size, page offset, format. */
export const SEARCH_RESULT_PARAMS = ['_count', '_getpagesoffset', '_format'] as const;

/**
 * A parsed ImagingStudy search: index matching keys (the alternatives are OR-ed, each a set of
 * AND-ed keys), a row test for what the index cannot match exactly, and the parameters used.
 */
export interface ImagingStudySearch {
  /** One index query per alternative; empty when nothing can match (e.g. an unknown identifier system). */
  alternatives: Record<string, string>[];
  /** True when a study row matches exactly (the index matches '*' and '?' as wildcards, FHIR does not). */
  accepts(row: SearchRow): boolean;
  /** The search parameters applied, name → raw value, for the Bundle's self and next links. */
  used: [string, string][];
  /** Parameters not supported and ignored (lenient handling only). */
  ignored: string[];
}

type Query = Record<string, unknown>;

/**
 * Parses the search parameters of `GET ImagingStudy?…` (R4 search, http.html#search):
 * - `patient=Patient/<id>` (or an absolute URL ending in it, or a bare `<id>`): the Patient ID;
 * - `patient.identifier=[system|]value`: the Patient ID, with system 'urn:oid:<Issuer of Patient ID>'
 *   or '' for none (see `patientIdentifier`);
 * - `identifier=urn:dicom:uid|urn:oid:<uid>`, `urn:oid:<uid>` or `<uid>`: the Study Instance UID;
 *   `|<value>` or a value that is no UID: the Accession Number; a bare UID also matches an
 *   Accession Number equal to it (FHIR token search ignores the system when none is given);
 * - `modality=[http://dicom.nema.org/resources/ontology/DCM|]<code>`: Modalities in Study.
 * Other systems match nothing. Lists ('a,b') and modifiers are not supported. Unknown parameters
 * are a 400 (strict handling, the default) or ignored with `lenient` (Prefer: handling=lenient).
 */
export function parseImagingStudySearch(query: Query, handling: 'strict' | 'lenient' = 'strict'): ImagingStudySearch {
  const used: [string, string][] = [];
  const ignored: string[] = [];
  const exact: Record<string, string> = {};
  let alternatives: Record<string, string>[] = [{}];
  const and = (key: string, value: string) => {
    // Two parameters on one attribute (patient and patient.identifier) must agree.
    alternatives = alternatives.filter((a) => a[key] === undefined || a[key] === value).map((a) => ({ ...a, [key]: value }));
    if (/[*?]/.test(value)) exact[key] = value;
  };
  let identifierSystem: string | undefined;

  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined || (SEARCH_RESULT_PARAMS as readonly string[]).includes(name)) continue;
    if (!(IMAGING_STUDY_SEARCH_PARAMS as readonly string[]).includes(name)) {
      if (handling === 'strict') throw new FhirError('VOXA_FHIR_UNKNOWN_PARAMETER', `"${name.slice(0, 64)}" (supported: ${IMAGING_STUDY_SEARCH_PARAMS.join(', ')}; send Prefer: handling=lenient to ignore others)`);
      ignored.push(name);
      continue;
    }
    const value = String(raw);
    used.push([name, value]);
    switch (name) {
      case 'patient':
        and('PatientID', unescapeValue(name, value.replace(/^(?:https?:\/\/[^?#]*\/)?Patient\//, '')));
        break;
      case 'patient.identifier': {
        const { system, code } = token(name, value);
        and('PatientID', code);
        identifierSystem = system;
        break;
      }
      case 'identifier': {
        const { system, code } = token(name, value);
        const uid = code.startsWith('urn:oid:') ? code.slice(8) : code;
        if (system === DICOM_UID_SYSTEM || (system === undefined && code.startsWith('urn:oid:'))) {
          if (!isValidUid(uid)) throw new FhirError('VOXA_FHIR_BAD_SEARCH', 'identifier: a urn:dicom:uid value must be urn:oid:<UID> (PS3.5 §9.1)');
          and('StudyInstanceUID', uid);
        } else if (system === '' || (system === undefined && !isValidUid(code))) {
          and('AccessionNumber', code);
        } else if (system === undefined) {
          alternatives = alternatives.flatMap((a) => [{ ...a, StudyInstanceUID: code }, { ...a, AccessionNumber: code }]);
        } else {
          alternatives = [];
        }
        break;
      }
      case 'modality': {
        const { system, code } = token(name, value);
        if (!/^[A-Z0-9_ ]{1,16}$/.test(code)) throw new FhirError('VOXA_FHIR_BAD_SEARCH', 'modality: expected a DICOM Modality code such as CT (PS3.3 C.7.3.1.1.1)');
        if (system === undefined || system === DCM_SYSTEM) and('ModalitiesInStudy', code);
        else alternatives = [];
        break;
      }
    }
  }

  const accepts = (row: SearchRow): boolean => {
    for (const [key, value] of Object.entries(exact)) if (row[key] !== value) return false;
    if (identifierSystem === undefined) return true;
    return (patientIdentifier(row)?.system ?? '') === identifierSystem;
  };
  return { alternatives, accepts, used, ignored };
}

/**
 * A token search value `[system|]code` (R4 search §3.1.1.4.1, escaping §3.1.1.4.x): system
 * undefined when there is no '|', '' for `|code`. '\,' '\|' '\$' '\\' are literal characters.
 */
export function token(name: string, value: string): { system?: string; code: string } {
  const bar = findUnescaped(value, '|');
  if (bar < 0) return { code: unescapeValue(name, value) };
  return { system: unescapeValue(name, value.slice(0, bar), true), code: unescapeValue(name, value.slice(bar + 1)) };
}

/** A search value with FHIR escapes resolved; an unescaped ',' (a list of alternatives) is refused. */
function unescapeValue(name: string, value: string, allowEmpty = false): string {
  if (findUnescaped(value, ',') >= 0) throw new FhirError('VOXA_FHIR_BAD_SEARCH', `${name}: lists of values (a,b) are not supported; escape a literal comma as \\,`);
  const out = value.replace(/\\([,|$\\])/g, '$1');
  if (out === '' && !allowEmpty) throw new FhirError('VOXA_FHIR_BAD_SEARCH', `${name}: the value is empty`);
  return out;
}

function findUnescaped(value: string, char: string): number {
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === char) return i;
  }
  return -1;
}
