/**
 * ReslicePlane: the output grid of a multiplanar reformation, in patient LPS millimetres.
 *
 * Conventions (a contract shared with the render package's shaders):
 * - Output pixel (x, y), x = column (screen right), y = row (screen down), both 0-based, has its
 *   CENTRE at `origin + x·spacing[0]·row + y·spacing[1]·column` (LPS mm). Pixel (0, 0) is the
 *   top-left pixel; images are stored row-major, index `x + width·y`.
 * - The plane normal is `normalize(row × column)`; for the radiological standard planes it points
 *   away from the viewer (axial +S, coronal +P, sagittal −L = towards the patient's right).
 * - Slab samples lie along that normal, symmetric about the plane (see `slabOffsetsMm`).
 *
 * @example
 * const axial = standardPlane(volume, 'axial');
 * const oblique = rotatePlane(axial, [1, 0, 0], Math.PI / 6, planePixelToWorld(axial, 256, 256));
 */
import { VoxaError } from '../errors/VoxaError.ts';
import { mat4Column, transformPoint } from '../math/Mat4.ts';
import { type Vec3, cross, dot, length, normalize } from '../math/Vec3.ts';
import { type Volume, spacingMm } from '../volume/Volume.ts';

/** An oriented, sampled plane in patient space: where each output pixel of a reslice lies. */
export interface ReslicePlane {
  /** LPS mm of the CENTRE of output pixel (0,0). */
  origin: Vec3;
  /** Unit vector: direction of increasing output column x (screen right). */
  row: Vec3;
  /** Unit vector: direction of increasing output row y (screen down). */
  column: Vec3;
  /** mm between output pixel centres along row and column. */
  spacing: [number, number];
  /** Output width (columns) and height (rows) in pixels. */
  size: [number, number];
}

/** How the samples of a thick slab are combined into one pixel. */
export type SlabMode = 'mip' | 'minip' | 'average';

/** A thick slab centred on the plane, sampled along its normal. */
export interface Slab {
  mode: SlabMode;
  thicknessMm: number;
  /** mm between samples along the normal (default: the smallest voxel spacing) */
  stepMm?: number;
}

/** The three radiological standard orientations. */
export type StandardOrientation = 'axial' | 'coronal' | 'sagittal';

/** Options of `standardPlane`. */
export interface StandardPlaneOptions {
  /** A point (LPS mm) the plane passes through; default the volume centre. Only its offset along the normal is used: the pixel grid stays centred on the volume. */
  through?: Vec3;
  /** Pixel size in mm (square pixels); default the smallest voxel spacing of the two volume axes lying most in the plane. */
  pixelMm?: number;
}

/**
 * Radiological display axes (LPS): screen right = patient left (+x), and screen down = posterior
 * (axial) or inferior (coronal, sagittal); sagittal screen right = posterior.
 */
export const STANDARD_PLANE_AXES: Readonly<Record<StandardOrientation, { row: Vec3; column: Vec3 }>> = {
  axial: { row: [1, 0, 0], column: [0, 1, 0] },
  coronal: { row: [1, 0, 0], column: [0, 0, -1] },
  sagittal: { row: [0, 1, 0], column: [0, 0, -1] },
};

/** The unit plane normal, normalize(row × column): the slab direction and the view direction. */
export function planeNormal(p: ReslicePlane, out: Vec3 = [0, 0, 0]): Vec3 {
  return normalize(cross(p.row, p.column, out), out);
}

/** LPS mm of the centre of output pixel (x, y); x and y may be fractional. */
export function planePixelToWorld(p: ReslicePlane, x: number, y: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const a = x * p.spacing[0], b = y * p.spacing[1];
  out[0] = p.origin[0] + a * p.row[0] + b * p.column[0];
  out[1] = p.origin[1] + a * p.row[1] + b * p.column[1];
  out[2] = p.origin[2] + a * p.row[2] + b * p.column[2];
  return out;
}

/** Fractional output pixel [x, y] of an LPS point, and its signed distance (mm) along the plane normal. */
export function worldToPlanePixel(p: ReslicePlane, worldLps: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  const d: Vec3 = [worldLps[0] - p.origin[0], worldLps[1] - p.origin[1], worldLps[2] - p.origin[2]];
  const n = planeNormal(p);
  out[0] = dot(d, p.row) / p.spacing[0];
  out[1] = dot(d, p.column) / p.spacing[1];
  out[2] = dot(d, n);
  return out;
}

/**
 * A plane through the volume (default its centre) in a radiological standard orientation, whose
 * pixel grid covers the projection of the whole volume (voxel edges included) with square pixels.
 * The volume centre projects onto pixel ((width − 1)/2, (height − 1)/2), so when the volume is
 * axis-aligned and the pixel size equals its voxel spacing, pixel centres are voxel centres.
 */
