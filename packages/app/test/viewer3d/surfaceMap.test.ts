import { describe, expect, it } from 'vitest';
import { colorMapScalars, computeNormals, labelToMesh, mat4Identity, smoothMesh, type Mesh, type Vec3 } from '@voxa/core';
import { surfaceMap } from '../../src/viewer3d/surfaceMap.ts';

/** Two balls on a 1 mm grid, meshed as the surface worker does (label 1 and 2). */
const dims: [number, number, number] = [64, 40, 40];
const a = { centre: [16, 20, 20] as Vec3, radius: 8 }, b = { centre: [41, 20, 20] as Vec3, radius: 6 };
const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
for (let k = 0; k < dims[2]; k++) {
  for (let j = 0; j < dims[1]; j++) {
    for (let i = 0; i < dims[0]; i++) {
      for (const [value, ball] of [[1, a], [2, b]] as const) {
        if (Math.hypot(i - ball.centre[0], j - ball.centre[1], k - ball.centre[2]) <= ball.radius) labels[i + dims[0] * (j + dims[1] * k)] = value;
      }
    }
  }
}
const surface = (value: number): Mesh => computeNormals(smoothMesh(labelToMesh(labels, dims, mat4Identity(), value)));
const ballA = surface(1), ballB = surface(2);
const centreDistance = b.centre[0] - a.centre[0];

describe('surfaceMap', () => {
  it('maps the distance of one ball to another: nearest pole d − rA − rB, farthest d + rA − rB', () => {
    const m = surfaceMap('distance', ballA, ballB);
    // Within a voxel: the voxelised balls' surfaces lie within half a voxel of the spheres.
    expect(m.stats.min).toBeCloseTo(centreDistance - a.radius - b.radius, 0);
    expect(m.stats.max).toBeCloseTo(centreDistance + a.radius - b.radius, 0);
    expect(m.stats.count).toBe(ballA.positions.length / 3);
    expect(m.stats.missing).toBe(0);
    expect(m.stats.mean).toBeGreaterThan(m.stats.min);
    expect(m.stats.mean).toBeLessThan(m.stats.max);
  });

  it('maps a ball\'s thickness to about its diameter (its largest inscribed ball is itself)', () => {
    const m = surfaceMap('thickness', ballA);
    // The largest ball inside the voxelised, smoothed sphere touches its small bumps, so it reads
    // a little thin: measured 14.9 mm for a diameter of 16 (the vertices' mean radius is 7.96).
    expect(m.stats.mean, `mean ${m.stats.mean.toFixed(2)} mm vs ${2 * a.radius} mm`).toBeGreaterThan(0.9 * 2 * a.radius);
    expect(m.stats.mean).toBeLessThan(1.02 * 2 * a.radius);
    expect(m.legend.min).toBe(m.stats.min);
  });

  it('colours each vertex as core\'s colour map does over the values\' own range, and the legend says so', () => {
    const m = surfaceMap('distance', ballA, ballB);
    expect(m.rgb).toHaveLength(ballA.positions.length);
    expect(m.legend).toMatchObject({ map: 'viridis', unit: 'mm', min: m.stats.min, max: m.stats.max });
    expect(Array.from(m.rgb)).toEqual(Array.from(colorMapScalars(m.values, { min: m.stats.min, max: m.stats.max }).rgb));
    // The nearest vertex takes the map's first colour, the farthest its last.
    const nearest = m.values.indexOf(m.stats.min), farthest = m.values.indexOf(m.stats.max);
    expect(Array.from(m.rgb.subarray(3 * nearest, 3 * nearest + 3))).toEqual(m.legend.stops[0].rgb);
    expect(Array.from(m.rgb.subarray(3 * farthest, 3 * farthest + 3))).toEqual(m.legend.stops.at(-1)!.rgb);
  });

  it('refuses a distance map without the other surface', () => {
    expect(() => surfaceMap('distance', ballA)).toThrow(/needs the other segment/);
  });
});
