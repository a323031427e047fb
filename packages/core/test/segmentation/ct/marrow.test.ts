import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { ctContext } from '../../../src/segmentation/ct/ctContext.ts';
import { fillMarrow } from '../../../src/segmentation/ct/marrow.ts';
import { createVolume } from '../../../src/volume/Volume.ts';

/**
 * Two tubes through the whole height of a 1 mm grid, as in axial slices of a long bone and of the
 * spine: a square cortex 1 voxel thick around a 12 × 12 cavity, with a 4 mm slit down one side
 * (a gap in every axial slice; coronal and sagittal slices of a tube open at both ends), and a
 * closed ring around the canal.
 */
function tubes(): { dims: Dims3; bone: Uint8Array; canal: Uint8Array; cavity: number; canalCentre: number } {
  const dims: Dims3 = [40, 20, 10];
  const [nx, ny, nz] = dims;
  const bone = new Uint8Array(nx * ny * nz), canal = new Uint8Array(bone.length);
  for (let k = 0; k < nz; k++) {
    for (let j = 3; j <= 16; j++) {
      for (let i = 3; i <= 16; i++) {
        const wall = i === 3 || i === 16 || j === 3 || j === 16;
        const slit = i === 16 && j >= 8 && j <= 11;
        if (wall && !slit) bone[i + nx * (j + ny * k)] = 1;
      }
      for (let i = 23; i <= 36; i++) {
        const p = i + nx * (j + ny * k);
        if (i === 23 || i === 36 || j === 3 || j === 16) bone[p] = 1;
        else canal[p] = 1;
      }
    }
  }
  return { dims, bone, canal, cavity: 9 + nx * (9 + ny * 5), canalCentre: 29 + nx * (9 + ny * 5) };
}

describe('fillMarrow', () => {
  const { dims, bone, canal, cavity, canalCentre } = tubes();
  const ctx = ctContext(createVolume({ dimensions: dims, voxels: new Float32Array(bone.length) }), 'test');

  it('fills a cavity behind a cortex gap up to twice the closing radius, and not the voxels the closing bridges', () => {
    const withClosing = bone.slice();
    fillMarrow(ctx, withClosing, canal, 3);
    expect(withClosing[cavity]).toBe(1);
    expect(withClosing[4 + 40 * (4 + 20 * 5)]).toBe(1); // next to the cortex
    expect(withClosing[16 + 40 * (9 + 20 * 5)]).toBe(0); // in the slit
    const without = bone.slice();
    fillMarrow(ctx, without, canal, 0);
    expect(without[cavity]).toBe(0);
  });

  it('leaves the spinal canal empty', () => {
    const m = bone.slice();
    fillMarrow(ctx, m, canal, 3);
    expect(m[canalCentre]).toBe(0);
  });
});
