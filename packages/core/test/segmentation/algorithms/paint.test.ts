import { describe, expect, it } from 'vitest';
import { mat4FromColumns, mat4Identity, transformPoint } from '../../../src/math/Mat4.ts';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { paintCircle, paintSphere } from '../../../src/segmentation/algorithms/paint.ts';
import { at, countOn } from './testGrids.ts';

/** An oblique grid: spacing 0.8 × 1.1 × 2 mm, rotated 30° about z and 20° about x. */
function obliqueMatrix(): Float64Array {
  const a = Math.PI / 6, b = Math.PI / 9;
  const rz = (v: Vec3): Vec3 => [Math.cos(a) * v[0] - Math.sin(a) * v[1], Math.sin(a) * v[0] + Math.cos(a) * v[1], v[2]];
  const rx = (v: Vec3): Vec3 => [v[0], Math.cos(b) * v[1] - Math.sin(b) * v[2], Math.sin(b) * v[1] + Math.cos(b) * v[2]];
  const col = (v: Vec3, s: number) => rx(rz([v[0] * s, v[1] * s, v[2] * s]));
  return mat4FromColumns(col([1, 0, 0], 0.8), col([0, 1, 0], 1.1), col([0, 0, 1], 2), [-20, 10, 5]);
}

/** Brute force: every voxel centre, transformed to LPS, tested against `inside`. */
function brute(dims: Dims3, m: Float64Array, inside: (p: Vec3) => boolean): Uint8Array {
  const out = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
    if (inside(transformPoint(m, [i, j, k]))) out[at(dims, i, j, k)] = 1;
  }
  return out;
}

describe('paintSphere', () => {
  it('paints the digital ball on a 1 mm grid and returns its box', () => {
    const dims: Dims3 = [41, 41, 41];
    const mask = new Uint8Array(41 ** 3);
    const box = paintSphere(mask, dims, mat4Identity(), [20, 20, 20], 10, 3);
    // 4169 integer points lie within radius 10 (Gauss's sphere problem).
    expect(countOn(mask)).toBe(4169);
    expect(mask[at(dims, 30, 20, 20)]).toBe(3);
    expect(box).toEqual({ lo: [10, 10, 10], hi: [30, 30, 30] });
  });

  it('matches brute force on an oblique anisotropic grid, and the ball volume within 3%', () => {
    const dims: Dims3 = [50, 40, 20];
    const m = obliqueMatrix();
    const c = transformPoint(m, [24.6, 19.3, 10.2]); // near the grid's centre, off the voxel centres
    const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
    paintSphere(mask, dims, m, c, 9, 1);
    const ref = brute(dims, m, (p) => (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2 <= 81);
    expect(Array.from(mask)).toEqual(Array.from(ref));
    // Voxel volume 0.8·1.1·2 = 1.76 mm³; the ball 4/3·π·9³ ≈ 3053.6 mm³.
    expect(Math.abs(countOn(mask) * 1.76 - (4 / 3) * Math.PI * 729) / 3053.6).toBeLessThan(0.03);
  });

  it('erases with value 0, respects the editable mask, and marks one voxel for a tiny brush', () => {
    const dims: Dims3 = [9, 9, 9];
    const mask = new Uint8Array(729).fill(1);
    const editable = new Uint8Array(729);
    editable.fill(1, 0, 729 / 9 * 4); // slices k < 4
    paintSphere(mask, dims, mat4Identity(), [4, 4, 4], 1, 0, { editable });
    expect(countOn(mask)).toBe(729 - 1); // of the 7 voxels in the 1 mm ball only (4,4,3) is editable
    expect(mask[at(dims, 4, 4, 3)]).toBe(0);
    const fresh = new Uint8Array(729);
    expect(paintSphere(fresh, dims, mat4Identity(), [2.2, 3.3, 4.4], 0.1, 1)).toEqual({ lo: [2, 3, 4], hi: [2, 3, 4] });
    expect(countOn(fresh)).toBe(1);
  });

  it('returns null when the brush misses the grid', () => {
    expect(paintSphere(new Uint8Array(27), [3, 3, 3], mat4Identity(), [50, 0, 0], 2, 1)).toBeNull();
  });
});

describe('paintCircle', () => {
  it('paints a disc on exactly one slice for an axial view, even between slices', () => {
    const dims: Dims3 = [31, 31, 11];
    const mask = new Uint8Array(31 * 31 * 11);
    const box = paintCircle(mask, dims, mat4Identity(), [15, 15, 5.5], [0, 0, 1], 10, 1);
    // 317 integer points lie in the disc x² + y² ≤ 100; [−½, ½) around 5.5 holds slice 5 only.
    expect(countOn(mask)).toBe(317);
    expect(box).toEqual({ lo: [5, 5, 5], hi: [25, 25, 5] });
  });

  it('paints one voxel per line along the axis nearest an oblique normal, as brute force', () => {
    const dims: Dims3 = [50, 40, 20];
    const m = obliqueMatrix();
    const c = transformPoint(m, [24.6, 19.3, 10.2]);
    const n0: Vec3 = [0.3, -0.5, 0.8];
    const l = Math.hypot(...n0);
    const n: Vec3 = [n0[0] / l, n0[1] / l, n0[2] / l];
    const mask = new Uint8Array(dims[0] * dims[1] * dims[2]);
    paintCircle(mask, dims, m, c, n0, 12, 1);
    const proj = [0, 1, 2].map((a) => Math.abs(m[a * 4] * n[0] + m[a * 4 + 1] * n[1] + m[a * 4 + 2] * n[2]));
    const half = Math.max(...proj) / 2;
    const ref = brute(dims, m, (p) => {
      const q: Vec3 = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
      const d = q[0] * n[0] + q[1] * n[1] + q[2] * n[2];
      return d >= -half && d < half && q[0] ** 2 + q[1] ** 2 + q[2] ** 2 - d * d <= 144;
    });
    expect(Array.from(mask)).toEqual(Array.from(ref));
    expect(countOn(mask)).toBeGreaterThan(100);
    // One voxel thick: no line along the dominant axis holds two painted voxels.
    const a = proj.indexOf(Math.max(...proj));
    const other = [0, 1, 2].filter((x) => x !== a);
    for (let v = 0; v < dims[other[1]]; v++) for (let u = 0; u < dims[other[0]]; u++) {
      let hits = 0;
      for (let t = 0; t < dims[a]; t++) {
        const ijk = [0, 0, 0];
        ijk[a] = t;
        ijk[other[0]] = u;
        ijk[other[1]] = v;
        hits += mask[at(dims, ijk[0], ijk[1], ijk[2])];
      }
      expect(hits).toBeLessThanOrEqual(1);
    }
  });

  it('paints a disc in a sagittal view of an axial grid (rows along the normal)', () => {
    const dims: Dims3 = [11, 31, 31];
    const mask = new Uint8Array(11 * 31 * 31);
    paintCircle(mask, dims, mat4Identity(), [5, 15, 15], [1, 0, 0], 10, 1);
    expect(countOn(mask)).toBe(317);
    for (let k = 0; k < 31; k++) for (let j = 0; j < 31; j++) expect(mask[at(dims, 4, j, k)] + mask[at(dims, 6, j, k)]).toBe(0);
  });

  it('rejects a zero normal', () => {
    expect(() => paintCircle(new Uint8Array(8), [2, 2, 2], mat4Identity(), [0, 0, 0], [0, 0, 0], 1, 1)).toThrow(/normal/);
  });
});
