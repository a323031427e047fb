import type { Vec3 } from '@voxa/core';

/** The 2D measurement tools. */
export type MeasurementKind = 'length' | 'angle' | 'cobb' | 'bidirectional' | 'ellipse' | 'freehand' | 'probe';

/** Points each kind is made of (freehand: at least 3). */
export const POINT_COUNT: Readonly<Record<MeasurementKind, number>> = {
  length: 2, angle: 3, cobb: 4, bidirectional: 4, ellipse: 3, freehand: 3, probe: 1,
};

/** A measurement as the server stores it with the study: points in LPS mm, on the plane it was drawn on. */
export interface Measurement {
  id: string;
  kind: MeasurementKind;
  seriesInstanceUid: string;
  frameOfReferenceUid?: string;
  points: Vec3[];
  plane?: { origin: Vec3; row: Vec3; column: Vec3 };
  label?: string;
  values: Record<string, number>;
  units?: string;
  createdAt?: string;
  updatedAt?: string;
}
