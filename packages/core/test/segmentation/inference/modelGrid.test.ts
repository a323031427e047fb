import { describe, expect, it } from 'vitest';
import { mat4FromColumns, transformPoint } from '../../../src/math/Mat4.ts';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { integralMapping, modelGrid, tensorAxis, tensorGrid } from '../../../src/segmentation/inference/modelGrid.ts';
import { orientationCode } from '../../../src/volume/orientation.ts';
import { plain } from '../../util/thrown.ts';

const grid = (dimensions: Dims3, i: Vec3, j: Vec3, k: Vec3, origin: Vec3) => ({ dimensions, indexToWorld: mat4FromColumns(i, j, k, origin) });
/** t1_crop.nii.gz's geometry in LPS (MANIFEST.md: srow [-1 0 0 127.6; 0 0 1 -133.48; 0 -1 0 134.48], RAS). */
const conformed = grid([256, 256, 256], [1, 0, 0], [0, 0, -1], [0, -1, 0], [-127.6, 133.48, 134.48]);
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => Array.from(a).every((x, n) => Math.abs(x - b[n]) <= tol);

describe('modelGrid', () => {
  it('maps a volume already conformed to 256³ 1 mm LIA onto itself, voxel for voxel', () => {
    const g = modelGrid(conformed, { orientation: 'LIA', spacingMm: [1, 1, 1], shape: [256, 256, 256] });
    expect(g.dimensions).toEqual([256, 256, 256]);
    expect(close(g.indexToWorld, conformed.indexToWorld, 1e-9)).toBe(true);
    expect(plain(integralMapping(conformed, g)!)).toEqual(plain(mat4FromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0])));
  });

  it('conforms an axial 2 mm LPS volume as FreeSurfer does: LIA axes, 1 mm, its voxel dims/2 on model voxel 128', () => {
    const axial = grid([100, 80, 50], [2, 0, 0], [0, 2, 0], [0, 0, 2], [-99, -79, -40]);
    const g = modelGrid(axial, { orientation: 'LIA', spacingMm: [1, 1, 1], shape: [256, 256, 256] });
    expect(orientationCode(g.indexToWorld)).toBe('LIA');
    const centre = transformPoint(axial.indexToWorld, [50, 40, 25]);
    expect(close(transformPoint(g.indexToWorld, [128, 128, 128]), centre, 1e-9)).toBe(true);
    expect(plain(g.indexToWorld.subarray(0, 12))).toEqual([1, 0, 0, 0, 0, 0, -1, 0, 0, -1, 0, 0]);
  });

  it('without a fixed shape covers the input: an LPS volume reoriented to LIA is a permutation of it', () => {
    const lps = grid([10, 20, 30], [1, 0, 0], [0, 1, 0], [0, 0, 1], [5, 6, 7]);
    const g = modelGrid(lps, { orientation: 'LIA', spacingMm: 'as-is' });
    expect(g.dimensions).toEqual([10, 30, 20]);
    const m = integralMapping(lps, g)!;
    // Model j runs inferior (input k downwards), model k anterior (input j downwards): (i, j, k) → (i, 19 − k, 29 − j).
    expect(plain(transformPoint(m, [0, 0, 0]))).toEqual([0, 19, 29]);
    expect(plain(transformPoint(m, [9, 29, 19]))).toEqual([9, 0, 0]);
  });

  it('takes each model axis’s spacing from the closest input axis when spacing is as-is', () => {
    const aniso = grid([200, 200, 40], [0.7, 0, 0], [0, 0.7, 0], [0, 0, 3], [0, 0, 0]);
    const g = modelGrid(aniso, { orientation: 'LIA', spacingMm: 'as-is' });
    expect(g.dimensions).toEqual([200, 40, 200]);
    expect(plain([g.indexToWorld[0], g.indexToWorld[6], g.indexToWorld[9]])).toEqual([0.7, -3, -0.7]);
  });

  it('pads axes shorter than the window by whole voxels, centred, so the mapping stays exact', () => {
    const small = grid([10, 20, 30], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]);
    const g = modelGrid(small, { orientation: 'as-is', spacingMm: 'as-is' }, [16, 16, 16]);
    expect(g.dimensions).toEqual([16, 20, 30]);
    expect(plain(transformPoint(integralMapping(small, g)!, [3, 0, 0]))).toEqual([0, 0, 0]);
  });
});

describe('tensorGrid', () => {
  it('is the grid itself for xyz and the grid with axes k, j, i for zyx', () => {
    const g = grid([4, 5, 6], [1, 0, 0], [0, 2, 0], [0, 0, 3], [1, 2, 3]);
    expect(tensorGrid(g, 'xyz').dimensions).toEqual([4, 5, 6]);
    const t = tensorGrid(g, 'zyx');
    expect(t.dimensions).toEqual([6, 5, 4]);
    // Tensor-grid voxel (a, b, c) is model voxel (c, b, a).
    expect(plain(transformPoint(t.indexToWorld, [5, 4, 3]))).toEqual(plain(transformPoint(g.indexToWorld, [3, 4, 5])));
    expect([0, 1, 2].map((a) => tensorAxis(a, 'zyx'))).toEqual([2, 1, 0]);
  });
});

describe('integralMapping', () => {
  it('is undefined for a half-voxel shift or a different spacing', () => {
    const a = grid([4, 4, 4], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]);
    expect(integralMapping(a, grid([4, 4, 4], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0.5, 0, 0]))).toBeUndefined();
    expect(integralMapping(a, grid([4, 4, 4], [2, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]))).toBeUndefined();
  });
});
