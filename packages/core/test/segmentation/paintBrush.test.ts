import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../src/math/Mat4.ts';
import { paintBrush } from '../../src/segmentation/paintBrush.ts';
import { addSegment, createSegmentation, segmentVoxelCount } from '../../src/segmentation/Segmentation.ts';

// 0.5 × 0.5 × 1 mm voxels, origin at (-10, -10, -10).
const grid = () => createSegmentation({ dimensions: [40, 40, 20], indexToWorld: mat4FromColumns([0.5, 0, 0], [0, 0.5, 0], [0, 0, 1], [-10, -10, -10]) });

describe('paintBrush', () => {
  it('paints a sphere whose voxel volume matches 4/3·π·r³ within 3%', () => {
    const s = grid();
    addSegment(s, { label: 'a' });
    const box = paintBrush(s, 1, [0, 0, 0], 5);
    const volume = segmentVoxelCount(s, 1) * 0.25;
    expect(Math.abs(volume - (4 / 3) * Math.PI * 125) / ((4 / 3) * Math.PI * 125)).toBeLessThan(0.03);
    expect(box).toEqual({ lo: [10, 10, 5], hi: [30, 30, 15] });
  });

  it('paints a one-voxel-thick disc on an axial plane (area π·r² within 3%)', () => {
    const s = grid();
    addSegment(s, { label: 'a' });
    paintBrush(s, 1, [0, 0, 0], 5, { planeNormal: [0, 0, 1] });
    const area = segmentVoxelCount(s, 1) * 0.25;
    expect(Math.abs(area - Math.PI * 25) / (Math.PI * 25)).toBeLessThan(0.03);
    const k10 = s.layers[0].subarray(40 * 40 * 10, 40 * 40 * 11).reduce((t, v) => t + v, 0);
    expect(k10).toBe(segmentVoxelCount(s, 1)); // all on slice k = 10 (z = 0)
  });

  it('erases only its own segment and never paints over a locked one', () => {
    const s = grid();
    addSegment(s, { label: 'a' });
    addSegment(s, { label: 'b', locked: true });
    paintBrush(s, 2, [2, 0, 0], 2);
    const b = segmentVoxelCount(s, 2);
    paintBrush(s, 1, [0, 0, 0], 5);
    expect(segmentVoxelCount(s, 2)).toBe(b);
    paintBrush(s, 1, [0, 0, 0], 10, { erase: true });
    expect(segmentVoxelCount(s, 1)).toBe(0);
    expect(segmentVoxelCount(s, 2)).toBe(b);
  });

  it('returns null for a brush outside the grid', () => {
    const s = grid();
    addSegment(s, { label: 'a' });
    expect(paintBrush(s, 1, [100, 0, 0], 3)).toBeNull();
  });
});
