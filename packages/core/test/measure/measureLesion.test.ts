import { describe, expect, it } from 'vitest';
import { generatePhantomTimePoint } from '../../src/phantom/generatePhantom.ts';
import { lesionAxesFromMask } from '../../src/measure/lesionAxes.ts';
import { measureLesion } from '../../src/measure/measureLesion.ts';
import { segmentLesionAt } from '../../src/segmentation/lesion/segmentLesionAt.ts';

describe('measureLesion (the one-click lesion measurement, on the segment\'s bounding box)', () => {
  const tp = generatePhantomTimePoint(0, { size: 'small' });
  const liver = tp.truth.lesions.find((l) => l.id === 'liver-1')!;
  const seg = segmentLesionAt(tp.ct, liver.centreLps);
  const m = measureLesion(tp.ct, seg);

  it('gives the axes of the whole mask, in the whole grid\'s slices and LPS', () => {
    const whole = lesionAxesFromMask(seg.mask, tp.ct.dimensions, tp.ct.indexToWorld);
    expect(m.axes!.longMm).toBeCloseTo(whole.longMm, 6);
    expect(m.axes!.shortMm).toBeCloseTo(whole.shortMm, 6);
    expect(m.axes!.slice).toBe(whole.slice);
    expect(m.axes!.longA).toEqual(whole.longA.map((x) => expect.closeTo(x, 6)));
    // Within two voxels of the designed 40 × 32 mm axial section of liver-1.
    expect(Math.abs(m.axes!.longMm - 2 * liver.semiAxesMm[0])).toBeLessThan(5.6);
  });

  it('gives the volume, mean and maximum over the mask and its centroid', () => {
    let sum = 0, max = -Infinity, n = 0;
    for (let i = 0; i < seg.mask.length; i++) if (seg.mask[i]) { sum += tp.ct.voxels[i]; max = Math.max(max, tp.ct.voxels[i]); n++; }
    expect(m.voxelCount).toBe(n);
    expect(m.volumeMm3).toBe(seg.volumeMm3);
    expect(m.mean).toBeCloseTo(sum / n, 9);
    expect(m.max).toBe(max);
    expect(m.units).toBe('HU');
    expect(Math.hypot(...[0, 1, 2].map((a) => m.centroidLps![a] - liver.centreLps[a]))).toBeLessThan(2);
  });
});
