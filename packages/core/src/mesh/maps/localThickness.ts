import { VoxaError } from '../../errors/VoxaError.ts';
import type { Mat4 } from '../../math/Mat4.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { squaredDistanceMm2 } from '../../segmentation/algorithms/distanceTransform.ts';
import { labelBounds } from '../labelBounds.ts';
import { checkLabelGrid, checkLabelValue } from '../labelToMesh.ts';

/** Options of `localThicknessMm`. */
export interface LocalThicknessOptions {
  /**
   * Subtract this (mm) from every ball's diameter (default: half the smallest spacing). Balls are
   * centred on voxel centres and reach the nearest centre outside, so across a slab whose n
   * inside centres span T ≈ n·s the largest diameter is n·s (n even) or (n + 1)·s (n odd): T + s/2
   * on average over the slab's position on the grid. Half the smallest spacing is that bias for
   * surfaces square to the finest axis (cartilage in a sagittal knee series, where the in-plane
   * spacing is the finest); measured on the knee phantom the mean bias that remains is +0.03 to
   * +0.09 mm.
   */
  correctionMm?: number;
}

/** Squared tolerance on "a neighbour's ball contains mine", against float rounding. */
const CONTAINS_EPS = 1e-6;

/**
 * Local thickness of one label value at every voxel (Hildebrand & Rüegsegger 1997, "A new
 * method for the model-independent assessment of thickness in three-dimensional images"): the
 * diameter (mm) of the largest ball that contains the voxel centre and fits inside the label,
 * 0 outside the label. From the exact Euclidean distance to the nearest centre outside
 * (`squaredDistanceMm2`), each voxel's ball is painted over the label voxels it covers, keeping
 * the largest diameter; a voxel whose ball lies inside a neighbour's (r ≤ r′ − |step|, the
 * "distance ridge" test) is skipped. Then `correctionMm` is subtracted (see there). The grid's
 * axes must be orthogonal (any orientation, anisotropic spacing); the label's box plus one voxel
 * of background is processed, the grid's edge counting as outside. Cost: the ridge voxels times
 * their balls' voxels, small for thin structures.
 *
 * For a surface map, sample the result at the mesh's vertices (`sampleVoxelsAtVertices` with the
 * label as mask), or measure on the mesh itself with `surfaceThicknessMm`, which has no voxel
 * bias to correct. On the knee phantom's cartilage (0.45 × 0.45 × 0.9 mm voxels) this method,
 * sampled at the vertices, has a mean absolute error of 0.14 mm (femoral) and 0.16 mm (tibial),
 * the mesh method 0.12 and 0.16 mm.
 */
