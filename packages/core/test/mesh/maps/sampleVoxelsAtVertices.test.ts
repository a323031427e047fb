import { describe, expect, it } from 'vitest';
import { isVoxaError } from '../../../src/errors/VoxaError.ts';
import { mat4FromColumns, mat4Invert } from '../../../src/math/Mat4.ts';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { labelToMesh } from '../../../src/mesh/labelToMesh.ts';
import { sampleVoxelsAtVertices } from '../../../src/mesh/maps/sampleVoxelsAtVertices.ts';
import { smoothMesh } from '../../../src/mesh/smoothMesh.ts';
import { ball, rasterize } from '../meshGrids.ts';
import { mulberry32 } from '../../util/mulberry32.ts';

describe('sampleVoxelsAtVertices', () => {
  const dims: Dims3 = [20, 18, 16];
  const indexToWorld = mat4FromColumns([0, 0.6, 0], [0, 0, -0.6], [-1.2, 0, 0], [10, -5, 8]); // sagittal, anisotropic

  it('reproduces a linear field exactly without a mask (trilinear interpolation)', () => {
    const field = new Float32Array(dims[0] * dims[1] * dims[2]);
    for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) field[i + dims[0] * (j + dims[1] * k)] = 2 * i + 3 * j - k;
    const rand = mulberry32(3);
    const positions = new Float32Array(300);
    for (let v = 0; v < 100; v++) {
      const i = 1 + rand() * 17, j = 1 + rand() * 15, k = 1 + rand() * 13;
      positions.set([indexToWorld[0] * i + indexToWorld[4] * j + indexToWorld[8] * k + indexToWorld[12], indexToWorld[1] * i + indexToWorld[5] * j + indexToWorld[9] * k + indexToWorld[13], indexToWorld[2] * i + indexToWorld[6] * j + indexToWorld[10] * k + indexToWorld[14]], 3 * v);
    }
    const values = sampleVoxelsAtVertices({ positions, indices: new Uint32Array(0) }, field, dims, indexToWorld);
    const w = mat4Invert(indexToWorld);
    for (let v = 0; v < 100; v++) {
      const [x, y, z] = positions.subarray(3 * v, 3 * v + 3);
      const i = w[0] * x + w[4] * y + w[8] * z + w[12], j = w[1] * x + w[5] * y + w[9] * z + w[13], k = w[2] * x + w[6] * y + w[10] * z + w[14];
      expect(values[v]).toBeCloseTo(2 * i + 3 * j - k, 3);
    }
  });

  it('reads a map defined inside a label at its surface without the zeros outside diluting it', () => {
    const g = rasterize(dims, indexToWorld, ball([4.4, -0.2, 3.1], 3.5));
    const map = Float32Array.from(g.labels, (l) => (l === 1 ? 7 : 0));
    const mesh = smoothMesh(labelToMesh(g.labels, dims, indexToWorld, 1));
    const masked = sampleVoxelsAtVertices(mesh, map, dims, indexToWorld, { labels: g.labels, value: 1 });
    expect(masked.length).toBeGreaterThan(100);
    for (const v of masked) expect(v).toBe(7);
    // Unmasked, the surface lies half way between 7 and 0.
    const plain = sampleVoxelsAtVertices(mesh, map, dims, indexToWorld);
    const mean = plain.reduce((a, b) => a + b, 0) / plain.length;
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(5);
  });

  it('refuses a map of the wrong size and gives NaN off the grid', () => {
    const map = new Float32Array(dims[0] * dims[1] * dims[2]);
    const far = { positions: Float32Array.from([1000, 1000, 1000]), indices: new Uint32Array(0) };
    expect(Number.isNaN(sampleVoxelsAtVertices(far, map, dims, indexToWorld)[0])).toBe(true);
    try {
      sampleVoxelsAtVertices(far, map.subarray(1), dims, indexToWorld);
      expect.unreachable();
    } catch (e) {
      expect(isVoxaError(e) && e.code).toBe('VOXA_ERR_GRID_MISMATCH');
    }
  });
});
