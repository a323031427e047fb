import { describe, expect, it } from 'vitest';
import { planeBoxOutline } from '../../src/viewer3d/planeBoxOutline.ts';

describe('planeBoxOutline', () => {
  it('cuts an axial rectangle through a box, corners in order around it', () => {
    const poly = planeBoxOutline([5, 5, 3], [0, 0, 1], [0, 0, 0], [10, 20, 30]);
    expect(poly).toHaveLength(4);
    for (const p of poly) expect(p[2]).toBeCloseTo(3);
    const xs = poly.map((p) => p[0]).sort((a, b) => a - b), ys = poly.map((p) => p[1]).sort((a, b) => a - b);
    expect([xs[0], xs[3], ys[0], ys[3]]).toEqual([0, 10, 0, 20]);
    // Consecutive corners share an edge of the rectangle (no diagonal jumps).
    for (let n = 0; n < 4; n++) {
      const a = poly[n], b = poly[(n + 1) % 4];
      expect(a[0] === b[0] || a[1] === b[1]).toBe(true);
    }
  });

  it('cuts a hexagon through a cube along its diagonal, and nothing outside the box', () => {
    const hex = planeBoxOutline([1, 1, 1], [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)], [0, 0, 0], [2, 2, 2]);
    expect(hex).toHaveLength(6);
    for (const p of hex) expect(p[0] + p[1] + p[2]).toBeCloseTo(3);
    expect(planeBoxOutline([0, 0, 50], [0, 0, 1], [0, 0, 0], [2, 2, 2])).toEqual([]);
  });
});
