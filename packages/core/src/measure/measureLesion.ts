import { isVoxaError } from '../errors/VoxaError.ts';
import type { Dims3, Point3 } from '../math/Vec3.ts';
import type { LesionSegmentation } from '../segmentation/lesion/segmentLesionAt.ts';
import type { Volume } from '../volume/Volume.ts';
import { lesionAxesFromMask, type LesionAxes } from './lesionAxes.ts';

/** What a one-click lesion's 3D segment measures: volume, mean and maximum, RECIST axes (the workstation's worker sends it back with the mask). */
export interface LesionMeasures {
  voxelCount: number;
  volumeMm3: number;
  /** RECIST long and short axis in the acquisition plane (LPS mm); absent when the segment is empty or has no section with an area. */
  axes?: LesionAxes;
  /** Mean of the segment's voxel centres, LPS mm. */
  centroidLps?: Point3;
  /** Mean and maximum of the image over the segment, in `units`. */
  mean: number;
  max: number;
  units: string;
}

/**
 * Measure a one-click lesion where its image lives (in the workstation, its worker): volume, mean and maximum over
 * the mask, and core's RECIST axes. Only the segment's bounding box is scanned; the axes are
 * measured on the mask cropped to it (the grid's `indexToWorld` shifted to the box), so a large
 * CT is neither copied nor walked slice by slice.
 */
export function measureLesion(image: Volume, lesion: LesionSegmentation): LesionMeasures {
  const out: LesionMeasures = { voxelCount: lesion.voxelCount, volumeMm3: lesion.volumeMm3, mean: NaN, max: NaN, units: String(image.units) };
  if (lesion.voxelCount === 0) return out;
  const [nx, ny] = image.dimensions;
  const { lo, hi } = lesion.boundsIJK;
  const box: Dims3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const crop = new Uint8Array(box[0] * box[1] * box[2]);
  const v = image.voxels, mask = lesion.mask;
  let sum = 0, max = -Infinity, n = 0, si = 0, sj = 0, sk = 0, c = 0;
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      for (let i = lo[0], p = i + nx * (j + ny * k); i <= hi[0]; i++, p++, c++) {
        if (!mask[p]) continue;
        crop[c] = 1;
        const x = v[p];
        sum += x;
        if (x > max) max = x;
        n++; si += i; sj += j; sk += k;
      }
    }
  }
  const m = image.indexToWorld;
  const at = (i: number, j: number, k: number): Point3 => [0, 1, 2].map((r) => m[r] * i + m[4 + r] * j + m[8 + r] * k + m[12 + r]) as Point3;
  out.mean = sum / n;
  out.max = max;
  out.centroidLps = at(si / n, sj / n, sk / n);
  const boxToWorld = m.slice();
  [boxToWorld[12], boxToWorld[13], boxToWorld[14]] = at(lo[0], lo[1], lo[2]);
  try {
    const axes = lesionAxesFromMask(crop, box, boxToWorld);
    out.axes = { ...axes, slice: axes.slice + lo[2] };
  } catch (e) {
    // A segment without a section with an area (a line of voxels) has no axes: the caller says so.
    if (!isVoxaError(e) || e.code !== 'VOXA_ERR_BAD_ARGUMENT') throw e;
  }
  return out;
}