export function standardPlane(volume: Volume, orientation: StandardOrientation, options: StandardPlaneOptions = {}): ReslicePlane {
  const axes = STANDARD_PLANE_AXES[orientation];
  if (!axes) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `orientation '${orientation}' is not one of axial, coronal, sagittal`);
  const row: Vec3 = [...axes.row], column: Vec3 = [...axes.column];
  const normal = cross(row, column);
  const [nx, ny, nz] = volume.dimensions;
  const m = volume.indexToWorld;
  const centre = transformPoint(m, [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2]);
  const pixelMm = options.pixelMm ?? inPlaneSpacing(volume, normal);
  if (!(pixelMm > 0) || !Number.isFinite(pixelMm)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `pixelMm ${pixelMm} must be a positive number`);
  }
  // Half extents of the voxel box (corners at index −0.5 and n − 0.5) along row and column.
  const ci = mat4Column(m, 0), cj = mat4Column(m, 1), ck = mat4Column(m, 2);
  const half = (axis: Vec3) => (Math.abs(dot(ci, axis)) * nx + Math.abs(dot(cj, axis)) * ny + Math.abs(dot(ck, axis)) * nz) / 2;
  const width = Math.max(1, Math.ceil((2 * half(row)) / pixelMm - 1e-6));
  const height = Math.max(1, Math.ceil((2 * half(column)) / pixelMm - 1e-6));
  const shift = options.through ? dot([options.through[0] - centre[0], options.through[1] - centre[1], options.through[2] - centre[2]], normal) : 0;
  const a = ((width - 1) / 2) * pixelMm, b = ((height - 1) / 2) * pixelMm;
  const origin: Vec3 = [0, 1, 2].map((c) => centre[c] + shift * normal[c] - a * row[c] - b * column[c]) as Vec3;
  return { origin, row, column, spacing: [pixelMm, pixelMm], size: [width, height] };
}

/** `v` rotated by `angleRad` (right-handed) about the direction `axis` (Rodrigues' formula). */
export function rotateVector(v: Vec3, axis: Vec3, angleRad: number, out: Vec3 = [0, 0, 0]): Vec3 {
  if (!(length(axis) > 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'rotation axis has zero length');
  const k = normalize(axis);
  const c = Math.cos(angleRad), s = Math.sin(angleRad);
  const kxv = cross(k, v), kv = dot(k, v) * (1 - c);
  const x = v[0] * c + kxv[0] * s + k[0] * kv, y = v[1] * c + kxv[1] * s + k[1] * kv, z = v[2] * c + kxv[2] * s + k[2] * kv;
  out[0] = x; out[1] = y; out[2] = z;
  return out;
}

/**
 * The plane rotated by `angleRad` (right-handed) about the line through `centreLps` along `axis`
 * (Rodrigues' formula); spacing and size are kept. Used for oblique planes by crosshair rotation.
 */
export function rotatePlane(plane: ReslicePlane, axis: Vec3, angleRad: number, centreLps: Vec3): ReslicePlane {
  const rotate = (v: Vec3): Vec3 => rotateVector(v, axis, angleRad);
  const o = rotate([plane.origin[0] - centreLps[0], plane.origin[1] - centreLps[1], plane.origin[2] - centreLps[2]]);
  return {
    origin: [o[0] + centreLps[0], o[1] + centreLps[1], o[2] + centreLps[2]],
    row: rotate(plane.row),
    column: rotate(plane.column),
    spacing: [plane.spacing[0], plane.spacing[1]],
    size: [plane.size[0], plane.size[1]],
  };
}

/** Throws VOXA_ERR_BAD_ARGUMENT unless the plane has unit, orthogonal axes, positive spacing and a positive integer size. */
export function validateReslicePlane(p: ReslicePlane): void {
  const bad = (detail: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `reslice plane: ${detail}`);
  const finite = (v: readonly number[]) => v.every(Number.isFinite);
  if (!finite(p.origin) || !finite(p.row) || !finite(p.column)) throw bad('origin, row and column must be finite');
  if (Math.abs(length(p.row) - 1) > 1e-4 || Math.abs(length(p.column) - 1) > 1e-4) {
    throw bad(`row and column must be unit vectors (lengths ${length(p.row)}, ${length(p.column)})`);
  }
  if (Math.abs(dot(p.row, p.column)) > 1e-4) throw bad(`row and column must be orthogonal (dot ${dot(p.row, p.column)})`);
  if (!(p.spacing[0] > 0 && p.spacing[1] > 0) || !finite(p.spacing)) throw bad(`spacing ${p.spacing.join('×')} must be positive`);
  if (!p.size.every((n) => Number.isInteger(n) && n >= 1)) throw bad(`size ${p.size.join('×')} must be positive integers`);
}

/** Smallest spacing of the two volume axes lying most in the plane (least aligned with its normal). */
function inPlaneSpacing(volume: Volume, normal: Vec3): number {
  const spacing = spacingMm(volume);
  const tilt = [0, 1, 2].map((a) => Math.abs(dot(mat4Column(volume.indexToWorld, a), normal)) / spacing[a]);
  const outOfPlane = tilt.indexOf(Math.max(...tilt));
  return Math.min(...spacing.filter((_, a) => a !== outOfPlane));
}
