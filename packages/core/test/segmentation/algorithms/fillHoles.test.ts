import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../../src/math/Mat4.ts';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { fillHoles } from '../../../src/segmentation/algorithms/fillHoles.ts';
import { at, countOn, fillBox } from './testGrids.ts';

const dims: Dims3 = [10, 10, 10];
/** A closed box shell from 2 to 7 (6³ = 216 voxels, 4³ = 64 of them inside). */
const shell = () => fillBox(fillBox(new Uint8Array(1000), dims, [2, 2, 2], [7, 7, 7]), dims, [3, 3, 3], [6, 6, 6], 0);

describe('fillHoles', () => {
  it('fills a closed cavity', () => {
    const out = fillHoles(shell(), dims);
    expect(countOn(out)).toBe(216);
    expect(out[at(dims, 4, 4, 4)]).toBe(1);
  });

  it('leaves a cavity open to the border through a face-connected tunnel', () => {
    const m = shell();
    m[at(dims, 4, 4, 2)] = 0;
    const out = fillHoles(m, dims);
    expect(countOn(out)).toBe(216 - 64 - 1); // the wall less the tunnel voxel: nothing filled
    expect(out[at(dims, 4, 4, 4)]).toBe(0);
  });

  it('treats a wall closed only through edges as closed (the background floods through faces)', () => {
    const m = shell();
    // Replace the wall voxel (4,4,2) by a diagonal step: the cavity touches the outside only via an edge.
    m[at(dims, 4, 4, 2)] = 0;
    m[at(dims, 4, 4, 1)] = 1;
    m[at(dims, 4, 4, 3)] = 1;
    const out = fillHoles(m, dims);
    expect(out[at(dims, 4, 4, 4)]).toBe(1);
    expect(out[at(dims, 4, 4, 2)]).toBe(1);
  });

  it('fills a tube only slice by slice across its axis', () => {
    // A square tube along k, open at both ends: no 3D hole, but a hole in every axial slice.
    const m = fillBox(fillBox(new Uint8Array(1000), dims, [2, 2, 0], [7, 7, 9]), dims, [3, 3, 0], [6, 6, 9], 0);
    expect(countOn(fillHoles(m, dims))).toBe(countOn(m));
    expect(countOn(fillHoles(m, dims, { slicewise: 'axial' }))).toBe(360);
    expect(countOn(fillHoles(m, dims, { slicewise: 'coronal' }))).toBe(countOn(m));
  });

  it('finds the axial index axis from indexToWorld', () => {
    // Tube along i; i's step points along S, so axial slices are across i.
    const m = fillBox(fillBox(new Uint8Array(1000), dims, [0, 2, 2], [9, 7, 7]), dims, [0, 3, 3], [9, 6, 6], 0);
    const sagittalAcquired = mat4FromColumns([0, 0, 1.5], [0, 1, 0], [1, 0, 0], [0, 0, 0]);
    expect(countOn(fillHoles(m, dims, { slicewise: 'axial', indexToWorld: sagittalAcquired }))).toBe(360);
    expect(countOn(fillHoles(m, dims, { slicewise: 'axial' }))).toBe(countOn(m));
  });

  it('fills in place and rejects an unknown plane', () => {
    const m = shell();
    expect(fillHoles(m, dims, { out: m })).toBe(m);
    expect(countOn(m)).toBe(216);
    expect(() => fillHoles(m, dims, { slicewise: 'oblique' as 'axial' })).toThrow(/slicewise 'oblique'/);
  });
});
