import type { Measurement, Point3 } from '@voxa/core';

/**
 * Values measured on the 3D segment a proposal came from, not on its points (computeValues never
 * makes them): moving the axes of a one-click lesion does not change its segment, so they stay.
 */
export const SEGMENT_VALUE_KEYS = ['volumeMm3', 'meanHu', 'suvMax'] as const;

/**
 * A measurement after a reader moved its points: the reader's own now (`algorithm` dropped, the
 * proposal accepted by editing), with the values of its points from `pointValues` (longMm,
 * shortMm … as for any drawing) and the segment's values kept.
 */
export function readerEdit(m: Measurement, points: Point3[], pointValues: (m: Measurement) => Record<string, number>): Measurement {
  const { algorithm: _proposedBy, ...rest } = m;
  const edited: Measurement = { ...rest, points };
  const kept = Object.fromEntries(SEGMENT_VALUE_KEYS.filter((k) => Number.isFinite(m.values[k])).map((k) => [k, m.values[k]]));
  return { ...edited, values: { ...pointValues(edited), ...kept } };
}

/** A proposal accepted as it is (reviewed): the reader's own, nothing else changed. */
export function acceptProposal(m: Measurement): Measurement {
  const { algorithm: _proposedBy, ...rest } = m;
  return rest;
}
