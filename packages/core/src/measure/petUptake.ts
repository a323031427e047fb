import { VoxaError } from '../errors/VoxaError.ts';
import { transformPoint } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import { type Volume, voxelVolumeMm3 } from '../volume/Volume.ts';
import { linearOffsets, sphereOffsets, voxelsInSphere } from './sphereVoxels.ts';

/**
 * Where a lesion is on the PET: a 0/1 mask on the PET's grid, or every voxel whose centre lies
 * within `radiusMm` of a click.
 */
export type UptakeRegion = { mask: Uint8Array } | { seedLps: Vec3; radiusMm: number };

/** Options of `petUptake`. */
export interface PetUptakeOptions {
  /** Radius of the peak sphere (mm). */
  peakRadiusMm: number;
}

/** Radius of a 1 cm³ sphere, (3/(4π))^⅓ cm: PERCIST 1.0's and QIBA's SULpeak volume. */
export const PEAK_SPHERE_RADIUS_MM = 10 * Math.cbrt(3 / (4 * Math.PI));

/** Defaults: the 1 cm³ sphere (radius 6.20 mm). */
export const PET_UPTAKE_DEFAULTS: Readonly<PetUptakeOptions> = { peakRadiusMm: PEAK_SPHERE_RADIUS_MM };

/** Uptake of one lesion on a PET in SUVbw. */
export interface PetUptake {
  /** Highest voxel SUVbw in the region. */
  suvMax: number;
  suvMaxLps: Vec3;
  /** Highest mean SUVbw of the peak sphere over the centres in the region. */
  suvPeak: number;
  /** suvPeak × SUL factor (LBM/weight); null when no factor was given. */
  sulPeak: number | null;
  /** Centre of the peak sphere, LPS mm (a voxel centre in the region). */
  peakCentreLps: Vec3;
  /** Voxels the peak sphere averages (voxel-centre inclusion) and their volume (mm³; 1000 in the limit of small voxels). */
  peakVoxelCount: number;
  peakVolumeMm3: number;
  regionVoxelCount: number;
}

/**
 * SUVmax and SULpeak of a lesion (PERCIST 1.0, Wahl 2009; QIBA FDG-PET/CT profile). SULpeak is
 * the highest mean of a 1 cm³ sphere whose centre lies in the region, not necessarily at the
 * hottest voxel; centres are the region's voxel centres, and a voxel is in the sphere when its
 * centre is (no fractional weights: the sphere is `peakVoxelCount` whole voxels, reported with
 * its volume). Near the grid's edge the sphere averages the voxels it has; NaN voxels are skipped;
 * of equal means the first centre in voxel order wins. `sulFactor` is LBM/weight (`sulFactorOf`):
 * SUL = SUVbw × factor.
 *
 * @example
 * const sul = sulFactorOf(pet);
 * const { suvMax, sulPeak } = petUptake(pet, { mask: lesionOnPet }, sul.available ? sul.factor : null);
 */
export function petUptake(suv: Volume, region: UptakeRegion, sulFactor: number | null, options: Partial<PetUptakeOptions> = {}): PetUptake {
  const o = { ...PET_UPTAKE_DEFAULTS, ...options };
  if (suv.units !== 'SUVbw') throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `petUptake needs a PET in SUVbw, the volume is in ${suv.units} (was SUV_UNAVAILABLE warned on load?)`);
  if (suv.components !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'petUptake needs a scalar volume');
  const [nx, ny, nz] = suv.dimensions;
  const a = suv.voxels, plane = nx * ny;
  const centres = regionVoxels(suv, region);
  if (centres.length === 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the uptake region holds no voxel of the PET grid');
  const sphere = sphereOffsets(suv.indexToWorld, o.peakRadiusMm);
  const lin = linearOffsets(sphere, nx, ny);
  const [ei, ej, ek] = sphere.halfExtent;
  let suvMax = -Infinity, maxAt = -1, suvPeak = -Infinity, peakAt = -1, peakCount = 0;
  for (let n = 0; n < centres.length; n++) {
    const c = centres[n];
    const v = a[c];
    if (v > suvMax) { suvMax = v; maxAt = c; }
    const i = c % nx, j = ((c - i) / nx) % ny, k = (c - i - nx * j) / plane;
    let sum = 0, count = 0;
    if (i >= ei && i < nx - ei && j >= ej && j < ny - ej && k >= ek && k < nz - ek) {
      for (let s = 0; s < lin.length; s++) {
        const x = a[c + lin[s]];
        if (x === x) { sum += x; count++; } // x === x: not NaN
      }
    } else {
      const d = sphere.ijk;
      for (let s = 0; s < sphere.count; s++) {
        const ii = i + d[3 * s], jj = j + d[3 * s + 1], kk = k + d[3 * s + 2];
        if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
        const x = a[ii + nx * jj + plane * kk];
        if (x === x) { sum += x; count++; }
      }
    }
    if (count > 0 && sum / count > suvPeak) { suvPeak = sum / count; peakAt = c; peakCount = count; }
  }
  if (maxAt < 0 || peakAt < 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'every PET voxel of the uptake region is NaN');
  const voxelMm3 = voxelVolumeMm3(suv);
  return {
    suvMax, suvMaxLps: worldOf(suv, maxAt),
    suvPeak, sulPeak: sulFactor === null ? null : suvPeak * sulFactor, peakCentreLps: worldOf(suv, peakAt),
    peakVoxelCount: peakCount, peakVolumeMm3: peakCount * voxelMm3, regionVoxelCount: centres.length,
  };
}

/** Linear indices of the region's voxels. */
function regionVoxels(v: Volume, region: UptakeRegion): Uint32Array {
  const [nx, ny, nz] = v.dimensions;
  if ('mask' in region) {
    const m = region.mask;
    if (m.length !== nx * ny * nz) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `the uptake mask has ${m.length} voxels; the PET grid ${nx}×${ny}×${nz} needs ${nx * ny * nz}`);
    let count = 0;
    for (let n = 0; n < m.length; n++) if (m[n]) count++;
    const out = new Uint32Array(count);
    for (let n = 0, w = 0; n < m.length; n++) if (m[n]) out[w++] = n;
    return out;
  }
  return voxelsInSphere(v.dimensions, v.indexToWorld, region.seedLps, region.radiusMm);
}

function worldOf(v: Volume, index: number): Vec3 {
  const [nx, ny] = v.dimensions;
  const i = index % nx, j = Math.floor(index / nx) % ny, k = Math.floor(index / (nx * ny));
  return transformPoint(v.indexToWorld, [i, j, k]);
}
