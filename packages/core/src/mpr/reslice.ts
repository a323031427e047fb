/**
 * reslice: the CPU reference of multiplanar reformation (MPR), thin or thick slab. The GPU
 * shaders are checked against it, so the sampling is a contract:
 *
 *   world(x, y)   = origin + x·spacing[0]·row + y·spacing[1]·column          (pixel CENTRES, LPS mm)
 *   world(x,y,m)  = world(x, y) + ((m + 0.5) / S − 0.5) · t · normalize(row × column),
 *                   S = max(1, ceil(t / s − 1e-9)), s = slab.stepMm ?? min voxel spacing;
 *                   no slab or t ≤ 0: S = 1, offset 0
 *   index         = inverse(indexToWorld) · (world, 1)                          (integer = voxel centre)
 *   outside       : any axis with index < −0.5 or > n − 0.5 (1e-6 voxel tolerance) → skipped
 *   inside        : index clamped to [0, n − 1] per axis, trilinear between the 8 neighbouring
 *                   voxel centres (fractions within 1e-6 of 0 or 1 snapped)
 *   pixel         : 'mip' max / 'minip' min / 'average' mean over the inside samples;
 *                   no inside sample → `outside` (default NaN)
 *
 * Output: Float32Array, row-major, value of pixel (x, y) at `x + width·y`.
 */
import { VoxaError } from '../errors/VoxaError.ts';
import { transformDirection, transformPoint } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import type { Volume } from '../volume/Volume.ts';
import { type ReslicePlane, type Slab, planeNormal, validateReslicePlane } from './ReslicePlane.ts';
import { type IndexLine, indexSampler, sampleLine, slabOffsetsIjk, slabOffsetsMm } from './sampleLine.ts';

/** Options of `reslice`. */
export interface ResliceOptions {
  /** Thick slab along the plane normal; default none (one sample on the plane). */
  slab?: Slab;
  /** Value of pixels with no sample inside the volume; default NaN. */
  outside?: number;
  /** Output array to fill (length width·height); default a new one. */
  out?: Float32Array;
}

/** Defaults of `ResliceOptions`. */
export const RESLICE_DEFAULTS = { outside: Number.NaN } as const satisfies ResliceOptions;

/**
 * Sample a scalar volume on a plane (see the file header for the exact formulas).
 *
 * @example
 * const plane = standardPlane(ct, 'coronal');
 * const mip = reslice(ct, plane, { slab: { mode: 'mip', thicknessMm: 10 } });
 */
export function reslice(volume: Volume, plane: ReslicePlane, options: ResliceOptions = {}): Float32Array {
  validateReslicePlane(plane);
  const sampler = indexSampler(volume, 'reslice');
  const [width, height] = plane.size;
  const out = options.out ?? new Float32Array(width * height);
  if (out.length !== width * height) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `reslice: out has ${out.length} elements, the plane needs ${width}×${height}`);
  }
  const m = sampler.worldToIndex;
  const scaled = (v: Vec3, s: number): Vec3 => [v[0] * s, v[1] * s, v[2] * s];
  // Index-space position of pixel (0, 0) and the index-space steps per column, per row, per mm of normal.
  const origin = transformPoint(m, plane.origin);
  const dx = transformDirection(m, scaled(plane.row, plane.spacing[0]));
  const dy = transformDirection(m, scaled(plane.column, plane.spacing[1]));
  const dn = transformDirection(m, planeNormal(plane));
  const line: IndexLine = {
    start: [0, 0, 0],
    step: dx,
    count: width,
    slabOffsets: slabOffsetsIjk(slabOffsetsMm(options.slab, volume), dn),
    mode: options.slab?.mode ?? 'average',
    outside: options.outside ?? RESLICE_DEFAULTS.outside,
  };
  for (let y = 0; y < height; y++) {
    line.start[0] = origin[0] + y * dy[0];
    line.start[1] = origin[1] + y * dy[1];
    line.start[2] = origin[2] + y * dy[2];
    sampleLine(sampler, line, out, y * width);
  }
  return out;
}
