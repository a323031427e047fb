import { VoxaError, type ErrorWhere } from '../../errors/VoxaError.ts';
import type { Point3 } from '../../math/Vec3.ts';
import type { CodedConcept } from '../../segmentation/CodedConcept.ts';
import type { MeasurementReport, SrMeasurementGroup } from './MeasurementReport.ts';

/** A DICOM UID (PS3.5 §9.1): dot-separated decimal components without leading zeros, ≤ 64 characters. */
export function isDicomUid(uid: string): boolean {
  return uid.length <= 64 && /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/.test(uid);
}

/**
 * Check a report before it is written, so that a bad value is refused with VOXA_ERR_BAD_ARGUMENT
 * naming the lesion (tracking identifier and time point) and the measurement, instead of
 * producing an SR that other systems reject: UIDs valid; at least one source image and one group;
 * tracking identifiers non-empty and consistent with their UIDs; one group per lesion per time
 * point; every measurement a finite value with a coded concept and a UCUM unit; coordinates
 * finite, with a Frame of Reference UID; a SEG segment number 1–65535.
 */
export function validateMeasurementReport(report: MeasurementReport): void {
  const bad = (where: ErrorWhere, detail: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', where, detail);
  const uid = (value: string | undefined, what: string, where: ErrorWhere = {}) => {
    if (!value || !isDicomUid(value)) throw bad(where, `${what} ${JSON.stringify(value ?? '')} is not a DICOM UID (digits and dots, at most 64 characters)`);
  };
  uid(report.study.studyInstanceUid, 'the Study Instance UID');
  uid(report.sopInstanceUid, 'the SOP Instance UID');
  uid(report.seriesInstanceUid, 'the Series Instance UID');
  if (!report.observer) throw bad({}, 'no observer: name the person or device that made the measurements (TID 1002)');
  if (report.observer.kind === 'person' && !report.observer.name?.trim()) throw bad({}, 'the person observer has no name');
  if (report.observer.kind === 'device') uid(report.observer.uid, 'the device observer UID');
  if (report.verification && !(report.verification.observerName.trim() && report.verification.organization.trim())) {
    throw bad({}, 'a VERIFIED report needs the verifying observer name and organization');
  }
  if (!report.sourceSeries.some((s) => s.instances.length)) throw bad({}, 'no source images: list the images the measurements were made on (the Image Library)');
  for (const s of report.sourceSeries) {
    uid(s.seriesInstanceUid, 'the source Series Instance UID');
    if (s.studyInstanceUid !== undefined) uid(s.studyInstanceUid, 'the source Study Instance UID', { series: s.seriesInstanceUid });
    if (s.frameOfReferenceUid !== undefined) uid(s.frameOfReferenceUid, 'the Frame of Reference UID', { series: s.seriesInstanceUid });
    for (const i of s.instances) {
      uid(i.sopClassUid, 'the SOP Class UID', { series: s.seriesInstanceUid });
      uid(i.sopInstanceUid, 'the SOP Instance UID', { series: s.seriesInstanceUid });
    }
  }
  if (!report.groups.length) throw bad({}, 'no measurement groups: a Measurement Report needs at least one lesion measured at one time point');
  const idOfUid = new Map<string, string>();
  const seen = new Set<string>();
  for (const [n, g] of report.groups.entries()) {
    checkGroup(g, n, bad, uid);
    const known = idOfUid.get(g.trackingUid);
    if (known !== undefined && known !== g.trackingId) {
      throw bad({ lesion: g.trackingId }, `Tracking Unique Identifier ${g.trackingUid} is also lesion "${known}": one UID per lesion, the same at every time point`);
    }
    idOfUid.set(g.trackingUid, g.trackingId);
    const key = `${g.trackingUid}\u0000${g.timePoint ?? ''}`;
    if (seen.has(key)) throw bad({ lesion: g.trackingId, timePoint: g.timePoint }, 'the lesion has two measurement groups at the same time point');
    seen.add(key);
  }
}

type Bad = (where: ErrorWhere, detail: string) => VoxaError;
type UidCheck = (value: string | undefined, what: string, where?: ErrorWhere) => void;

function checkGroup(g: SrMeasurementGroup, index: number, bad: Bad, uid: UidCheck): void {
  const id = g.trackingId?.trim() ?? '';
  if (!id) {
    throw bad({ lesion: JSON.stringify(g.trackingId ?? ''), group: index + 1, timePoint: g.timePoint, uid: g.trackingUid }, 'the lesion has an empty Tracking Identifier: give every lesion a name (e.g. its id "L1")');
  }
  const where: ErrorWhere = { lesion: g.trackingId, timePoint: g.timePoint };
  uid(g.trackingUid, 'the Tracking Unique Identifier', where);
  if (g.frameOfReferenceUid !== undefined) uid(g.frameOfReferenceUid, 'the Frame of Reference UID', where);
  for (const [name, c] of [['finding', g.finding], ['finding site', g.findingSite]] as const) {
    if (c && !complete(c)) throw bad(where, `the ${name} code is incomplete: expected a code value, a coding scheme and a meaning`);
  }
  const needsFrame = (what: string) => {
    if (!g.frameOfReferenceUid) throw bad(where, `${what} has coordinates but the group has no frameOfReferenceUid: LPS points mean nothing without their Frame of Reference`);
  };
  if (g.roi?.kind === 'segment') {
    uid(g.roi.sopInstanceUid, 'the SEG SOP Instance UID', where);
    uid(g.roi.seriesInstanceUid, 'the SEG Series Instance UID', where);
    uid(g.roi.sourceSeriesUid, 'the segmented series UID', where);
    uid(g.roi.sopClassUid, 'the SEG SOP Class UID', where);
    if (!(Number.isInteger(g.roi.segmentNumber) && g.roi.segmentNumber >= 1 && g.roi.segmentNumber <= 0xffff)) {
      throw bad(where, `segment number ${g.roi.segmentNumber}: expected an integer 1–65535`);
    }
  } else if (g.roi?.kind === 'outline') {
    needsFrame('the outline');
    checkPoints(g.roi.polygonLps, 3, 'the outline', where, bad);
  }
  if (!g.measurements.length) throw bad(where, 'the group has no measurements');
  for (const m of g.measurements) {
    const name = m.concept?.meaning ? `"${m.concept.meaning}"` : 'a measurement';
    if (!m.concept || !complete(m.concept)) throw bad(where, `${name} has an incomplete concept code: expected a code value, a coding scheme and a meaning`);
    if (typeof m.value !== 'number' || !Number.isFinite(m.value)) throw bad(where, `${name} is ${String(m.value)}: expected a finite number`);
    if (!m.unit || !complete(m.unit)) throw bad(where, `${name} has no unit: expected a UCUM code (e.g. mm, mm3, [hnsf'U])`);
    if (m.derivation && !complete(m.derivation)) throw bad(where, `${name} has an incomplete derivation code`);
    if (m.pathLps) {
      needsFrame(name);
      checkPoints(m.pathLps, 2, name, where, bad);
    }
  }
}

function complete(c: CodedConcept): boolean {
  return !!(c.value?.trim() && c.scheme?.trim() && c.meaning?.trim());
}

function checkPoints(points: readonly Point3[], min: number, what: string, where: ErrorWhere, bad: Bad): void {
  if (points.length < min) throw bad(where, `${what} has ${points.length} points: expected at least ${min}`);
  for (const p of points) {
    if (p.length !== 3 || !p.every(Number.isFinite)) throw bad(where, `${what} has the point [${p.join(', ')}]: expected three finite LPS coordinates in mm`);
  }
}
