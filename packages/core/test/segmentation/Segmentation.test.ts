import { describe, expect, it } from 'vitest';
import { mat4Identity } from '../../src/math/Mat4.ts';
import { addSegment, createSegmentation, getSegment, layerWithoutOverlap, removeSegment, segmentMask, segmentVoxelCount, writeSegmentMask } from '../../src/segmentation/Segmentation.ts';

const grid = () => createSegmentation({ dimensions: [4, 3, 2], indexToWorld: mat4Identity() });
const maskOf = (indices: number[]) => {
  const m = new Uint8Array(24);
  for (const n of indices) m[n] = 1;
  return m;
};

describe('Segmentation', () => {
  it('numbers segments from 1 and shares a layer until overlap is asked for', () => {
    const s = grid();
    const a = addSegment(s, { label: 'liver' });
    const b = addSegment(s, { label: 'spleen' });
    const c = addSegment(s, { label: 'lesion' }, 'new-layer');
    expect([a.number, b.number, c.number]).toEqual([1, 2, 3]);
    expect([a.layer, a.value, b.layer, b.value, c.layer, c.value]).toEqual([0, 1, 0, 2, 1, 1]);
    expect(s.layers).toHaveLength(2);
  });

  it('starts automatic segments as proposals and manual ones as drafts', () => {
    const s = grid();
    expect(addSegment(s, { label: 'a', algorithmType: 'AUTOMATIC', algorithmName: 'rules' }).review.status).toBe('proposal');
    expect(addSegment(s, { label: 'b' }).review.status).toBe('draft');
  });

  it('replaces, adds and removes voxels; segments of one layer stay exclusive', () => {
    const s = grid();
    addSegment(s, { label: 'a' });
    addSegment(s, { label: 'b' });
    expect(writeSegmentMask(s, 1, maskOf([0, 1, 2]))).toBe(3);
    expect(writeSegmentMask(s, 2, maskOf([2, 3]))).toBe(2); // takes voxel 2 from segment 1
    expect(segmentVoxelCount(s, 1)).toBe(2);
    expect(writeSegmentMask(s, 1, maskOf([5]), { mode: 'add' })).toBe(1);
    expect(writeSegmentMask(s, 1, maskOf([0]), { mode: 'remove' })).toBe(1);
    expect([...segmentMask(s, 1)].flatMap((v, n) => (v ? [n] : []))).toEqual([1, 5]);
    expect(writeSegmentMask(s, 1, maskOf([3]), { mode: 'add', overwrite: false })).toBe(0); // voxel 3 belongs to b
  });

  it('never paints over a locked segment of the same layer', () => {
    const s = grid();
    addSegment(s, { label: 'a' });
    addSegment(s, { label: 'b', locked: true });
    writeSegmentMask(s, 2, maskOf([4]));
    writeSegmentMask(s, 1, maskOf([3, 4]));
    expect(segmentVoxelCount(s, 2)).toBe(1);
    expect(segmentVoxelCount(s, 1)).toBe(1);
  });

  it('removes a segment with its voxels and names missing segments in errors', () => {
    const s = grid();
    addSegment(s, { label: 'a' });
    writeSegmentMask(s, 1, maskOf([7]));
    removeSegment(s, 1);
    expect(s.layers[0].every((v) => v === 0)).toBe(true);
    expect(() => getSegment(s, 1)).toThrow(/no segment 1/);
    expect(() => writeSegmentMask(s, 9, new Uint8Array(24))).toThrow(/no segment 9/);
  });

  it('rejects a mask of the wrong size', () => {
    const s = grid();
    addSegment(s, { label: 'a' });
    expect(() => writeSegmentMask(s, 1, new Uint8Array(5))).toThrow(/5 voxels, the segmentation 24/);
  });

  it('finds a layer where a new mask takes nobody\'s voxels, or a new one', () => {
    const s = grid();
    addSegment(s, { label: 'organ' });
    writeSegmentMask(s, 1, maskOf([0, 1, 2, 3]));
    expect(layerWithoutOverlap(s, maskOf([10, 11])), 'beside the organ: the same layer').toBe(0);
    expect(layerWithoutOverlap(s, maskOf([2])), 'inside the organ: a new layer').toBe(1);
    addSegment(s, { label: 'lesion' }, 1);
    writeSegmentMask(s, 2, maskOf([2]));
    expect(layerWithoutOverlap(s, maskOf([3])), 'in the organ but beside the lesion: layer 1').toBe(1);
  });
});
