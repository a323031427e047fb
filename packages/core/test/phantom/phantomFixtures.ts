import { type PhantomTimePoint, generatePhantomTimePoint } from '../../src/phantom/generatePhantom.ts';
import type { PhantomOptions } from '../../src/phantom/PhantomOptions.ts';

const cache = new Map<string, PhantomTimePoint>();

/** A small phantom time point, generated once per test file and options. */
export function smallTimePoint(index: number, options: Partial<PhantomOptions> = {}): PhantomTimePoint {
  const key = JSON.stringify({ index, ...options });
  let tp = cache.get(key);
  if (!tp) {
    tp = generatePhantomTimePoint(index, { size: 'small', ...options });
    cache.set(key, tp);
  }
  return tp;
}

/**
 * Mean and SD of `values` over the voxels of each label whose 26 neighbours all carry the same
 * label (the label eroded by one voxel; voxels on the grid's faces are left out).
 */
export function erodedLabelStats(labels: Uint8Array, values: ArrayLike<number>, dims: [number, number, number]): Map<number, { count: number; mean: number; sd: number }> {
  const [nx, ny, nz] = dims;
  const sum = new Float64Array(256), sq = new Float64Array(256), count = new Float64Array(256);
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      for (let i = 1; i < nx - 1; i++) {
        const n = i + nx * (j + ny * k);
        const l = labels[n];
        let inner = true;
        for (let dk = -1; dk <= 1 && inner; dk++) {
          for (let dj = -1; dj <= 1 && inner; dj++) {
            const row = n + nx * (dj + ny * dk);
            if (labels[row - 1] !== l || labels[row] !== l || labels[row + 1] !== l) inner = false;
          }
        }
        if (!inner) continue;
        const v = values[n];
        sum[l] += v;
        sq[l] += v * v;
        count[l]++;
      }
    }
  }
  const out = new Map<number, { count: number; mean: number; sd: number }>();
  for (let l = 0; l < 256; l++) {
    if (!count[l]) continue;
    const mean = sum[l] / count[l];
    out.set(l, { count: count[l], mean, sd: Math.sqrt(Math.max(0, sq[l] / count[l] - mean * mean)) });
  }
  return out;
}
