import { type Mat4, mat4FlipLpsRas, mat4Identity } from '../../math/Mat4.ts';
import type { Vec3 } from '../../math/Vec3.ts';
import type { NiftiHeader } from './NiftiHeader.ts';

/** Which header transform gave the geometry (NIfTI-1 "methods" 3, 2 and 1). */
export type NiftiGeometrySource = 'sform' | 'qform' | 'pixdim';

/** A header's voxel → patient LPS mm matrix and where it came from. */
export interface NiftiGeometry {
  indexToWorld: Mat4;
  source: NiftiGeometrySource;
  /** Millimetres per stored spatial unit (xyzt_units: 1 m → 1000, 2 mm → 1, 3 µm → 0.001, unknown → 1). */
  mmPerUnit: number;
  /** Set when the preferred transform was unusable and another was taken. */
  fallback?: string;
}

/** Millimetres per unit for the spatial bits of xyzt_units (nifti1.h NIFTI_UNITS_*). */
export function niftiMmPerUnit(xyztUnits: number): number {
  switch (xyztUnits & 0x07) {
    case 1: return 1000;
    case 3: return 0.001;
    default: return 1;
  }
}

/** Seconds per unit for the temporal bits of xyzt_units (8 s, 16 ms, 24 µs), 1 when unknown. */
export function niftiSecondsPerUnit(xyztUnits: number): number {
  switch (xyztUnits & 0x38) {
    case 16: return 1e-3;
    case 24: return 1e-6;
    default: return 1;
  }
}

function positive(x: number): number {
  const a = Math.abs(x);
  return a > 0 && Number.isFinite(a) ? a : 1;
}

function isUsable(m: Mat4): boolean {
  const det = m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
  return Number.isFinite(det) && Math.abs(det) > 1e-12 && m.every(Number.isFinite);
}

/** The sform as a RAS matrix (rows srow_x, srow_y, srow_z). */
function sformRas(h: NiftiHeader): Mat4 {
  const m = mat4Identity();
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) m[c * 4 + r] = h.srow[r * 4 + c];
  return m;
}

/** The qform as a RAS matrix: rotation from the unit quaternion (b, c, d), columns scaled by pixdim and qfac. */
function qformRas(h: NiftiHeader): Mat4 {
  let [b, c, d] = h.quatern;
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    // Rounding left (b, c, d) slightly longer than 1: a 180° rotation; renormalise (nifti1.h).
    const s = 1 / Math.sqrt(b * b + c * c + d * d);
    b *= s; c *= s; d *= s;
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  const qfac = h.pixdim[0] < 0 ? -1 : 1;
  const dx = positive(h.pixdim[1]), dy = positive(h.pixdim[2]), dz = positive(h.pixdim[3]) * qfac;
  const m = mat4Identity();
  m[0] = (a * a + b * b - c * c - d * d) * dx;
  m[1] = 2 * (b * c + a * d) * dx;
  m[2] = 2 * (b * d - a * c) * dx;
  m[4] = 2 * (b * c - a * d) * dy;
  m[5] = (a * a + c * c - b * b - d * d) * dy;
  m[6] = 2 * (c * d + a * b) * dy;
  m[8] = 2 * (b * d + a * c) * dz;
  m[9] = 2 * (c * d - a * b) * dz;
  m[10] = (a * a + d * d - c * c - b * b) * dz;
  m[12] = h.qoffset[0];
  m[13] = h.qoffset[1];
  m[14] = h.qoffset[2];
  return m;
}

/**
 * The header's geometry as voxel → LPS mm: sform when sform_code > 0, else qform when
 * qform_code > 0, else pixdim only (NIfTI-1 method 1, origin 0, axes along RAS). NIfTI's RAS
 * world is converted to LPS here and only here.
 */
