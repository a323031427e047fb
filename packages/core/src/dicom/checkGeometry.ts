import { dot, length, type Vec3 } from '../math/Vec3.ts';

/** Tolerance on |cosine| − 1 and on the dot product of the two cosines (PS3.3 C.7.6.2.1.1 asks for unit, orthogonal vectors). */
const COSINE_TOLERANCE = 0.01;

/**
 * Image Position and Orientation (Patient) as usable geometry, or the reason they are not:
 * position must be 3 finite numbers; orientation 6, two unit vectors at right angles (small
 * rounding is normalised away).
 */
export function checkPlaneGeometry(ipp: number[], iop: number[]): { position: Vec3; row: Vec3; column: Vec3 } | { problem: string } {
  if (ipp.length !== 3 || iop.length !== 6) {
    return { problem: `Image ${ipp.length !== 3 ? 'Position' : 'Orientation'} (Patient) missing or incomplete` };
  }
  const row = iop.slice(0, 3) as Vec3, column = iop.slice(3, 6) as Vec3;
  const lr = length(row), lc = length(column);
  if (Math.abs(lr - 1) > COSINE_TOLERANCE || Math.abs(lc - 1) > COSINE_TOLERANCE || Math.abs(dot(row, column)) > COSINE_TOLERANCE) {
    return { problem: `Image Orientation (Patient) ${iop.join('\\')} is not two orthogonal unit vectors` };
  }
  return { position: ipp as Vec3, row: row.map((x) => x / lr) as Vec3, column: column.map((x) => x / lc) as Vec3 };
}

/** A pixel spacing pair if both values are positive, else undefined. */
export function positiveSpacing(ps: number[]): [number, number] | undefined {
  return ps.length === 2 && ps[0] > 0 && ps[1] > 0 ? [ps[0], ps[1]] : undefined;
}

/** The first positive number, or undefined (0 and negatives are not spacings). */
export function firstPositive(...values: (number | undefined)[]): number | undefined {
  return values.find((v): v is number => v !== undefined && v > 0);
}
