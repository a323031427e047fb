import type { NaturalDataset } from '../write/writePart10.ts';
import type { SrMeasurement, SrMeasurementGroup } from './MeasurementReport.ts';
import { srItem } from './srContentItems.ts';
import { SR_CONCEPT } from './srCodes.ts';

/**
 * One Measurement Group container (PS3.16 TID 1500 row 6, "Imaging Measurements" content):
 * TID 1411 Volumetric ROI Measurements when the ROI is a SEG segment (Referenced Segment, Source
 * series for segmentation), TID 1410 Planar ROI Measurements when it is an outline (Image Region,
 * SCOORD3D POLYGON), TID 1501 Measurement Group without an ROI. All three start with the Tracking
 * Identifier and Tracking Unique Identifier (TID 4108), the Time Point (TID 1502) and the Finding,
 * and end with the Finding Site and the measurements (TID 1419 / TID 300).
 */
export function measurementGroupItem(group: SrMeasurementGroup): NaturalDataset {
  // validateMeasurementReport has checked that a group with coordinates names its frame of reference.
  const frameOfReferenceUid = group.frameOfReferenceUid ?? '';
  const children: NaturalDataset[] = [
    srItem.text('HAS OBS CONTEXT', SR_CONCEPT.trackingIdentifier, group.trackingId),
    srItem.uidref('HAS OBS CONTEXT', SR_CONCEPT.trackingUniqueIdentifier, group.trackingUid),
  ];
  if (group.timePoint) children.push(srItem.text('HAS OBS CONTEXT', SR_CONCEPT.timePoint, group.timePoint));
  if (group.finding) children.push(srItem.code('CONTAINS', SR_CONCEPT.finding, group.finding));
  const roi = group.roi;
  if (roi?.kind === 'segment') {
    // TID 1411 rows 7 and 12.
    children.push(srItem.image('CONTAINS', SR_CONCEPT.referencedSegment, roi.sopClassUid, roi.sopInstanceUid, roi.segmentNumber));
    children.push(srItem.uidref('CONTAINS', SR_CONCEPT.sourceSeriesForSegmentation, roi.sourceSeriesUid));
  } else if (roi?.kind === 'outline') {
    // TID 1410 row 8: the region in patient coordinates, no source image needed.
    children.push(srItem.scoord3d('CONTAINS', SR_CONCEPT.imageRegion, 'POLYGON', roi.polygonLps, frameOfReferenceUid));
  }
  if (group.findingSite) children.push(srItem.code('HAS CONCEPT MOD', SR_CONCEPT.findingSite, group.findingSite));
  for (const m of group.measurements) children.push(measurementItem(m, frameOfReferenceUid));
  return srItem.container('CONTAINS', SR_CONCEPT.measurementGroup, children);
}

/**
 * A measurement NUM (TID 1419 row 5, TID 300 row 1) with its Derivation modifier (TID 1419 row 8)
 * and, where it was measured along a path, that path as an INFERRED FROM SCOORD3D POLYLINE
 * (TID 300 row 10 via TID 320; TID 1419 is extensible for it).
 */
function measurementItem(m: SrMeasurement, frameOfReferenceUid: string): NaturalDataset {
  const children: NaturalDataset[] = [];
  if (m.derivation) children.push(srItem.code('HAS CONCEPT MOD', SR_CONCEPT.derivation, m.derivation));
  if (m.pathLps) children.push(srItem.scoord3d('INFERRED FROM', undefined, 'POLYLINE', m.pathLps, frameOfReferenceUid));
  return srItem.num('CONTAINS', m.concept, m.value, m.unit, children);
}
