import { VoxaError } from '../../errors/VoxaError.ts';
import { type Mat4, mat4Column, mat4FromColumns, mat4Invert, transformPoint } from '../../math/Mat4.ts';
import { cross, dot, type Dims3, length, type Vec3 } from '../../math/Vec3.ts';
import type { SegFrame, SegPlane } from './readSegFrames.ts';

/** A voxel grid: dimensions and voxel index → LPS mm. */
export interface VoxelGrid {
  dimensions: Dims3;
  indexToWorld: Mat4;
}

/** Where the frames go: the grid and the slice index k of every frame. */
export interface SegFramePlacement extends VoxelGrid {
  sliceOfFrame: Int32Array;
}

/** Positions along the normal closer than this (mm) are one slice. */
const SAME_SLICE_MM = 0.01;
/** A gap is a whole number of slice spacings when within this fraction of one. */
const GAP_TOLERANCE = 0.05;
/** Most voxels per layer a SEG may expand to (as for volumes, see readPlannedVolume). */
const MAX_GRID_VOXELS = 2 ** 31;

/**
 * The grid the frames themselves span: i along rows, j down columns, k along the normal from the
 * lowest frame position to the highest. The slice spacing is Spacing Between Slices when every gap
 * is a whole multiple of it (so a sparse SEG, with frames only where the segments are, keeps its
 * empty slices), else the smallest gap. Frames must lie on that stack; if not (uneven gaps, shifted
 * frames) the error says so and suggests a reference grid.
 */
export function gridFromFrames(frames: SegFrame[], plane: SegPlane, rows: number, columns: number, file: string): SegFramePlacement {
  const normal = cross(plane.rowCosine, plane.columnCosine);
  const along = frames.map((f) => dot(normal, f.positionLps));
  const order = frames.map((_, n) => n).sort((a, b) => along[a] - along[b]);
  const distinct: number[] = [];
  for (const n of order) if (!distinct.length || along[n] - distinct[distinct.length - 1] > SAME_SLICE_MM) distinct.push(along[n]);
  const gaps = distinct.slice(1).map((d, n) => d - distinct[n]);
  const wholeMultiples = (s: number) => gaps.every((g) => Math.round(g / s) >= 1 && Math.abs(g / s - Math.round(g / s)) <= GAP_TOLERANCE);
  const candidates = [plane.spacingBetweenSlicesMm, plane.sliceThicknessMm, gaps.length ? Math.min(...gaps) : undefined]
    .filter((s): s is number => s !== undefined && s > 0);
  const spacing = gaps.length ? candidates.find(wholeMultiples) : candidates[0] ?? 1;
  if (spacing === undefined) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0020,0032) ImagePositionPatient' },
      `frame positions along the slice normal (gaps ${gaps.map((g) => g.toFixed(3)).join(', ')} mm) are not on an evenly spaced stack; read it onto the source image grid (referenceGrid)`);
  }
  const nz = gaps.length ? Math.round((distinct[distinct.length - 1] - distinct[0]) / spacing) + 1 : 1;
  checkSize(columns, rows, nz, file);
  const first = frames[order[0]].positionLps, last = frames[order[order.length - 1]].positionLps;
  // The step is the measured one (not just normal × spacing) so that a sheared stack stays exact.
  const step: Vec3 = nz > 1 ? [0, 1, 2].map((a) => (last[a] - first[a]) / (nz - 1)) as Vec3 : normal.map((x) => x * spacing) as Vec3;
  const sliceOfFrame = new Int32Array(frames.length);
  const tolerance = Math.max(SAME_SLICE_MM, 0.01 * Math.min(...plane.pixelSpacingMm));
  frames.forEach((f, n) => {
    const k = Math.round((along[n] - distinct[0]) / spacing);
    const expected = [0, 1, 2].map((a) => first[a] + k * step[a]);
    const off = length([0, 1, 2].map((a) => f.positionLps[a] - expected[a]) as Vec3);
    if (off > tolerance) {
      throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0020,0032) ImagePositionPatient', frame: f.index + 1 },
        `the frame lies ${off.toFixed(3)} mm off the stack the other frames form; read it onto the source image grid (referenceGrid)`);
    }
    sliceOfFrame[n] = k;
  });
  const [rowSp, colSp] = plane.pixelSpacingMm;
  const ci = plane.rowCosine.map((x) => x * colSp) as Vec3, cj = plane.columnCosine.map((x) => x * rowSp) as Vec3;
  return { dimensions: [columns, rows, nz], indexToWorld: mat4FromColumns(ci, cj, step, first), sliceOfFrame };
}

/**
 * Place the frames on a given grid (the source image's): each frame must be slice k of it — same
 * rows and columns, same orientation and pixel spacing, its position that of voxel (0, 0, k).
 * Throws VOXA_ERR_GRID_MISMATCH saying which frame and how it differs.
 */
export function gridOnReference(frames: SegFrame[], plane: SegPlane, rows: number, columns: number, ref: VoxelGrid, file: string): SegFramePlacement {
  const [nx, ny, nz] = ref.dimensions;
  const mismatch = (detail: string, frame?: number) => new VoxaError('VOXA_ERR_GRID_MISMATCH', { file, frame }, `SEG frames vs reference grid: ${detail}`);
  if (columns !== nx || rows !== ny) throw mismatch(`frames are ${columns}×${rows}, the reference slices ${nx}×${ny}`);
  const ci = mat4Column(ref.indexToWorld, 0), cj = mat4Column(ref.indexToWorld, 1);
  const [rowSp, colSp] = plane.pixelSpacingMm;
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(a, b);
  if (rel(length(ci), colSp) > 1e-3 || rel(length(cj), rowSp) > 1e-3) {
    throw mismatch(`pixel spacing ${rowSp}\\${colSp} mm, the reference ${length(cj)}\\${length(ci)} mm`);
  }
  const cosine = (u: Vec3, v: Vec3) => dot(u, v) / (length(u) * length(v));
  if (cosine(ci, plane.rowCosine) < 1 - 1e-4 || cosine(cj, plane.columnCosine) < 1 - 1e-4) {
    throw mismatch(`orientation ${[...plane.rowCosine, ...plane.columnCosine].map((x) => x.toFixed(5)).join('\\')} differs from the reference's`);
  }
  const inverse = mat4Invert(ref.indexToWorld);
  const ijk: Vec3 = [0, 0, 0];
  const sliceOfFrame = new Int32Array(frames.length);
  frames.forEach((f, n) => {
    transformPoint(inverse, f.positionLps, ijk);
    const k = Math.round(ijk[2]);
    if (Math.abs(ijk[0]) > 0.05 || Math.abs(ijk[1]) > 0.05 || Math.abs(ijk[2] - k) > 0.05 || k < 0 || k >= nz) {
      throw mismatch(`frame position ${f.positionLps.map((x) => x.toFixed(3)).join('\\')} is voxel (${ijk.map((x) => x.toFixed(3)).join(', ')}) of the reference, not the corner of one of its ${nz} slices`, f.index + 1);
    }
    sliceOfFrame[n] = k;
  });
  return { dimensions: [nx, ny, nz], indexToWorld: ref.indexToWorld.slice(), sliceOfFrame };
}

function checkSize(nx: number, ny: number, nz: number, file: string): void {
  if (nx * ny * nz > MAX_GRID_VOXELS) {
    throw new VoxaError('VOXA_ERR_TOO_LARGE', { file }, `the frames span ${nx}×${ny}×${nz} voxels; at most ${MAX_GRID_VOXELS} per layer`);
  }
}
