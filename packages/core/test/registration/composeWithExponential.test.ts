import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../src/math/Mat4.ts';
import { composeWithExponential } from '../../src/registration/composeWithExponential.ts';
import { createDisplacementField } from '../../src/registration/DisplacementField.ts';

const dims: [number, number, number] = [10, 9, 8];
const count = 10 * 9 * 8;
const planes = (x: number, y: number, z: number) => [new Float32Array(count).fill(x), new Float32Array(count).fill(y), new Float32Array(count).fill(z)];
const scratch = (): [Float32Array[], Float32Array[]] => [planes(0, 0, 0), planes(0, 0, 0)];
// 2 mm isotropic grid: LPS → index divides by 2.
const grid = { dimensions: dims, indexToWorld: mat4FromColumns([2, 0, 0], [0, 2, 0], [0, 0, 2], [0, 0, 0]) };
const worldToIndex = new Float64Array([0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5]);

describe('composeWithExponential', () => {
  it('adds a uniform update to a uniform field exactly (translations compose by addition)', () => {
    const field = createDisplacementField(grid);
    field.components.forEach((c, a) => c.fill([1, -2, 0.5][a]));
    composeWithExponential(field, planes(0.6, 0.2, -0.4), worldToIndex, scratch());
    expect(field.components.map((c) => +c[123].toFixed(5))).toEqual([1.6, -1.8, 0.1]);
  });

  it('squares a long update into steps of at most half a voxel and still lands on it (3 mm = 1.5 voxels)', () => {
    const field = createDisplacementField(grid);
    composeWithExponential(field, planes(3, 0, 0), worldToIndex, scratch());
    expect(field.components[0][200]).toBeCloseTo(3, 5);
  });
});
