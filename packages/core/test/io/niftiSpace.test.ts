import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mat4Invert, mat4Multiply } from '../../src/math/Mat4.ts';
import { readNifti } from '../../src/io/nifti/readNifti.ts';
import { resample } from '../../src/volume/resample.ts';
import type { Volume } from '../../src/volume/Volume.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';

const DIR = sharedData('niivue/packages/niivue/tests/images/nifti_space');
const FILES = HAS_SHARED ? readdirSync(DIR).filter((f) => f.endsWith('.nii.gz')).sort() : [];

const read = (f: string): Volume => readNifti(readFileSync(`${DIR}/${f}`), { file: f }).volumes[0];

describe.runIf(HAS_SHARED)('niivue nifti_space: one head stored in 48 axis orders and flips', () => {
  const ref = HAS_SHARED ? read('RAS.nii.gz') : undefined;

  it('has all 48 orientations, each with a different voxel order', () => {
    expect(FILES).toHaveLength(48);
    const patterns = new Set(FILES.map((f) => {
      const m = mat4Multiply(mat4Invert(ref!.indexToWorld), read(f).indexToWorld);
      return [0, 1, 2, 4, 5, 6, 8, 9, 10].map((n) => Math.round(m[n])).join(',');
    }));
    expect(patterns.size).toBe(48);
  });

  it.each(FILES)('%s maps onto the RAS grid by a signed permutation with integer offset', (f) => {
    const m = mat4Multiply(mat4Invert(ref!.indexToWorld), read(f).indexToWorld);
    // srow values are float32: offsets agree to ~0.002 mm, i.e. ~1e-3 voxel; allow 0.01.
    for (const n of [0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14]) expect(Math.abs(m[n] - Math.round(m[n]))).toBeLessThan(0.01);
    for (let c = 0; c < 3; c++) {
      const column = [m[c * 4], m[c * 4 + 1], m[c * 4 + 2]].map(Math.round);
      expect(column.filter((x) => x !== 0).map(Math.abs)).toEqual([1]);
    }
  });

  it.each(FILES)('%s resampled (nearest) onto the RAS grid equals RAS voxel for voxel', (f) => {
    const v = read(f);
    const onRef = resample(v, ref!, { interpolation: 'nearest' });
    expect(onRef.dimensions).toEqual(ref!.dimensions);
    let mismatches = 0;
    for (let n = 0; n < onRef.voxels.length; n++) if (onRef.voxels[n] !== ref!.voxels[n]) mismatches++;
    expect(mismatches).toBe(0);
  });
});
