import { VoxaError } from '../../errors/VoxaError.ts';
import { type Segmentation, segmentationVoxelCount } from '../Segmentation.ts';

/** One slice of a segment's mask: slice index k and nx·ny bytes, non-zero inside. */
export interface SegmentSlice {
  k: number;
  mask: Uint8Array;
}

/**
 * Choose a layer and value for a segment and paint its slices there. The layer is the first one
 * (from `firstLayer`) where no voxel of the mask is taken by another segment, so overlapping
 * segments end up in separate layers and segments of one layer stay exclusive; a new layer is added
 * when none fits. The value is the smallest one free in that layer.
 */
export function placeSegmentSlices(s: Segmentation, slices: SegmentSlice[], firstLayer = 0): { layer: number; value: number } {
  const sliceVoxels = s.dimensions[0] * s.dimensions[1];
  for (let layer = firstLayer; ; layer++) {
    if (layer === s.layers.length) s.layers.push(new Uint8Array(segmentationVoxelCount(s)));
    const value = freeValue(s, layer);
    if (value === 0) continue;
    const a = s.layers[layer];
    if (!slices.every(({ k, mask }) => fits(a, mask, k * sliceVoxels, value))) continue;
    for (const { k, mask } of slices) {
      if (mask.length !== sliceVoxels) throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { slice: k }, `a slice mask has ${mask.length} voxels, the grid ${sliceVoxels}`);
      const base = k * sliceVoxels;
      for (let n = 0; n < sliceVoxels; n++) if (mask[n] !== 0) a[base + n] = value;
    }
    return { layer, value };
  }
}

/** The smallest value 1–255 no segment of the layer uses, or 0 when the layer is full. */
function freeValue(s: Segmentation, layer: number): number {
  const used = new Uint8Array(256);
  for (const g of s.segments) if (g.layer === layer) used[g.value] = 1;
  for (let v = 1; v < 256; v++) if (!used[v]) return v;
  return 0;
}

function fits(a: Uint8Array, mask: Uint8Array, base: number, value: number): boolean {
  for (let n = 0; n < mask.length; n++) {
    if (mask[n] !== 0) {
      const cur = a[base + n];
      if (cur !== 0 && cur !== value) return false;
    }
  }
  return true;
}