export function localThicknessMm(labels: Uint8Array, dims: Dims3, indexToWorld: Mat4, value: number, options: LocalThicknessOptions = {}): Float32Array {
  checkLabelGrid(labels, dims, indexToWorld, 'localThicknessMm');
  checkLabelValue(value, 'localThicknessMm');
  const spacing = orthogonalSpacing(indexToWorld);
  const correction = options.correctionMm ?? Math.min(...spacing) / 2;
  if (!(correction >= 0 && Number.isFinite(correction))) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'localThicknessMm', correctionMm: correction }, 'correctionMm must be a finite number ≥ 0');
  }
  const [nx, ny] = dims;
  const out = new Float32Array(labels.length);
  const box = labelBounds(labels, dims, value);
  const b = 6 * value;
  if (box[b + 3] < 0) return out;
  // The crop: the label's box and one voxel of background around it.
  const i0 = box[b] - 1, j0 = box[b + 1] - 1, k0 = box[b + 2] - 1;
  const cx = box[b + 3] - box[b] + 3, cy = box[b + 4] - box[b + 1] + 3, cz = box[b + 5] - box[b + 2] + 3;
  const plane = cx * cy;
  const mask = new Uint8Array(plane * cz);
  for (let k = 1; k < cz - 1; k++) {
    for (let j = 1; j < cy - 1; j++) {
      const src = i0 + 1 + nx * (j0 + j + ny * (k0 + k)), dst = 1 + cx * j + plane * k;
      for (let i = 0; i < cx - 2; i++) mask[dst + i] = labels[src + i] === value ? 1 : 0;
    }
  }
  const d2 = squaredDistanceMm2(mask, [cx, cy, cz], spacing, 0);
  const [sx, sy, sz] = spacing;
  const thickness = new Float32Array(mask.length);
  const steps = neighbourSteps(cx, plane, spacing);
  for (let k = 1; k < cz - 1; k++) {
    for (let j = 1; j < cy - 1; j++) {
      for (let i = 1; i < cx - 1; i++) {
        const p = i + cx * j + plane * k;
        if (mask[p] === 0) continue;
        const r = Math.sqrt(d2[p]);
        if (insideNeighbourBall(d2, mask, p, r, steps)) continue;
        // Centres strictly nearer than r: the ball touches the nearest outside centre, no more.
        const r2 = d2[p] * (1 - CONTAINS_EPS), diameter = 2 * r;
        const ri = Math.floor(r / sx), rj = Math.floor(r / sy), rk = Math.floor(r / sz);
        for (let dk = -rk; dk <= rk; dk++) {
          const zz = (dk * sz) ** 2;
          for (let dj = -rj; dj <= rj; dj++) {
            const yz = zz + (dj * sy) ** 2;
            if (yz >= r2) continue;
            const row = p + cx * dj + plane * dk;
            for (let di = -ri; di <= ri; di++) {
              if (yz + (di * sx) ** 2 >= r2) continue;
              const q = row + di;
              if (mask[q] !== 0 && thickness[q] < diameter) thickness[q] = diameter;
            }
          }
        }
      }
    }
  }
  for (let k = 1; k < cz - 1; k++) {
    for (let j = 1; j < cy - 1; j++) {
      const src = 1 + cx * j + plane * k, dst = i0 + 1 + nx * (j0 + j + ny * (k0 + k));
      for (let i = 0; i < cx - 2; i++) {
        const t = thickness[src + i];
        if (t > 0) out[dst + i] = Math.max(t - correction, 0);
      }
    }
  }
  return out;
}

/** Offsets and lengths (mm) of the 26 neighbour steps in a crop of row length cx and slice size plane. */
function neighbourSteps(cx: number, plane: number, s: Vec3): { offset: Int32Array; length: Float64Array } {
  const offset = new Int32Array(26), length = new Float64Array(26);
  let n = 0;
  for (let dk = -1; dk <= 1; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        if (di === 0 && dj === 0 && dk === 0) continue;
        offset[n] = di + cx * dj + plane * dk;
        length[n++] = Math.hypot(di * s[0], dj * s[1], dk * s[2]);
      }
    }
  }
  return { offset, length };
}

/** True when a neighbour's ball contains the ball of radius r at p (r′ ≥ r + |step|): p's ball adds nothing. */
function insideNeighbourBall(d2: Float32Array, mask: Uint8Array, p: number, r: number, steps: { offset: Int32Array; length: Float64Array }): boolean {
  for (let n = 0; n < 26; n++) {
    const q = p + steps.offset[n];
    if (mask[q] === 0) continue;
    const need = r + steps.length[n];
    if (d2[q] >= need * need * (1 + CONTAINS_EPS)) return true;
  }
  return false;
}

/** Spacings (mm) along i, j, k; throws unless the axes are orthogonal (the distance transform needs it). */
function orthogonalSpacing(m: Mat4): Vec3 {
  const col = (c: number): Vec3 => [m[4 * c], m[4 * c + 1], m[4 * c + 2]];
  const a = col(0), b = col(1), c = col(2);
  const len = (v: Vec3): number => Math.hypot(v[0], v[1], v[2]);
  const dot = (u: Vec3, v: Vec3): number => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  const s: Vec3 = [len(a), len(b), len(c)];
  const skew = Math.max(Math.abs(dot(a, b)) / (s[0] * s[1]), Math.abs(dot(b, c)) / (s[1] * s[2]), Math.abs(dot(a, c)) / (s[0] * s[2]));
  if (skew > 1e-6) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'localThicknessMm' }, `the grid's axes are not orthogonal (largest |cos| ${skew.toExponential(2)}): resample to an orthogonal grid first`);
  }
  return s;
}
