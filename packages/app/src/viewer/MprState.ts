import { cross, normalize, transformPoint, type Vec3 } from '@voxa/core';
import type { SlabSettings } from '@voxa/render';

/** The three planes of an MPR. */
export type Orientation = 'axial' | 'coronal' | 'sagittal';
export const ORIENTATIONS: readonly Orientation[] = ['axial', 'coronal', 'sagittal'];

/** A plane's in-plane axes in LPS: row = screen right, column = screen down. */
export interface PlaneAxes {
  row: Vec3;
  column: Vec3;
}

/**
 * What the MPR views share: the crosshair centre every plane passes through, each plane's
 * orientation (oblique once the crosshairs are rotated) and the slab.
 */
export interface MprState {
  centre: Vec3;
  axes: Record<Orientation, PlaneAxes>;
  slab?: SlabSettings;
}

/** Radiological convention: patient left on screen right; superior up. */
export const STANDARD_AXES: Readonly<Record<Orientation, PlaneAxes>> = {
  axial: { row: [1, 0, 0], column: [0, 1, 0] },
  coronal: { row: [1, 0, 0], column: [0, 0, -1] },
  sagittal: { row: [0, 1, 0], column: [0, 0, -1] },
};

export function planeNormalOf(a: PlaneAxes): Vec3 {
  return normalize(cross(a.row, a.column));
}

/** Centre of a grid in LPS. */
export function gridCentre(dimensions: readonly number[], indexToWorld: Float64Array): Vec3 {
  return transformPoint(indexToWorld, [(dimensions[0] - 1) / 2, (dimensions[1] - 1) / 2, (dimensions[2] - 1) / 2]);
}

export function initialMprState(dimensions: readonly number[], indexToWorld: Float64Array): MprState {
  return {
    centre: gridCentre(dimensions, indexToWorld),
    axes: { axial: { ...STANDARD_AXES.axial }, coronal: { ...STANDARD_AXES.coronal }, sagittal: { ...STANDARD_AXES.sagittal } },
  };
}

/** Rodrigues rotation of v about the unit axis by angle (right-handed). */
export function rotateVector(v: Vec3, axis: Vec3, angle: number): Vec3 {
  const c = Math.cos(angle), s = Math.sin(angle);
  const k = axis;
  const kxv = cross(k, v);
  const kv = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
  return [0, 1, 2].map((i) => v[i] * c + kxv[i] * s + k[i] * kv * (1 - c)) as Vec3;
}

/**
 * Rotate the crosshairs seen in view `about` by `angle` radians: the other two planes turn about
 * that view's normal through the centre (oblique; doing it in two views gives double oblique).
 * The view itself keeps its orientation, as in Slicer and OHIF.
 */
export function rotateCrosshairs(state: MprState, about: Orientation, angle: number): MprState {
  const n = planeNormalOf(state.axes[about]);
  const axes = { ...state.axes };
  for (const o of ORIENTATIONS) {
    if (o === about) continue;
    axes[o] = { row: rotateVector(axes[o].row, n, angle), column: rotateVector(axes[o].column, n, angle) };
  }
  return { ...state, axes };
}

/** Move the centre along a view's normal (scrolling). */
export function scrollMpr(state: MprState, o: Orientation, mm: number): MprState {
  const n = planeNormalOf(state.axes[o]);
  return { ...state, centre: [state.centre[0] + n[0] * mm, state.centre[1] + n[1] * mm, state.centre[2] + n[2] * mm] };
}
