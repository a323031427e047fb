import { mat4Column, mat4Invert, transformPoint } from '../math/Mat4.ts';
import { dot, length, normalize, type Point3, type Vec3 } from '../math/Vec3.ts';
import { getSegment, type Segmentation } from './Segmentation.ts';
import type { VoxelBox } from './SegmentationHistory.ts';

/** Options of `paintBrush`. */
export interface PaintBrushOptions {
  /** Erase the segment's voxels instead of painting. */
  erase?: boolean;
  /**
   * 2D brush: the unit normal of the view plane. Voxels are painted when their centre lies within
   * half a voxel of the plane (measured along the normal), so the stroke is one voxel thick. Omit
   * for a 3D sphere.
   */
  planeNormal?: Vec3;
  /** Paint over other segments of the layer (default true; locked segments never). */
  overwrite?: boolean;
}

/**
 * Paint (or erase) a disc or sphere of `radiusMm` around an LPS point into a segment. Visits only
 * the index box around the brush. Returns that box (for undo snapshots and partial texture
 * uploads) or null when the brush misses the grid.
 * Unlike the mask-level `paintSphere`/`paintCircle`, it writes a segment's value into a shared
 * layer, sparing locked segments and erasing only its own voxels.
 *
 * @example history.edit('paint', () => paintBrush(seg, 1, worldLps, 5, { planeNormal }), box);
 */
export function paintBrush(s: Segmentation, number: number, centreLps: Point3, radiusMm: number, options: PaintBrushOptions = {}): VoxelBox | null {
  const g = getSegment(s, number);
  const box = brushBox(s, centreLps, radiusMm);
  if (!box) return null;
  const a = s.layers[g.layer];
  const [nx, ny] = s.dimensions;
  const m = s.indexToWorld;
  const locked = new Uint8Array(256);
  for (const o of s.segments) if (o.layer === g.layer && o.locked && o.number !== number) locked[o.value] = 1;
  const overwrite = options.overwrite ?? true;
  const n = options.planeNormal ? normalize(options.planeNormal) : undefined;
  // Half the voxel's extent along the normal: voxels whose centre is that close to the plane are on it.
  const half = n ? 0.5 * Math.max(...[0, 1, 2].map((c) => Math.abs(dot(mat4Column(m, c), n)))) : 0;
  const r2 = radiusMm * radiusMm;
  const v = g.value;
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++) {
      for (let i = box.lo[0]; i <= box.hi[0]; i++) {
        const dx = m[0] * i + m[4] * j + m[8] * k + m[12] - centreLps[0];
        const dy = m[1] * i + m[5] * j + m[9] * k + m[13] - centreLps[1];
        const dz = m[2] * i + m[6] * j + m[10] * k + m[14] - centreLps[2];
        if (dx * dx + dy * dy + dz * dz > r2) continue;
        if (n && Math.abs(dx * n[0] + dy * n[1] + dz * n[2]) > half) continue;
        const at = i + nx * (j + ny * k);
        const cur = a[at];
        if (options.erase) {
          if (cur === v) a[at] = 0;
        } else if (cur === 0 || (cur !== v && overwrite && !locked[cur])) a[at] = v;
      }
    }
  }
  return box;
}

/** The index box covering a sphere of radiusMm around an LPS point, clipped to the grid; null when outside. */
export function brushBox(s: Segmentation, centreLps: Point3, radiusMm: number): VoxelBox | null {
  const inv = mat4Invert(s.indexToWorld);
  const c = transformPoint(inv, centreLps);
  // A sphere of radius r spans r·‖row a of the inverse 3×3‖ index units along axis a.
  const reach = [0, 1, 2].map((a) => radiusMm * length([inv[a], inv[a + 4], inv[a + 8]]));
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(c[a] - reach[a]))) as [number, number, number];
  const hi = [0, 1, 2].map((a) => Math.min(s.dimensions[a] - 1, Math.ceil(c[a] + reach[a]))) as [number, number, number];
  return lo.some((v, a) => v > hi[a]) ? null : { lo, hi };
}
