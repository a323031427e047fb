import { describe, expect, it } from 'vitest';
import { baselineToTimePoint } from '../../src/phantom/followUpMotion.ts';
import { phantomGrid } from '../../src/phantom/phantomGrid.ts';
import { rasterizeShapes } from '../../src/phantom/rasterizeShapes.ts';
import { Ellipsoid } from '../../src/phantom/shapes/Ellipsoid.ts';
import type { PhantomShape, RasterPiece } from '../../src/phantom/shapes/PhantomShape.ts';
import { frameAboutZ } from '../../src/phantom/shapes/RigidFrame.ts';
import { SuperellipticPrism } from '../../src/phantom/shapes/SuperellipticPrism.ts';
import { Tube } from '../../src/phantom/shapes/Tube.ts';

/** The same solid with its fast paths hidden: the rasterizer must evaluate every voxel. */
function perVoxel(shape: PhantomShape): PhantomShape {
  const pieces: RasterPiece[] = shape.pieces().map((p) => ({
    paint: p.paint,
    signedDistanceMm: (x, y, z) => p.signedDistanceMm(x, y, z),
    boundsLps: () => p.boundsLps(),
    zSeparable: () => undefined,
    quadricRows: () => undefined,
  }));
  return { name: shape.name, paint: shape.paint, transformed: () => shape, pieces: () => pieces };
}

const grid = phantomGrid('small');
const count = grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
const moved = baselineToTimePoint(1);

const shapes: PhantomShape[] = [
  new SuperellipticPrism('torso', frameAboutZ([3, -2, 10], 7), { a: 120, b: 80, n: 2.5, halfHeight: 100 }, { label: 1, hu: 40 }),
  new Ellipsoid('organ', frameAboutZ([-30, 10, 5], 25), [40, 25, 33], { label: 2, hu: 60 }),
  new Ellipsoid('lesion', frameAboutZ([-30, 10, 5], -10), [9.5, 7, 8], { label: 3, hu: 20 }),
  new Tube('vessel', [[10, 20, -120], [14, 18, 0], [30, 0, 60], [30, -30, 90]], 9, { label: 4, hu: 200 }),
  new Ellipsoid('hu only', frameAboutZ([40, 0, 0]), [15, 15, 15], { hu: -500 }),
].map((s) => s.transformed(moved));

function paint(list: readonly PhantomShape[], partialVolume: boolean): { labels: Uint8Array; hu: Int16Array } {
  const labels = new Uint8Array(count);
  const hu = new Int16Array(count).fill(-1000);
  rasterizeShapes(grid, labels, hu, list, { partialVolume });
  return { labels, hu };
}

describe('rasterizeShapes', () => {
  it('paints exactly what a per-voxel evaluation paints (prism runs and quadric rows are exact shortcuts)', () => {
    for (const pv of [true, false]) {
      const fast = paint(shapes, pv);
      const slow = paint(shapes.map(perVoxel), pv);
      expect(Buffer.from(fast.labels.buffer).equals(Buffer.from(slow.labels.buffer)), `labels, partialVolume ${pv}`).toBe(true);
      expect(Buffer.from(fast.hu.buffer).equals(Buffer.from(slow.hu.buffer)), `HU, partialVolume ${pv}`).toBe(true);
    }
  });

  it('keeps labels crisp: a label is written exactly where the voxel centre is inside', () => {
    const lesion = shapes[2];
    const { labels } = paint([lesion], true);
    const m = grid.indexToWorld;
    const [nx, ny, nz] = grid.dimensions;
    let mismatches = 0, inside = 0;
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const d = lesion.pieces()[0].signedDistanceMm(m[12] + i * m[0], m[13] + j * m[5], m[14] + k * m[10]);
          const l = labels[i + nx * (j + ny * k)];
          if ((d <= 0) !== (l === 3)) mismatches++;
          if (d <= 0) inside++;
        }
      }
    }
    expect(inside).toBeGreaterThan(50);
    expect(mismatches).toBe(0);
  });

  it('blends HU only at edges with partial volume, and paints two values without it', () => {
    const organ = [shapes[1]];
    const values = (hu: Int16Array) => new Set(hu);
    expect([...values(paint(organ, false).hu)].sort((a, b) => a - b)).toEqual([-1000, 60]);
    const blended = values(paint(organ, true).hu);
    expect(blended.size).toBeGreaterThan(10);
    for (const v of blended) expect(v >= -1000 && v <= 60).toBe(true);
  });

  it('paints a tube joint once: HU at a joint edge is never above the single-capsule coverage', () => {
    // Two collinear segments: the union is one capsule, so painting must equal a 1-segment tube.
    const two = new Tube('two', [[0, 0, -60], [0, 0, 0], [0, 0, 60]], 10, { label: 1, hu: 100 });
    const one = new Tube('one', [[0, 0, -60], [0, 0, 60]], 10, { label: 1, hu: 100 });
    const a = paint([two], true), b = paint([one], true);
    expect(Buffer.from(a.hu.buffer).equals(Buffer.from(b.hu.buffer))).toBe(true);
    expect(Buffer.from(a.labels.buffer).equals(Buffer.from(b.labels.buffer))).toBe(true);
  });
});
