import { cross, normalize, rotateVector, STANDARD_PLANE_AXES, transformPoint, type Vec3 } from '@voxa/core';
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

export function planeNormalOf(a: PlaneAxes): Vec3 {
  return normalize(cross(a.row, a.column));
}

/**
 * The grid's middle voxel in LPS (index ⌊n/2⌋ on each axis): planes through voxel centres show
 * acquired slices as they are, and the middle slice is the one the loader fetches first.
 */
export function gridCentre(dimensions: readonly number[], indexToWorld: Float64Array): Vec3 {
  return transformPoint(indexToWorld, [Math.floor(dimensions[0] / 2), Math.floor(dimensions[1] / 2), Math.floor(dimensions[2] / 2)]);
}

/** Standard axial, coronal and sagittal planes (core's radiological axes) through the grid's centre. */
export function initialMprState(dimensions: readonly number[], indexToWorld: Float64Array): MprState {
  return {
    centre: gridCentre(dimensions, indexToWorld),
    axes: { axial: { ...STANDARD_PLANE_AXES.axial }, coronal: { ...STANDARD_PLANE_AXES.coronal }, sagittal: { ...STANDARD_PLANE_AXES.sagittal } },
  };
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
