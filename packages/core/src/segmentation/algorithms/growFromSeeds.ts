import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { checkGrid, checkSpacing, nonZeroBounds, outputMask } from './grid.ts';
import { MinHeap } from './MinHeap.ts';
import { type Connectivity, neighbourSteps } from './neighbours.ts';

/** Options of `growFromSeeds`. */
export interface GrowFromSeedsOptions {
  /** Voxel spacing in mm (default 1 mm isotropic): edge lengths of the distance term. */
  spacingMm?: Vec3;
  /** Default 6 (face neighbours). */
  connectivity?: Connectivity;
  /**
   * Cost of travelling one millimetre, as a fraction of the intensity range inside the region
   * (default 0.001: crossing 1,000 mm of flat image costs as much as one full-range step). It
   * breaks ties in flat regions by distance and keeps noise from winning over geometry.
   */
  distanceWeight?: number;
  /**
   * Intensity steps up to this many times the image's typical neighbour difference (the median of
   * |I(p) − I(q)| over neighbour pairs, which measures the noise in homogeneous tissue) cost
   * nothing (default 3; 0 charges every difference). Without it noise adds up along paths and a
   * long path through a noisy organ costs more than one jump across an edge.
   */
  noiseTolerance?: number;
  /**
   * Grow only inside the seeds' bounding box enlarged on each side by this fraction of its size;
   * voxels outside stay 0. Default Infinity: the whole grid. Slicer's Grow from seeds uses 0.1,
   * which makes seeds placed around an organ cost only their neighbourhood.
   */
  extentGrowth?: number;
  /** Only voxels non-zero here are labelled; the rest stay 0 and block the growth. */
  within?: Uint8Array;
  /** Written into (and returned) instead of a new label map. */
  out?: Uint8Array;
}

/** Documented defaults of `growFromSeeds`. */
export const GROW_FROM_SEEDS_DEFAULTS = { spacingMm: [1, 1, 1] as Vec3, connectivity: 6 as Connectivity, distanceWeight: 0.001, noiseTolerance: 3, extentGrowth: Infinity };

/**
 * Competitive region growing from a seed label map (0 = unlabelled, 1..255 = labels), in the
 * spirit of Slicer's Grow from seeds: every voxel takes the label of the seed it reaches at the
 * least cost, where a step between neighbours p, q costs max(0, |I(p) − I(q)| − τ) + w·range·ℓ(p, q)
 * (τ the noise tolerance, ℓ the step length in mm, range the intensity range inside the region,
 * w `distanceWeight`). Paths therefore run freely through homogeneous, noisy tissue, pay at
 * edges, and ties go to the nearer seed. Multi-source Dijkstra with a binary heap on typed
 * arrays: O(N log N) over the grown seed box. Seed voxels keep their labels; returns the full
 * label map (every voxel of the box and region reachable from a seed is labelled).
 */
