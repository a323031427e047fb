import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { closingMm, openingMm } from '../../../src/segmentation/algorithms/openingClosing.ts';
import { at, countOn, fillBall, fillBox } from './testGrids.ts';

const dims: Dims3 = [30, 30, 30];

describe('openingMm', () => {
  it('removes a thin spike and keeps the ball it sticks out of', () => {
    const ball = fillBall(new Uint8Array(27000), dims, [12, 15, 15], 7);
    const m = ball.slice();
    for (let i = 19; i < 29; i++) m[at(dims, i, 15, 15)] = 1;
    const out = openingMm(m, dims, [1, 1, 1], 2);
    for (let i = 21; i < 29; i++) expect(out[at(dims, i, 15, 15)]).toBe(0);
    // The opening of a digital ball by a smaller ball loses only a few surface voxels.
    expect(countOn(out) / countOn(ball)).toBeGreaterThan(0.95);
    for (let p = 0; p < 27000; p++) if (out[p] && !m[p]) throw new Error('opening added a voxel');
  });
});

describe('closingMm', () => {
  it('bridges a one-voxel gap between two boxes; a 1 mm ball leaves the gap’s rim open', () => {
    const m = new Uint8Array(27000);
    fillBox(m, dims, [5, 5, 5], [12, 20, 20]);
    fillBox(m, dims, [14, 5, 5], [21, 20, 20]);
    const out = closingMm(m, dims, [1, 1, 1], 1);
    // The gap plane i = 13 faces 16 × 16 voxels of each box; its rim voxels have a background
    // face neighbour after the dilation (edge neighbours are √2 mm away), so only 14 × 14 fill.
    expect(countOn(out)).toBe(countOn(m) + 196);
    expect(out[at(dims, 13, 12, 12)]).toBe(1);
    expect(out[at(dims, 13, 5, 12)]).toBe(0);
  });

  it('only adds voxels and is idempotent', () => {
    const m = fillBall(new Uint8Array(27000), dims, [15, 15, 15], 9);
    for (let j = 10; j < 20; j++) m[at(dims, 15, j, 15)] = 0; // a notch
    const once = closingMm(m, dims, [1, 1, 1], 2);
    for (let p = 0; p < 27000; p++) if (m[p] && !once[p]) throw new Error('closing removed a voxel');
    expect(Array.from(closingMm(once, dims, [1, 1, 1], 2))).toEqual(Array.from(once));
    expect(once[at(dims, 15, 15, 15)]).toBe(1);
  });

  it('keeps a mask that touches the grid edge', () => {
    const m = fillBox(new Uint8Array(27000), dims, [0, 0, 0], [9, 29, 29]);
    expect(Array.from(closingMm(m, dims, [1, 1, 1], 3))).toEqual(Array.from(m));
  });
});
