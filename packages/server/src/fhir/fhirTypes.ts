/**
 * The subset of FHIR R4 (4.0.1) data types and resources this server produces, typed by hand
 * (https://hl7.org/fhir/R4/datatypes.html, imagingstudy.html, bundle.html, operationoutcome.html).
 * Only the elements Voxa fills are declared.
 */

/** A code from a code system (R4 §2.24.0.8 Coding). */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

/** R4 §2.24.0.9 CodeableConcept. */
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

/** R4 §2.24.0.12 Identifier. */
export interface Identifier {
  use?: 'usual' | 'official' | 'secondary';
  type?: CodeableConcept;
  system?: string;
  value?: string;
  assigner?: Reference;
}

/** R4 §2.3.0 Reference: literal (`reference`), logical (`identifier`) and/or `display`. */
export interface Reference {
  reference?: string;
  identifier?: Identifier;
  display?: string;
}

/** R4 Endpoint, as a contained resource naming the DICOMweb service. */
export interface Endpoint {
  resourceType: 'Endpoint';
  id: string;
  status: 'active';
  connectionType: Coding;
  payloadType: CodeableConcept[];
  payloadMimeType?: string[];
  address: string;
}

/** R4 ImagingStudy.series.instance. */
export interface ImagingStudyInstance {
  uid: string;
  sopClass: Coding;
  number?: number;
}

/** R4 ImagingStudy.series. */
export interface ImagingStudySeries {
  uid: string;
  number?: number;
  modality?: Coding;
  description?: string;
  numberOfInstances?: number;
  bodySite?: Coding;
  started?: string;
  instance?: ImagingStudyInstance[];
}

/** R4 ImagingStudy (https://hl7.org/fhir/R4/imagingstudy.html). */
export interface ImagingStudy {
  resourceType: 'ImagingStudy';
  id: string;
  contained?: Endpoint[];
  identifier: Identifier[];
  status: 'available';
  modality?: Coding[];
  subject: Reference;
  started?: string;
  referrer?: Reference;
  endpoint?: Reference[];
  numberOfSeries?: number;
  numberOfInstances?: number;
  description?: string;
  series?: ImagingStudySeries[];
}

/** R4 Bundle.link. */
export interface BundleLink {
  relation: 'self' | 'next' | 'previous';
  url: string;
}

/** R4 Bundle of type searchset (https://hl7.org/fhir/R4/bundle.html, http.html#search). */
export interface SearchsetBundle<R> {
  resourceType: 'Bundle';
  type: 'searchset';
  total?: number;
  link: BundleLink[];
  /** Matches (with fullUrl), and outcome entries carrying warnings about the search. */
  entry: { fullUrl?: string; resource: R; search: { mode: 'match' | 'outcome' } }[];
}

/** R4 OperationOutcome.issue. */
export interface OperationOutcomeIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  /** IssueType (https://hl7.org/fhir/R4/valueset-issue-type.html). */
  code: string;
  details?: CodeableConcept;
  diagnostics?: string;
}

/** R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html). */
export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}
