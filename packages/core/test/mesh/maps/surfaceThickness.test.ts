import { describe, expect, it } from 'vitest';
import { labelToMesh } from '../../../src/mesh/labelToMesh.ts';
import { surfaceThicknessMm } from '../../../src/mesh/maps/surfaceThickness.ts';
import { at, axisGrid } from '../meshGrids.ts';
import { concatMeshes } from '../export/meshFixtures.ts';
import { uvSphere } from './sphereMesh.ts';
import { thrownMessage } from '../../util/thrown.ts';

describe('surfaceThicknessMm', () => {
  it('gives the wall thickness of a spherical shell (10 mm outside, 7 mm inside) at every vertex, from both walls', () => {
    const shell = concatMeshes(uvSphere([1, 2, 3], 10, 128, 64), uvSphere([1, 2, 3], 7, 96, 48, true));
    const t = surfaceThicknessMm(shell);
    // Polyhedral walls sit inside their spheres by at most the sagitta, e²/(8r) ≤ 0.004 mm here.
    for (const value of t) expect(Math.abs(value - 3)).toBeLessThan(0.01);
  });

  it('measures a plate as thick as it is everywhere, also at its rim where the inward normal runs along the plate', () => {
    // A 30 × 24 × 3 mm plate of 1 mm voxels: marching cubes puts its faces exactly 3 mm apart.
    const dims: [number, number, number] = [34, 28, 7];
    const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
    for (let k = 2; k < 5; k++) for (let j = 2; j < 26; j++) for (let i = 2; i < 32; i++) labels[at(dims, i, j, k)] = 1;
    const plate = labelToMesh(labels, dims, axisGrid([1, 1, 1], [-10, 5, 20]), 1);
    const t = surfaceThicknessMm(plate);
    const rayOnly = surfaceThicknessMm(plate, { maxIterations: 0 });
    let face = 0;
    for (let v = 0; v < t.length; v++) {
      expect(t[v]).toBeLessThanOrEqual(3 + 1e-5);
      expect(t[v]).toBeGreaterThan(0.9);
      const z = plate.positions[3 * v + 2];
      const x = plate.positions[3 * v], y = plate.positions[3 * v + 1];
      // Vertices of the two large faces, away from the chamfered rim: exactly the plate.
      if ((Math.abs(z - 21.5) < 1e-6 || Math.abs(z - 24.5) < 1e-6) && x > -7 && x < 20 && y > 8 && y < 28) {
        face++;
        expect(t[v]).toBeCloseTo(3, 5);
      }
    }
    expect(face).toBe(2 * 26 * 19); // one vertex per grid column over the inner 26 × 19 mm of each face
    // Without shrinking, rim vertices would report the plate's length or width instead.
    expect(Math.max(...rayOnly)).toBeGreaterThan(20);
  });

  it('gives NaN where the inward ray finds no opposite surface (an open mesh) or a vertex has no normal', () => {
    const open = { positions: Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 5, 5, 5]), indices: Uint32Array.from([0, 1, 2]) };
    const t = surfaceThicknessMm(open);
    expect(Array.from(t).every(Number.isNaN)).toBe(true);
  });

  it('refuses bad options with a clear message', () => {
    const sphere = uvSphere([0, 0, 0], 5, 16, 8);
    expect(thrownMessage(() => surfaceThicknessMm(sphere, { minSeparationDeg: 180 }))).toMatch(/VOXA_ERR_BAD_ARGUMENT: .*minSeparationDeg must be in \[0, 180\)/);
    expect(thrownMessage(() => surfaceThicknessMm(sphere, { maxIterations: 1.5 }))).toMatch(/maxIterations must be an integer/);
    expect(thrownMessage(() => surfaceThicknessMm({ positions: new Float32Array(4), indices: new Uint32Array(0) }))).toMatch(/not a multiple of 3/);
  });
});
