import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { fillHoles } from '../../../src/segmentation/algorithms/fillHoles.ts';
import { fillHolesInAllSlices, fillHolesInSlices } from '../../../src/segmentation/ct/fillHolesInSlices.ts';

const PLANES = ['sagittal', 'coronal', 'axial'] as const;

function randomMasks(dims: Dims3, count: number, density: number): Uint8Array[] {
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const n = dims[0] * dims[1] * dims[2];
  return Array.from({ length: count }, () => Uint8Array.from({ length: n }, () => (rand() < density ? 1 : 0)));
}

describe('fillHolesInSlices', () => {
  it('gives exactly what fillHoles gives slice-wise across each index axis (random masks)', () => {
    const dims: Dims3 = [13, 11, 9];
    for (const m of randomMasks(dims, 4, 0.45)) {
      for (const axis of [0, 1, 2] as const) {
        const out = m.slice();
        fillHolesInSlices(out, dims, axis);
        expect(out).toEqual(fillHoles(m, dims, { slicewise: PLANES[axis] }));
      }
    }
  });

  it('never fills spared voxels, and leaves a hole open where it touches an outside voxel', () => {
    // One slice: a 5 × 5 ring around a 3 × 3 hole.
    const dims: Dims3 = [5, 5, 1];
    const ring = Uint8Array.from({ length: 25 }, (_, p) => (p % 5 === 0 || p % 5 === 4 || p < 5 || p >= 20 ? 1 : 0));
    const centre = new Uint8Array(25);
    centre[12] = 1;
    const spared = ring.slice();
    expect(fillHolesInSlices(spared, dims, 2, { spared: centre })).toBe(8);
    expect(spared[12]).toBe(0);
    const opened = ring.slice();
    expect(fillHolesInSlices(opened, dims, 2, { outside: centre })).toBe(0);
  });
});

describe('fillHolesInAllSlices', () => {
  it('fills until no slice of any orientation has a hole: the fixed point of fillHoles in the three planes', () => {
    const dims: Dims3 = [12, 10, 9];
    let moreThanOnePass = false;
    for (const m of randomMasks(dims, 8, 0.42)) {
      const out = m.slice();
      fillHolesInAllSlices(out, dims);
      // Reference: fillHoles plane by plane, repeated until nothing changes.
      let ref: Uint8Array = m.slice(), passes = 0;
      for (let before = -1, count = 0; count !== before; passes++) {
        before = count;
        for (const plane of PLANES) ref = fillHoles(ref, dims, { slicewise: plane });
        count = ref.reduce((s, v) => s + v, 0);
      }
      expect(out).toEqual(ref);
      if (passes > 2) moreThanOnePass = true;
    }
    // The random masks include cavities that one pass over the three planes leaves open.
    expect(moreThanOnePass).toBe(true);
  });
});
