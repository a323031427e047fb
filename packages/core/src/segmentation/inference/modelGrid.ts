import { type Mat4, mat4Invert, mat4Multiply, transformPoint } from '../../math/Mat4.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import type { ResampleGrid } from '../../volume/resample.ts';
import type { ModelGridSpec, TensorAxisOrder } from './ModelManifest.ts';

/** LPS unit vector of each direction letter. */
const LETTER_LPS: Record<string, Vec3> = { L: [1, 0, 0], R: [-1, 0, 0], P: [0, 1, 0], A: [0, -1, 0], S: [0, 0, 1], I: [0, 0, -1] };

/**
 * The grid a model runs on, derived from the input's grid and the manifest's spec. With a fixed
 * `shape` the grid is centred as FreeSurfer's `mri_convert --conform` centres it: model voxel
 * shape/2 lies on the input's voxel dims/2 (so a volume already conformed maps onto itself
 * exactly). Without one, the grid covers the input's extent, centred on it. Axes shorter than
 * `minShape` (the window size) are padded by whole voxels, so an exact mapping stays exact.
 */
export function modelGrid(input: ResampleGrid, spec: ModelGridSpec, minShape: Dims3 = [1, 1, 1]): ResampleGrid {
  const m = input.indexToWorld;
  const cols = [0, 1, 2].map((c) => [m[c * 4], m[c * 4 + 1], m[c * 4 + 2]] as Vec3);
  const inSpacing = cols.map((c) => Math.hypot(c[0], c[1], c[2]));
  if (spec.orientation === 'as-is' && spec.spacingMm === 'as-is' && !spec.shape) {
    return padGrid({ dimensions: [...input.dimensions] as Dims3, indexToWorld: new Float64Array(m) }, minShape);
  }
  const dirs: Vec3[] = spec.orientation === 'as-is'
    ? cols.map((c, a) => [c[0] / inSpacing[a], c[1] / inSpacing[a], c[2] / inSpacing[a]] as Vec3)
    : [...spec.orientation].map((ch) => LETTER_LPS[ch]);
  // 'as-is' spacing: each model axis takes the spacing of the input axis closest to it.
  const spacing = spec.spacingMm === 'as-is'
    ? dirs.map((d) => inSpacing[closestAxis(cols, inSpacing, d)]) as Vec3
    : spec.spacingMm;
  const out = new Float64Array(16);
  for (let a = 0; a < 3; a++) for (let r = 0; r < 3; r++) out[a * 4 + r] = dirs[a][r] * spacing[a];
  out[15] = 1;
  let dims: Dims3;
  let firstCentre: Vec3;
  if (spec.shape) {
    dims = [...spec.shape] as Dims3;
    const centre = transformPoint(m, [input.dimensions[0] / 2, input.dimensions[1] / 2, input.dimensions[2] / 2]);
    firstCentre = [0, 1, 2].map((a) => dot(centre, dirs[a]) - spacing[a] * (dims[a] / 2)) as Vec3;
  } else {
    const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
    for (let corner = 0; corner < 8; corner++) {
      const p = transformPoint(m, [0, 1, 2].map((a) => ((corner >> a) & 1 ? input.dimensions[a] - 0.5 : -0.5)) as Vec3);
      for (let a = 0; a < 3; a++) {
        const t = dot(p, dirs[a]);
        lo[a] = Math.min(lo[a], t);
        hi[a] = Math.max(hi[a], t);
      }
    }
    // 1e-6: an extent of exactly n voxels must not round up to n + 1 through float error.
    dims = [0, 1, 2].map((a) => Math.max(1, Math.ceil((hi[a] - lo[a]) / spacing[a] - 1e-6))) as Dims3;
    firstCentre = [0, 1, 2].map((a) => (lo[a] + hi[a]) / 2 - (spacing[a] * (dims[a] - 1)) / 2) as Vec3;
  }
  for (let r = 0; r < 3; r++) out[12 + r] = dirs[0][r] * firstCentre[0] + dirs[1][r] * firstCentre[1] + dirs[2][r] * firstCentre[2];
  return padGrid({ dimensions: dims, indexToWorld: out }, minShape);
}

/** Grow axes shorter than `minShape` by whole voxels, the original grid centred in the new one. */
function padGrid(grid: ResampleGrid, minShape: Dims3): ResampleGrid {
  const m = grid.indexToWorld;
  for (let a = 0; a < 3; a++) {
    const grow = minShape[a] - grid.dimensions[a];
    if (grow <= 0) continue;
    const before = Math.floor(grow / 2);
    for (let r = 0; r < 3; r++) m[12 + r] -= before * m[a * 4 + r];
    grid.dimensions[a] = minShape[a];
  }
  return grid;
}

/**
 * The model grid with its axes in the tensor's order, fastest first: the same grid for 'xyz',
 * axes k, j, i for 'zyx'. A volume on this grid, stored i-fastest as always, is the tensor's
 * buffer as it is, so no transposed copy is ever made.
 */
export function tensorGrid(grid: ResampleGrid, axisOrder: TensorAxisOrder): ResampleGrid {
  if (axisOrder === 'xyz') return { dimensions: [...grid.dimensions] as Dims3, indexToWorld: new Float64Array(grid.indexToWorld) };
  const m = grid.indexToWorld, out = new Float64Array(16);
  for (let a = 0; a < 3; a++) for (let r = 0; r < 4; r++) out[a * 4 + r] = m[(2 - a) * 4 + r];
  out.set(m.subarray(12, 16), 12);
  const [nx, ny, nz] = grid.dimensions;
  return { dimensions: [nz, ny, nx], indexToWorld: out };
}

/** Which tensor-grid axis a model-grid axis became. */
export function tensorAxis(modelAxis: number, axisOrder: TensorAxisOrder): number {
  return axisOrder === 'xyz' ? modelAxis : 2 - modelAxis;
}

/**
 * The index mapping from `target` voxels to `source` voxels (source⁻¹ · target) when it is exact:
 * a signed permutation with whole-voxel offsets (within 1e-6 voxel), so every target voxel
 * centre is a source voxel centre. Undefined otherwise.
 */
export function integralMapping(source: ResampleGrid, target: ResampleGrid): Mat4 | undefined {
  const m = mat4Multiply(mat4Invert(source.indexToWorld), target.indexToWorld);
  for (let n = 0; n < 16; n++) {
    const r = Math.round(m[n]);
    if (Math.abs(m[n] - r) > 1e-6) return undefined;
    m[n] = r;
  }
  for (let c = 0; c < 3; c++) {
    let nonZero = 0;
    for (let r = 0; r < 3; r++) if (m[c * 4 + r] !== 0) nonZero += Math.abs(m[c * 4 + r]) === 1 ? 1 : 2;
    if (nonZero !== 1) return undefined;
  }
  return m;
}

function closestAxis(cols: Vec3[], lengths: number[], d: Vec3): number {
  let best = 0, bestCos = -1;
  for (let a = 0; a < 3; a++) {
    const cos = Math.abs(dot(cols[a], d)) / lengths[a];
    if (cos > bestCos) [best, bestCos] = [a, cos];
  }
  return best;
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
