import { mat4Column } from '../math/Mat4.ts';
import { cross, dot, normalize, type Vec3 } from '../math/Vec3.ts';
import { STANDARD_PLANE_AXES, type ReslicePlane, type StandardOrientation } from '../mpr/ReslicePlane.ts';
import type { Volume } from '../volume/Volume.ts';

/** A square reslice grid in a volume's acquisition plane, and the standard orientation it is shown in. */
export interface AcquisitionPlane {
  plane: ReslicePlane;
  /** The radiological orientation nearest the acquisition plane, whose screen axes it is shown with. */
  orientation: StandardOrientation;
}

/**
 * The plane of the volume's slices (spanned by its i and j axes) through `centreLps`, as a
 * `sizePx` × `sizePx` grid covering `fieldOfViewMm`, centred on the point. It is shown the way a
 * reader sees the series: the standard orientation nearest the slices (axial for an axial CT)
 * gives the screen axes, projected into the plane, so a tilted gantry stays in its own plane but
 * the patient's right is still on the left of the screen.
 */
export function acquisitionPlane(volume: Volume, centreLps: Vec3, fieldOfViewMm: number, sizePx: number): AcquisitionPlane {
  const m = volume.indexToWorld;
  const normal = normalize(cross(normalize(mat4Column(m, 0)), normalize(mat4Column(m, 1))));
  const [ax, ay, az] = normal.map(Math.abs);
  const orientation: StandardOrientation = az >= ax && az >= ay ? 'axial' : ay >= ax ? 'coronal' : 'sagittal';
  const screen = STANDARD_PLANE_AXES[orientation];
  const along = dot(screen.row, normal);
  const row = normalize([0, 1, 2].map((c) => screen.row[c] - along * normal[c]) as Vec3);
  const column = cross(normal, row);
  if (dot(column, screen.column) < 0) for (let c = 0; c < 3; c++) column[c] = -column[c];
  const pixelMm = fieldOfViewMm / sizePx;
  const half = ((sizePx - 1) / 2) * pixelMm;
  const origin = [0, 1, 2].map((c) => centreLps[c] - half * row[c] - half * column[c]) as Vec3;
  return { plane: { origin, row, column, spacing: [pixelMm, pixelMm], size: [sizePx, sizePx] }, orientation };
}
