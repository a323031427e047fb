import type { Measurement, MeasurementLesion, Vec3 } from '@voxa/core';
import { lesionMeasurement, nextLesionLabel, ONE_CLICK_LESION_ALGORITHM } from '../measure/lesionMeasurement.ts';
import type { MeasurementList } from '../measure/MeasurementList.ts';
import { planeNormalOf } from '../viewer/MprState.ts';
import type { ViewerController } from '../viewer/ViewerController.ts';

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const newId = () => `lesion-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** What a caller sets on the tool's measurement (and its segment's label) instead of the defaults: a lesion tracked from another study. */
export interface OneClickLesionProposal {
  label?: string;
  lesion?: MeasurementLesion;
  /** Replaces ONE_CLICK_LESION_ALGORITHM: the measurement stays a proposal, named by what proposed it. */
  algorithm?: string;
  /** Why the measurement is no lesion (undefined: it is): then neither it nor its segment is kept. */
  refuse?: (m: Measurement) => string | undefined;
}

/**
 * The one-click lesion tool: segment the lesion under the click (in the segmentation worker),
 * then add its bidirectional measurement, an automatic proposal, to the study's measurements and
 * save it; the segment and the measurement share the label 'Lesion N'. The views move along the
 * acquisition normal onto the measured slice, so the axes are in sight. Answers the measurement,
 * or undefined with the reason in the segmentation's `error`. A `proposal` is set before the
 * one save (a tracked lesion is stored tagged, not saved twice).
 */
export async function oneClickLesion(c: ViewerController, list: MeasurementList, seedLps: Vec3, proposal: OneClickLesionProposal = {}): Promise<Measurement | undefined> {
  const seg = c.startSegmentation();
  if (!seg) return undefined;
  const label = proposal.label ?? nextLesionLabel(list.items);
  const found = await seg.segmentLesion(seedLps, { label, algorithmType: 'SEMIAUTOMATIC', algorithmName: proposal.algorithm ?? ONE_CLICK_LESION_ALGORITHM, color: [255, 200, 0] });
  if (!found) return undefined;
  const { indexToWorld, frameOfReferenceUid } = seg.segmentation;
  const measured = lesionMeasurement(found.measures, { indexToWorld, seriesInstanceUid: seg.seriesUid, frameOfReferenceUid }, { id: newId(), label });
  if (!measured?.plane) return undefined;
  const m: Measurement = { ...measured, ...(proposal.lesion ? { lesion: proposal.lesion } : {}), ...(proposal.algorithm ? { algorithm: proposal.algorithm } : {}) };
  const refused = proposal.refuse?.(m);
  if (refused) {
    seg.remove(found.segment);
    seg.error = `lesion: ${refused}`;
    return undefined;
  }
  list.selectedId = m.id;
  list.put(m);
  if (c.mpr) {
    const plane = measured.plane, n = planeNormalOf(plane), centre = c.mpr.centre;
    const off = dot([plane.origin[0] - centre[0], plane.origin[1] - centre[1], plane.origin[2] - centre[2]], n);
    c.setMpr({ ...c.mpr, centre: [0, 1, 2].map((i) => centre[i] + off * n[i]) as Vec3 });
  }
  await list.save(m.id);
  return m;
}