export function niftiIndexToWorld(h: NiftiHeader): NiftiGeometry {
  let ras: Mat4 | undefined;
  let source: NiftiGeometrySource = 'pixdim';
  let fallback: string | undefined;
  if (h.sformCode > 0) {
    const s = sformRas(h);
    if (isUsable(s)) {
      ras = s;
      source = 'sform';
    } else {
      fallback = `sform_code ${h.sformCode} but the sform is singular`;
    }
  }
  if (!ras && h.qformCode > 0) {
    ras = qformRas(h);
    source = 'qform';
  }
  if (!ras) {
    ras = mat4Identity();
    ras[0] = positive(h.pixdim[1]);
    ras[5] = positive(h.pixdim[2]);
    ras[10] = positive(h.pixdim[3]);
  }
  const mmPerUnit = niftiMmPerUnit(h.xyztUnits);
  if (mmPerUnit !== 1) for (let n = 0; n < 15; n++) if (n % 4 !== 3) ras[n] *= mmPerUnit;
  return { indexToWorld: mat4FlipLpsRas(ras), source, mmPerUnit, fallback };
}

/** The NIfTI transforms of an LPS matrix: sform rows (RAS) and, when the axes are orthogonal, the qform. */
export interface NiftiTransforms {
  /** srow_x, srow_y, srow_z (row-major 3×4, RAS mm). */
  srow: number[];
  /** Voxel sizes (column lengths), mm. */
  pixdim: Vec3;
  /** Undefined when the axes are sheared: a qform can only hold rotation, scale and a flip. */
  qform?: { quatern: [number, number, number]; qoffset: [number, number, number]; qfac: 1 | -1 };
}

/** Express an LPS indexToWorld as NIfTI sform rows and (when orthogonal within 1e-6) a qform. */
export function niftiTransforms(indexToWorldLps: Mat4): NiftiTransforms {
  const ras = mat4FlipLpsRas(indexToWorldLps);
  const srow: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) srow.push(ras[c * 4 + r]);
  const pixdim: Vec3 = [0, 0, 0];
  const R = new Float64Array(9); // column-major unit axes
  for (let c = 0; c < 3; c++) {
    pixdim[c] = Math.hypot(ras[c * 4], ras[c * 4 + 1], ras[c * 4 + 2]);
    for (let r = 0; r < 3; r++) R[c * 3 + r] = ras[c * 4 + r] / (pixdim[c] || 1);
  }
  const dot = (a: number, b: number) => R[a * 3] * R[b * 3] + R[a * 3 + 1] * R[b * 3 + 1] + R[a * 3 + 2] * R[b * 3 + 2];
  if (Math.abs(dot(0, 1)) > 1e-6 || Math.abs(dot(0, 2)) > 1e-6 || Math.abs(dot(1, 2)) > 1e-6) return { srow, pixdim };
  const det = R[0] * (R[4] * R[8] - R[7] * R[5]) - R[3] * (R[1] * R[8] - R[7] * R[2]) + R[6] * (R[1] * R[5] - R[4] * R[2]);
  const qfac: 1 | -1 = det < 0 ? -1 : 1;
  if (qfac < 0) for (let r = 0; r < 3; r++) R[6 + r] = -R[6 + r];
  // Element (row r, col c) of R is R[c*3 + r]; quaternion of a proper rotation (Shepperd's method).
  const r00 = R[0], r11 = R[4], r22 = R[8];
  const r01 = R[3], r02 = R[6], r10 = R[1], r12 = R[7], r20 = R[2], r21 = R[5];
  const trace = r00 + r11 + r22;
  let a: number, b: number, c: number, d: number;
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace);
    a = s / 4; b = (r21 - r12) / s; c = (r02 - r20) / s; d = (r10 - r01) / s;
  } else if (r00 > r11 && r00 > r22) {
    const s = 2 * Math.sqrt(1 + r00 - r11 - r22);
    a = (r21 - r12) / s; b = s / 4; c = (r01 + r10) / s; d = (r02 + r20) / s;
  } else if (r11 > r22) {
    const s = 2 * Math.sqrt(1 + r11 - r00 - r22);
    a = (r02 - r20) / s; b = (r01 + r10) / s; c = s / 4; d = (r12 + r21) / s;
  } else {
    const s = 2 * Math.sqrt(1 + r22 - r00 - r11);
    a = (r10 - r01) / s; b = (r02 + r20) / s; c = (r12 + r21) / s; d = s / 4;
  }
  // NIfTI stores only (b, c, d) and derives a = sqrt(1 − b² − c² − d²) ≥ 0.
  if (a < 0) { b = -b; c = -c; d = -d; }
  return { srow, pixdim, qform: { quatern: [b, c, d], qoffset: [ras[12], ras[13], ras[14]], qfac } };
}
