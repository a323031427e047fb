import { VoxaError } from '../errors/VoxaError.ts';
import type { Vec3 } from '../math/Vec3.ts';
import type { Volume } from '../volume/Volume.ts';
import { voxelsInSphere } from './sphereVoxels.ts';

/** Options of `petLiverReference`. */
export interface PetLiverReferenceOptions {
  /** Sphere radius (mm): PERCIST 1.0's 3 cm diameter liver sphere. */
  radiusMm: number;
}

/** Defaults: the 3 cm diameter sphere. */
export const PET_LIVER_REFERENCE_DEFAULTS: Readonly<PetLiverReferenceOptions> = { radiusMm: 15 };

/** PERCIST's normal-liver reference of one PET, ready for `PetReference`. */
export interface PetLiverReference {
  liverSulMean: number;
  /** Sample standard deviation (n − 1). */
  liverSulSd: number;
  /** Voxels averaged (voxel-centre inclusion; NaN voxels left out). */
  voxelCount: number;
}

/**
 * Mean and SD of SUL in a sphere (3 cm diameter) at a point of normal right liver lobe (PERCIST
 * 1.0, Wahl 2009: the reference that decides measurability, 1.5 × mean + 2 SD, and whether two
 * scans are comparable). Voxels count when their centre is in the sphere; Welford's one-pass mean
 * and SD in float64. The caller chooses the point away from lesions and the liver's edge.
 *
 * @example
 * const sul = sulFactorOf(pet);
 * if (sul.available) timePoint.pet = petLiverReference(pet, rightLobeLps, sul.factor);
 */
export function petLiverReference(suv: Volume, centreLps: Vec3, sulFactor: number, options: Partial<PetLiverReferenceOptions> = {}): PetLiverReference {
  const o = { ...PET_LIVER_REFERENCE_DEFAULTS, ...options };
  if (suv.units !== 'SUVbw') throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `the liver reference needs a PET in SUVbw, the volume is in ${suv.units}`);
  if (!(sulFactor > 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `SUL factor ${sulFactor} must be > 0`);
  const voxels = voxelsInSphere(suv.dimensions, suv.indexToWorld, centreLps, o.radiusMm);
  let count = 0, mean = 0, m2 = 0;
  for (let n = 0; n < voxels.length; n++) {
    const x = suv.voxels[voxels[n]] * sulFactor;
    if (x !== x) continue; // NaN
    count++;
    const d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
  }
  if (count < 2) {
    const where = `(${centreLps.map((x) => x.toFixed(1)).join(', ')}) mm`;
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `the ${2 * o.radiusMm} mm liver sphere at ${where} holds ${count} PET voxel(s); is the point inside the PET?`);
  }
  return { liverSulMean: mean, liverSulSd: Math.sqrt(m2 / (count - 1)), voxelCount: count };
}