export function growFromSeeds(intensity: ArrayLike<number>, dims: Dims3, seeds: Uint8Array, options: GrowFromSeedsOptions = {}): Uint8Array {
  const n = checkGrid(intensity, dims, 'growFromSeeds', 'intensity volume');
  checkGrid(seeds, dims, 'growFromSeeds', 'seed label map');
  const within = options.within;
  if (within) checkGrid(within, dims, 'growFromSeeds', 'within');
  const spacing = options.spacingMm ?? GROW_FROM_SEEDS_DEFAULTS.spacingMm;
  checkSpacing(spacing, 'growFromSeeds');
  const weight = options.distanceWeight ?? GROW_FROM_SEEDS_DEFAULTS.distanceWeight;
  if (!(weight >= 0) || !Number.isFinite(weight)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'growFromSeeds' }, `distanceWeight ${weight} must be ≥ 0`);
  }
  const steps = neighbourSteps(options.connectivity ?? GROW_FROM_SEEDS_DEFAULTS.connectivity, dims, 'growFromSeeds');
  if (options.out === seeds) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'growFromSeeds' }, 'out must not be the seed label map');
  const labels = outputMask(options.out, n, 'growFromSeeds');
  labels.fill(0);

  let lo = Infinity, hi = -Infinity;
  for (let p = 0; p < n; p++) {
    if (within && within[p] === 0) continue;
    const v = intensity[p];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi > lo ? hi - lo : 1;
  const tolerance = options.noiseTolerance ?? GROW_FROM_SEEDS_DEFAULTS.noiseTolerance;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'growFromSeeds' }, `noiseTolerance ${tolerance} must be ≥ 0`);
  }
  const tau = tolerance > 0 ? tolerance * medianNeighbourDifference(intensity, dims, within) : 0;
  const { count: ns, di, dj, dk, offset } = steps;
  const stepCost = new Float64Array(ns);
  for (let s = 0; s < ns; s++) stepCost[s] = weight * range * Math.hypot(di[s] * spacing[0], dj[s] * spacing[1], dk[s] * spacing[2]);

  const growth = options.extentGrowth ?? GROW_FROM_SEEDS_DEFAULTS.extentGrowth;
  if (!(growth >= 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'growFromSeeds' }, `extentGrowth ${growth} must be ≥ 0`);
  const [nx, ny, nz] = dims;
  const seedBox = nonZeroBounds(seeds, dims);
  if (!seedBox) return labels;
  // The box the growth may visit: [lo, hi] per axis, inclusive.
  const lo0 = [0, 0, 0], hi0 = [nx - 1, ny - 1, nz - 1];
  for (let a = 0; a < 3; a++) {
    const extra = growth === Infinity ? dims[a] : Math.ceil(growth * (seedBox.hi[a] - seedBox.lo[a] + 1));
    lo0[a] = Math.max(0, seedBox.lo[a] - extra);
    hi0[a] = Math.min(dims[a] - 1, seedBox.hi[a] + extra);
  }
  const [ilo, jlo, klo] = lo0, [ihi, jhi, khi] = hi0;
  const cost = new Float32Array(n).fill(Infinity);
  // 1 once a voxel's cost is final, so late stale heap entries are skipped without a compare.
  const done = new Uint8Array(n);
  const heap = new MinHeap();
  for (let p = 0; p < n; p++) {
    if (seeds[p] === 0 || (within && within[p] === 0)) continue;
    labels[p] = seeds[p];
    cost[p] = 0;
    heap.push(0, p);
  }
  while (heap.size > 0) {
    const key = heap.peekKey();
    const p = heap.pop();
    if (done[p] !== 0 || key > cost[p]) continue;
    done[p] = 1;
    const label = labels[p];
    const vp = intensity[p];
    const i = p % nx;
    const r = (p - i) / nx;
    const j = r % ny;
    const k = (r - j) / ny;
    const interior = i > ilo && j > jlo && k > klo && i < ihi && j < jhi && k < khi;
    for (let s = 0; s < ns; s++) {
      if (!interior) {
        const ii = i + di[s], jj = j + dj[s], kk = k + dk[s];
        if (ii < ilo || jj < jlo || kk < klo || ii > ihi || jj > jhi || kk > khi) continue;
      }
      const q = p + offset[s];
      if (done[q] !== 0 || (within && within[q] === 0)) continue;
      const jump = Math.abs(intensity[q] - vp) - tau;
      const c = Math.fround(key + (jump > 0 ? jump : 0) + stepCost[s]);
      if (c < cost[q]) {
        cost[q] = c;
        labels[q] = label;
        heap.push(c, q);
      }
    }
  }
  return labels;
}

/** Most neighbour pairs sampled for the noise estimate: enough for a stable median, cheap on any grid. */
const NOISE_SAMPLES = 1 << 16;

/**
 * Median |I(p) − I(p + 1)| over pairs of neighbours along i inside the region, from an evenly
 * spread sample. In an image of piecewise-constant tissue with Gaussian noise σ it is ≈ 0.95σ
 * (the median of a half-normal of scale σ√2), since edges are a small minority of the pairs.
 */
function medianNeighbourDifference(intensity: ArrayLike<number>, dims: Dims3, within: Uint8Array | undefined): number {
  const nx = dims[0];
  const n = intensity.length;
  if (nx < 2) return 0;
  const stride = Math.max(1, Math.floor(n / NOISE_SAMPLES));
  const sample = new Float64Array(Math.ceil(n / stride));
  let m = 0;
  for (let p = 0; p < n; p += stride) {
    const q = p % nx === nx - 1 ? p - 1 : p;
    if (within && (within[q] === 0 || within[q + 1] === 0)) continue;
    sample[m++] = Math.abs(intensity[q + 1] - intensity[q]);
  }
  if (m === 0) return 0;
  const used = sample.subarray(0, m).sort();
  return used[m >> 1];
}
