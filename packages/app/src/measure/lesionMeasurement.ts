import type { Mat4, Measurement, MeasurementPlane, Point3, Vec3 } from '@voxa/core';
import type { LesionMeasures } from '@voxa/core';

/** `Measurement.algorithm` of the one-click lesion tool's proposals. */
export const ONE_CLICK_LESION_ALGORITHM = 'Voxa one-click lesion';

/** Where the segmented series lies: its grid and UIDs. */
export interface LesionSeries {
  indexToWorld: Mat4;
  seriesInstanceUid: string;
  frameOfReferenceUid?: string;
}

const unit = (v: Vec3): Vec3 => { const l = Math.hypot(v[0], v[1], v[2]); return [v[0] / l, v[1] / l, v[2] / l]; };
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * The acquisition plane a lesion's axes lie in: row and column along the grid's first two index
 * axes, through the lesion's centroid moved along the slice normal onto the measured slice (the
 * axes' slice, where the section is largest, which need not hold the centroid itself).
 */
export function acquisitionPlaneOf(indexToWorld: Mat4, centroidLps: Point3, onSlice: Point3): MeasurementPlane {
  const m = indexToWorld;
  const row = unit([m[0], m[1], m[2]]), column = unit([m[4], m[5], m[6]]);
  const n = unit([row[1] * column[2] - row[2] * column[1], row[2] * column[0] - row[0] * column[2], row[0] * column[1] - row[1] * column[0]]);
  const off = dot([onSlice[0] - centroidLps[0], onSlice[1] - centroidLps[1], onSlice[2] - centroidLps[2]], n);
  return { origin: [0, 1, 2].map((i) => centroidLps[i] + off * n[i]) as Point3, row, column };
}

/**
 * The one-click lesion's measurement: a bidirectional with the RECIST axes measured on the 3D
 * segment (points long A, long B, short A, short B), the segment's volume, and its mean HU (CT)
 * or maximum SUV (PET); an automatic proposal (`algorithm`) until a reader edits it. Undefined
 * when the segment had no axes to measure.
 */
export function lesionMeasurement(lesion: LesionMeasures, series: LesionSeries, init: { id: string; label: string }): Measurement | undefined {
  const { axes, centroidLps } = lesion;
  if (!axes || !centroidLps) return undefined;
  const values: Record<string, number> = { longMm: axes.longMm, shortMm: axes.shortMm, volumeMm3: lesion.volumeMm3 };
  if (lesion.units === 'HU') values.meanHu = lesion.mean;
  else if (lesion.units.startsWith('SUV')) values.suvMax = lesion.max;
  return {
    id: init.id, kind: 'bidirectional', seriesInstanceUid: series.seriesInstanceUid,
    ...(series.frameOfReferenceUid ? { frameOfReferenceUid: series.frameOfReferenceUid } : {}),
    points: [[...axes.longA], [...axes.longB], [...axes.shortA], [...axes.shortB]],
    plane: acquisitionPlaneOf(series.indexToWorld, centroidLps, axes.longA),
    label: init.label, values, ...(lesion.units ? { units: lesion.units } : {}), algorithm: ONE_CLICK_LESION_ALGORITHM,
  };
}

/** 'Lesion N': the next number after those the study's measurements are labelled with. */
export function nextLesionLabel(items: readonly Measurement[]): string {
  const used = items.map((m) => /^Lesion (\d+)$/.exec(m.label ?? '')?.[1]).filter(Boolean).map(Number);
  return `Lesion ${Math.max(0, ...used) + 1}`;
}
