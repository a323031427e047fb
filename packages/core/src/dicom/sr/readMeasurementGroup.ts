import { VoxaError } from '../../errors/VoxaError.ts';
import type { Point3 } from '../../math/Vec3.ts';
import type { CodedConcept } from '../../segmentation/CodedConcept.ts';
import { readCode } from '../../segmentation/io/codeSequences.ts';
import type { TextDecoding } from '../../segmentation/io/textDecoding.ts';
import type { SrMeasurement, SrMeasurementGroup, SrRoi } from './MeasurementReport.ts';
import type { SrInstanceLocation } from './readSrEvidence.ts';
import { SR_CONCEPT } from './srCodes.ts';
import { childNamed, type SrContentNode, SR_TAG } from './srContentTree.ts';

/** Where a group is read from, for error messages. */
interface GroupContext {
  file: string;
  text: TextDecoding;
  evidence: ReadonlyMap<string, SrInstanceLocation>;
}

/**
 * One Measurement Group (PS3.16 TID 1411, 1410 or 1501) back into the model: tracking identifier
 * and UID, time point, finding and finding site, the ROI (a referenced SEG segment or an Image
 * Region SCOORD3D polygon) and every NUM with its unit, derivation and INFERRED FROM SCOORD3D path.
 * A NUM's value is its Floating Point Value when present (exact), else its Numeric Value (DS).
 */
export function readMeasurementGroup(node: SrContentNode, ctx: GroupContext): SrMeasurementGroup {
  const text = (n: SrContentNode | undefined) => (n ? ctx.text(n.item.str(SR_TAG.textValue)) : '');
  const code = (n: SrContentNode | undefined) => (n ? readCode(n.item, SR_TAG.conceptCode, ctx.text) : undefined);
  const trackingId = text(childNamed(node, SR_CONCEPT.trackingIdentifier, 'TEXT'));
  const trackingUid = childNamed(node, SR_CONCEPT.trackingUniqueIdentifier, 'UIDREF')?.item.str(SR_TAG.uid) ?? '';
  const timePoint = text(childNamed(node, SR_CONCEPT.timePoint, 'TEXT'));
  const finding = code(childNamed(node, SR_CONCEPT.finding, 'CODE'));
  const findingSite = code(childNamed(node, SR_CONCEPT.findingSite, 'CODE'));
  const where = { file: ctx.file, lesion: trackingId || trackingUid || '(no tracking identifier)' };
  const frames = new Set<string>();
  const roi = readRoi(node, ctx, where, frames);
  const measurements = node.children
    .filter((c) => c.valueType === 'NUM' && c.relationship === 'CONTAINS')
    .map((c) => readMeasurement(c, ctx, where, frames));
  if (frames.size > 1) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { ...where, tag: '(3006,0024) ReferencedFrameOfReferenceUID' }, `the group's coordinates are in ${frames.size} frames of reference (${[...frames].join(', ')}): expected one`);
  }
  return {
    trackingId,
    trackingUid,
    ...(timePoint ? { timePoint } : {}),
    ...(finding ? { finding } : {}),
    ...(findingSite ? { findingSite } : {}),
    ...(frames.size ? { frameOfReferenceUid: [...frames][0] } : {}),
    ...(roi ? { roi } : {}),
    measurements,
  };
}

function readRoi(node: SrContentNode, ctx: GroupContext, where: { file: string; lesion: string }, frames: Set<string>): SrRoi | undefined {
  const segment = childNamed(node, SR_CONCEPT.referencedSegment, 'IMAGE');
  if (segment) {
    const ref = segment.item.item(SR_TAG.referencedSop);
    const sopInstanceUid = ref?.str(SR_TAG.referencedSopInstanceUid) ?? '';
    const segmentNumber = ref?.num(SR_TAG.referencedSegmentNumber);
    if (!ref || !sopInstanceUid || segmentNumber === undefined) {
      throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { ...where, tag: '(0008,1199) ReferencedSOPSequence' }, 'the Referenced Segment names no SEG instance and segment number');
    }
    return {
      kind: 'segment',
      sopClassUid: ref.str(SR_TAG.referencedSopClassUid),
      sopInstanceUid,
      seriesInstanceUid: ctx.evidence.get(sopInstanceUid)?.seriesInstanceUid ?? '',
      segmentNumber,
      sourceSeriesUid: childNamed(node, SR_CONCEPT.sourceSeriesForSegmentation, 'UIDREF')?.item.str(SR_TAG.uid) ?? '',
    };
  }
  const region = childNamed(node, SR_CONCEPT.imageRegion, 'SCOORD3D');
  if (!region) return undefined;
  const points = readPoints(region, where, frames);
  const first = points[0], last = points[points.length - 1];
  if (points.length > 1 && first.every((v, n) => v === last[n])) points.pop();
  return { kind: 'outline', polygonLps: points };
}

function readMeasurement(node: SrContentNode, ctx: GroupContext, where: { file: string; lesion: string }, frames: Set<string>): SrMeasurement {
  const concept: CodedConcept = node.concept ?? { value: '', scheme: '', meaning: '' };
  const measured = node.item.item(SR_TAG.measuredValue);
  const value = measured?.num(SR_TAG.floatingPointValue) ?? measured?.num(SR_TAG.numericValue);
  const unit = measured && readCode(measured, SR_TAG.measurementUnits, ctx.text);
  if (value === undefined || !unit) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { ...where, tag: '(0040,A300) MeasuredValueSequence' }, `the NUM "${concept.meaning}" has no ${value === undefined ? 'value' : 'unit'}`);
  }
  const derivationNode = childNamed(node, SR_CONCEPT.derivation, 'CODE');
  const derivation = derivationNode && readCode(derivationNode.item, SR_TAG.conceptCode, ctx.text);
  const path = node.children.find((c) => c.valueType === 'SCOORD3D' && c.relationship === 'INFERRED FROM');
  return {
    concept,
    value,
    unit,
    ...(derivation ? { derivation } : {}),
    ...(path ? { pathLps: readPoints(path, where, frames) } : {}),
  };
}

/** The (x, y, z) triplets of a SCOORD3D item (FL, LPS mm); records its Frame of Reference UID. */
function readPoints(node: SrContentNode, where: { file: string; lesion: string }, frames: Set<string>): Point3[] {
  const data = node.item.nums(SR_TAG.graphicData);
  if (data.length < 3 || data.length % 3 !== 0) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { ...where, tag: '(0070,0022) GraphicData' }, `${data.length} values: expected (x, y, z) triplets`);
  }
  const frame = node.item.str(SR_TAG.referencedFrameOfReferenceUid);
  if (frame) frames.add(frame);
  const points: Point3[] = [];
  for (let n = 0; n < data.length; n += 3) points.push([data[n], data[n + 1], data[n + 2]]);
  return points;
}
