import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../src/math/Mat4.ts';
import { petLiverReference } from '../../src/measure/petLiverReference.ts';
import { createVolume } from '../../src/volume/Volume.ts';
import { thrownMessage } from '../util/thrown.ts';

/** 2 mm isotropic SUVbw volume, 41³, LPS (0, 0, 0) at voxel (20, 20, 20), SUV = 2 + 0.02·x (x in mm): a ramp across the liver. */
function rampPet() {
  const v = createVolume({ dimensions: [41, 41, 41], units: 'SUVbw', indexToWorld: mat4FromColumns([2, 0, 0], [0, 2, 0], [0, 0, 2], [-40, -40, -40]) });
  for (let q = 0; q < v.voxels.length; q++) v.voxels[q] = 2 + 0.02 * (-40 + 2 * (q % 41));
  return v;
}

describe('petLiverReference', () => {
  const f = 0.8; // SUL factor LBM/weight

  it('gives the mean SUL of the 3 cm sphere: the ramp is odd about the centre, so mean = 2 × 0.8 exactly', () => {
    const ref = petLiverReference(rampPet(), [0, 0, 0], f);
    expect(ref.liverSulMean).toBeCloseTo(1.6, 5);
    // 1791 voxel centres of 2 mm voxels within 15 mm (14 328 mm³ against 4/3·π·15³ = 14 137 mm³).
    expect(ref.voxelCount).toBe(1791);
  });

  it('gives the SD of SUL within 1 % of the continuous ball: 0.8 × 0.02 × 15/√5 = 0.10733', () => {
    // For a uniform ball of radius r the variance of x is r²/5; the 2 mm lattice gives 0.1078 (+0.5 %).
    const ref = petLiverReference(rampPet(), [0, 0, 0], f);
    expect(Math.abs(ref.liverSulSd / (0.8 * 0.02 * 15 / Math.sqrt(5)) - 1)).toBeLessThan(0.01);
  });

  it('takes the sphere radius as an option', () => {
    // 1 cm diameter: 5 mm radius, lattice points with a² + b² + c² ≤ 6.25: 1 + 6 + 12 + 8 + 6 + 24 + 24 = 81.
    expect(petLiverReference(rampPet(), [0, 0, 0], f, { radiusMm: 5 }).voxelCount).toBe(81);
  });

  it('refuses a point outside the PET, naming it', () => {
    expect(thrownMessage(() => petLiverReference(rampPet(), [500, 0, 0], f))).toMatch(/30 mm liver sphere at \(500\.0, 0\.0, 0\.0\) mm holds 0 PET voxel/);
  });
});
