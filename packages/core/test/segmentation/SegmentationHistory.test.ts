import { describe, expect, it } from 'vitest';
import { mat4Identity } from '../../src/math/Mat4.ts';
import { addSegment, createSegmentation, segmentVoxelCount, writeSegmentMask } from '../../src/segmentation/Segmentation.ts';
import { SegmentationHistory } from '../../src/segmentation/SegmentationHistory.ts';

const N = 10 * 10 * 10;
const box = (lo: number, hi: number) => {
  const m = new Uint8Array(N);
  for (let k = lo; k <= hi; k++) for (let j = lo; j <= hi; j++) for (let i = lo; i <= hi; i++) m[i + 10 * (j + 10 * k)] = 1;
  return m;
};

describe('SegmentationHistory', () => {
  it('undoes and redoes voxel edits and segment creation', () => {
    const s = createSegmentation({ dimensions: [10, 10, 10], indexToWorld: mat4Identity() });
    const h = new SegmentationHistory(s);
    h.edit('add liver', () => addSegment(s, { label: 'liver' }));
    h.edit('paint', () => writeSegmentMask(s, 1, box(2, 4)));
    h.edit('grow', () => writeSegmentMask(s, 1, box(2, 5), { mode: 'add' }));
    expect(segmentVoxelCount(s, 1)).toBe(64);
    expect(h.undo()).toBe('grow');
    expect(segmentVoxelCount(s, 1)).toBe(27);
    expect(h.undo()).toBe('paint');
    expect(segmentVoxelCount(s, 1)).toBe(0);
    expect(h.undo()).toBe('add liver');
    expect(s.segments).toHaveLength(0);
    expect(s.layers).toHaveLength(0); // the layer the edit created is gone
    expect(h.redo()).toBe('add liver');
    expect(h.redo()).toBe('paint');
    expect(h.redo()).toBe('grow');
    expect(segmentVoxelCount(s, 1)).toBe(64);
    expect(h.canRedo).toBe(false);
  });

  it('snapshots only the given box and still restores exactly', () => {
    const s = createSegmentation({ dimensions: [10, 10, 10], indexToWorld: mat4Identity() });
    addSegment(s, { label: 'a' });
    writeSegmentMask(s, 1, box(0, 9));
    const before = s.layers[0].slice();
    const h = new SegmentationHistory(s);
    h.edit('erase', () => writeSegmentMask(s, 1, box(3, 5), { mode: 'remove' }), { lo: [3, 3, 3], hi: [5, 5, 5] });
    expect(segmentVoxelCount(s, 1)).toBe(1000 - 27);
    h.undo();
    expect(s.layers[0]).toEqual(before);
  });

  it('records nothing for an edit that changed nothing, and a new edit clears redo', () => {
    const s = createSegmentation({ dimensions: [10, 10, 10], indexToWorld: mat4Identity() });
    const h = new SegmentationHistory(s);
    h.edit('add', () => addSegment(s, { label: 'a' }));
    h.edit('nothing', () => writeSegmentMask(s, 1, new Uint8Array(N), { mode: 'add' }));
    expect(h.labels).toEqual(['add']);
    h.undo();
    h.edit('add b', () => addSegment(s, { label: 'b' }));
    expect(h.canRedo).toBe(false);
  });

  it('drops the oldest edits beyond the limit', () => {
    const s = createSegmentation({ dimensions: [10, 10, 10], indexToWorld: mat4Identity() });
    const h = new SegmentationHistory(s, { limit: 2 });
    h.edit('add', () => addSegment(s, { label: 'a' }));
    for (let n = 0; n < 4; n++) h.edit(`paint ${n}`, () => writeSegmentMask(s, 1, box(n, n)));
    expect(h.labels).toEqual(['paint 2', 'paint 3']);
  });
});

describe('SegmentationHistory strokes', () => {
  it('records a stroke of many changes as one edit', () => {
    const s = createSegmentation({ dimensions: [10, 10, 10], indexToWorld: mat4Identity() });
    addSegment(s, { label: 'a' });
    const h = new SegmentationHistory(s);
    h.begin('stroke');
    for (let n = 0; n < 5; n++) writeSegmentMask(s, 1, box(n, n), { mode: 'add' });
    h.commit();
    expect(h.labels).toEqual(['stroke']);
    expect(segmentVoxelCount(s, 1)).toBe(5);
    h.undo();
    expect(segmentVoxelCount(s, 1)).toBe(0);
  });
});

describe('SegmentationHistory layer replacement', () => {
  it('undoes an edit that replaced the layers with fewer ones (loading a SEG)', () => {
    const s = createSegmentation({ dimensions: [10, 10, 10], indexToWorld: mat4Identity() });
    addSegment(s, { label: 'a' });
    addSegment(s, { label: 'b' }, 'new-layer');
    writeSegmentMask(s, 1, box(0, 2));
    writeSegmentMask(s, 2, box(3, 4));
    const h = new SegmentationHistory(s);
    h.edit('load', () => {
      s.layers = [box(5, 5)];
      s.segments = s.segments.slice(0, 1);
    });
    expect(segmentVoxelCount(s, 1)).toBe(1);
    h.undo();
    expect(s.layers).toHaveLength(2);
    expect(segmentVoxelCount(s, 1)).toBe(27);
    expect(segmentVoxelCount(s, 2)).toBe(8);
    h.redo();
    expect(s.layers).toHaveLength(1);
    expect(segmentVoxelCount(s, 1)).toBe(1);
  });
});
