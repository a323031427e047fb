import { mat4Column, mat4FromColumns, transformPoint } from '../math/Mat4.ts';
import { dot, normalize, type Vec3 } from '../math/Vec3.ts';
import { allocVoxels, createVolume, voxelTypeOf, type Volume } from '../volume/Volume.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import { roundHalfAway } from './roundHalfAway.ts';

/**
 * Gantry-tilt correction: resample a sheared stack (slices whose origins drift in-plane as they
 * go, as on a tilted CT gantry) onto an orthogonal grid whose third axis is the slice normal.
 * Each slice is shifted in-plane by the drift of its own Image Position — bilinear within the
 * slice, never across slices, and never blending with padding — and the grid grows so nothing is
 * cut off. Outside the data the darkest value of the volume is used (air on CT), as dcm2niix does.
 *
 * @param slicePositionsLps the Image Position of each slice, in k order (from the plan)
 */
export function tiltCorrect(source: Volume, slicePositionsLps: Vec3[]): Volume {
  if (source.components !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'tilt correction needs a scalar volume');
  const [nx, ny, nz] = source.dimensions;
  const ci = mat4Column(source.indexToWorld, 0);
  const cj = mat4Column(source.indexToWorld, 1);
  const rowSp = Math.hypot(...cj), colSp = Math.hypot(...ci);
  const uI = normalize(ci), uJ = normalize(cj);
  const normal = normalize([uI[1] * uJ[2] - uI[2] * uJ[1], uI[2] * uJ[0] - uI[0] * uJ[2], uI[0] * uJ[1] - uI[1] * uJ[0]]);
  const p0 = slicePositionsLps[0];
  const shiftI = new Float64Array(nz), shiftJ = new Float64Array(nz), along = new Float64Array(nz);
  for (let k = 0; k < nz; k++) {
    const d: Vec3 = [slicePositionsLps[k][0] - p0[0], slicePositionsLps[k][1] - p0[1], slicePositionsLps[k][2] - p0[2]];
    shiftI[k] = dot(d, uI) / colSp;
    shiftJ[k] = dot(d, uJ) / rowSp;
    along[k] = dot(d, normal);
  }
  const iMin = Math.floor(Math.min(...shiftI) + 1e-6), iMax = Math.ceil(Math.max(...shiftI) - 1e-6);
  const jMin = Math.floor(Math.min(...shiftJ) + 1e-6), jMax = Math.ceil(Math.max(...shiftJ) - 1e-6);
  const ox = nx + iMax - iMin, oy = ny + jMax - jMin;
  const type = voxelTypeOf(source.voxels);
  const src = source.voxels;
  const out = allocVoxels(type, ox * oy * nz);
  let darkest = Infinity;
  for (let n = 0; n < src.length; n++) if (src[n] < darkest) darkest = src[n];
  out.fill(darkest);
  const integer = type !== 'float32' && type !== 'float64';
  const plane = nx * ny;
  for (let k = 0; k < nz; k++) {
    const base = k * plane;
    for (let y = 0; y < oy; y++) {
      // output row y sits at input row y + jMin − shiftJ[k]
      const r = y + jMin - shiftJ[k];
      if (r < 0 || r > ny - 1) continue; // outside the acquired rows: stays fill
      const r0 = Math.floor(r), r1 = Math.min(r0 + 1, ny - 1), fr = r - r0;
      const o = (k * oy + y) * ox;
      for (let x = 0; x < ox; x++) {
        const c = x + iMin - shiftI[k];
        if (c < 0 || c > nx - 1) continue;
        const c0 = Math.floor(c), c1 = Math.min(c0 + 1, nx - 1), fc = c - c0;
        const a = lerpUnpadded(src[base + r0 * nx + c0], src[base + r0 * nx + c1], fc, darkest);
        const b = lerpUnpadded(src[base + r1 * nx + c0], src[base + r1 * nx + c1], fc, darkest);
        const v = lerpUnpadded(a, b, fr, darkest);
        out[o + x] = integer ? roundHalfAway(v) : v;
      }
    }
  }
  const meanAlong = nz > 1 ? along[nz - 1] / (nz - 1) : Math.hypot(...mat4Column(source.indexToWorld, 2));
  const origin = transformPoint(mat4FromColumns(ci, cj, normal, p0), [iMin, jMin, 0]);
  const ck: Vec3 = [normal[0] * meanAlong, normal[1] * meanAlong, normal[2] * meanAlong];
  return createVolume({
    dimensions: [ox, oy, nz],
    voxels: out,
    components: 1,
    indexToWorld: mat4FromColumns(ci, cj, ck, origin),
    units: source.units,
    meta: { ...source.meta, warnings: [...source.meta.warnings] },
  });
}

/**
 * Linear interpolation that never blends with padding: next to the darkest value (the scanner's
 * padding outside the field of view, or our fill) the nearer sample is taken, so no value is
 * invented between padding and tissue (dcm2niix gives the same voxels).
 */
function lerpUnpadded(a: number, b: number, w: number, padding: number): number {
  if (w === 0 || a === b) return a;
  if (a === padding || b === padding) return w < 0.5 ? a : b;
  return a * (1 - w) + b * w;
}
