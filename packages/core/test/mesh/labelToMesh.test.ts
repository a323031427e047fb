import { describe, expect, it } from 'vitest';
import { checkMeshTopology, computeNormals, labelToMesh, mat4FromColumns, mat4Identity, meshVolume, smoothMesh, type Mesh } from '../../src/index.ts';
import type { Dims3, Vec3 } from '../../src/math/Vec3.ts';
import { mulberry32 } from '../util/mulberry32.ts';
import { thrown } from '../util/thrown.ts';
import { at, axisGrid, ball, ballGrid, rasterize, torus } from './meshGrids.ts';

const I = mat4Identity();

/** A grid with the given voxels set to 1. */
function voxels(dims: Dims3, ...ijk: Vec3[]): Uint8Array {
  const m = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (const [i, j, k] of ijk) m[at(dims, i, j, k)] = 1;
  return m;
}

function expectClosedManifold(mesh: Mesh): void {
  const t = checkMeshTopology(mesh);
  expect(t).toMatchObject({ watertight: true, manifold: true, oriented: true, boundaryEdges: 0, nonManifoldEdges: 0, nonManifoldVertices: 0 });
}

describe('labelToMesh', () => {
  it('meshes a single voxel as a closed octahedron of 1/6 voxel around its centre', () => {
    const d: Dims3 = [5, 5, 5];
    const mesh = labelToMesh(voxels(d, [2, 2, 2]), d, axisGrid([1, 1, 1]), 1);
    expectClosedManifold(mesh);
    expect(checkMeshTopology(mesh)).toMatchObject({ components: 1, eulerCharacteristic: 2 });
    // Vertices half way to the 6 face neighbours: an octahedron of "radius" 0.5, volume 4/3·0.5³.
    expect(mesh.positions.length / 3).toBe(6);
    expect(meshVolume(mesh)).toBeCloseTo(1 / 6, 10);
  });

  it('keeps two voxels that touch only at an edge, or only at a corner, closed and manifold (two separate pieces)', () => {
    const d: Dims3 = [5, 5, 5];
    for (const pair of [[[1, 1, 1], [2, 2, 1]], [[2, 1, 1], [1, 2, 1]], [[1, 1, 1], [2, 2, 2]], [[2, 1, 1], [1, 2, 2]]] as Vec3[][]) {
      const mesh = labelToMesh(voxels(d, ...pair), d, I, 1);
      expectClosedManifold(mesh);
      // Voxels are face-connected (6-connectivity): an edge or a corner does not join them.
      expect(checkMeshTopology(mesh)).toMatchObject({ components: 2, eulerCharacteristic: 4 });
      expect(meshVolume(mesh)).toBeCloseTo(2 / 6, 10);
    }
  });

  it('gives a closed manifold surface for every pattern of a 2×2×2 block', () => {
    const d: Dims3 = [4, 4, 4];
    for (let c = 1; c < 256; c++) {
      const set: Vec3[] = [];
      for (let b = 0; b < 8; b++) if ((c >> b) & 1) set.push([1 + (b & 1), 1 + ((b >> 1) & 1), 1 + (b >> 2)]);
      const mesh = labelToMesh(voxels(d, ...set), d, I, 1);
      expectClosedManifold(mesh);
      expect(meshVolume(mesh)).toBeGreaterThan(0);
    }
  });

  it('gives a closed manifold surface for random noise of any density, also after smoothing', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = mulberry32(seed);
      const d: Dims3 = [3 + Math.floor(rnd() * 12), 3 + Math.floor(rnd() * 12), 3 + Math.floor(rnd() * 12)];
      const density = rnd();
      const m = new Uint8Array(d[0] * d[1] * d[2]);
      // Two labels side by side, touching the grid's edges (where the surface must still close).
      for (let p = 0; p < m.length; p++) m[p] = rnd() < density ? (rnd() < 0.3 ? 2 : 1) : 0;
      for (const value of [1, 2]) {
        const mesh = labelToMesh(m, d, I, value);
        if (mesh.indices.length === 0) continue;
        expectClosedManifold(mesh);
        expectClosedManifold(smoothMesh(mesh));
        expect(meshVolume(mesh)).toBeGreaterThan(0);
      }
    }
  });

  it('meshes a noisy blob as one closed manifold piece per 6-connected island', () => {
    const rnd = mulberry32(2024);
    const d: Dims3 = [32, 32, 32];
    const g = rasterize(d, I, (p) => {
      const r = Math.hypot(p[0] - 15.5, p[1] - 15.3, p[2] - 15.7);
      return r < 9 + 3 * (rnd() - 0.5) * 2; // radius 9 ± 3 voxels, independently per voxel
    });
    const mesh = smoothMesh(labelToMesh(g.labels, d, I, 1));
    expectClosedManifold(mesh);
    expect(meshVolume(mesh)).toBeGreaterThan(0);
  });

  it('meshes a torus as one closed surface with Euler characteristic 0', () => {
    const g = rasterize([40, 40, 16], axisGrid([1, 1, 1], [-19.6, -19.3, -7.4]), torus([0, 0, 0], 12, 5));
    const mesh = smoothMesh(labelToMesh(g.labels, g.dims, g.indexToWorld, 1));
    expectClosedManifold(mesh);
    expect(checkMeshTopology(mesh)).toMatchObject({ components: 1, eulerCharacteristic: 0 });
    // 2π²·R·r² = 5922 mm³; measured −0.03% (the voxels themselves are +0.85%).
    expect(Math.abs(meshVolume(mesh) / (2 * Math.PI ** 2 * 12 * 25) - 1)).toBeLessThan(0.01);
  });

  it('places the staircase surface so that it encloses the voxels’ volume (a ball of 20 mm on 1 mm voxels)', () => {
    const g = ballGrid([1, 1, 1], 20);
    const mesh = labelToMesh(g.labels, g.dims, g.indexToWorld, 1);
    expectClosedManifold(mesh);
    // Measured −0.13% of the voxel volume: cutting the staircase's corners costs a little.
    expect(Math.abs(meshVolume(mesh) / (g.count * g.voxelMm3) - 1)).toBeLessThan(0.005);
  });

  describe('on oblique and mirrored grids', () => {
    // Rotated 0.5 rad about z then 0.3 rad about x, spacing 0.9 × 0.7 × 1.6 mm.
    const rotate = (cz: number, sz: number, cx: number, sx: number): [Vec3, Vec3, Vec3] => [
      [cz, cx * sz, sx * sz], [-sz, cx * cz, sx * cz], [0, -sx, cx],
    ];
    const [ri, rj, rk] = rotate(Math.cos(0.5), Math.sin(0.5), Math.cos(0.3), Math.sin(0.3));
    const scale = (v: Vec3, s: number): Vec3 => [v[0] * s, v[1] * s, v[2] * s];
    for (const mirror of [false, true]) {
      it(`gives the ball's volume and outward normals ${mirror ? 'when indexToWorld mirrors (negative determinant)' : 'on a rotated, anisotropic grid'}`, () => {
        const ci = scale(ri, mirror ? -0.9 : 0.9);
        const m = mat4FromColumns(ci, scale(rj, 0.7), scale(rk, 1.6), [10, -20, 30]);
        const dims: Dims3 = [70, 80, 40];
        const centre: Vec3 = [0, 1, 2].map((a) => m[a] * 35 + m[4 + a] * 40 + m[8 + a] * 20 + m[12 + a] + 0.31) as Vec3;
        const g = rasterize(dims, m, ball(centre, 18));
        const mesh = computeNormals(smoothMesh(labelToMesh(g.labels, dims, m, 1)));
        expectClosedManifold(mesh);
        const exact = (4 / 3) * Math.PI * 18 ** 3;
        // Measured −0.11% either way.
        expect(meshVolume(mesh)).toBeGreaterThan(0);
        expect(Math.abs(meshVolume(mesh) / exact - 1)).toBeLessThan(0.01);
        const { positions: p, normals } = mesh;
        for (let v = 0; v < p.length; v += 3) {
          const radial = normals![v] * (p[v] - centre[0]) + normals![v + 1] * (p[v + 1] - centre[1]) + normals![v + 2] * (p[v + 2] - centre[2]);
          expect(radial).toBeGreaterThan(0);
        }
      });
    }
  });

  it('returns an empty mesh for a value that does not occur', () => {
    const d: Dims3 = [4, 4, 4];
    const mesh = labelToMesh(voxels(d, [1, 1, 1]), d, I, 7);
    expect(mesh.positions.length).toBe(0);
    expect(mesh.indices.length).toBe(0);
  });

  it('rejects a label array of the wrong length, bad dimensions, a bad matrix and a bad value', () => {
    const d: Dims3 = [4, 4, 4];
    const e1 = thrown(() => labelToMesh(new Uint8Array(63), d, I, 1));
    expect(e1.code).toBe('VOXA_ERR_GRID_MISMATCH');
    expect(e1.message).toContain('labels has 63 voxels, the grid 4×4×4 has 64');
    expect(thrown(() => labelToMesh(new Uint8Array(64), [4, 4, 4.5] as Dims3, I, 1)).message).toContain('three positive integers');
    const nan = mat4Identity();
    nan[13] = Number.NaN;
    const e2 = thrown(() => labelToMesh(new Uint8Array(64), d, nan, 1));
    expect(e2.code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(e2.message).toContain('indexToWorld must be 16 finite numbers');
    expect(e2.where).toMatchObject({ function: 'labelToMesh' });
    expect(thrown(() => labelToMesh(new Uint8Array(64), d, mat4FromColumns([1, 0, 0], [2, 0, 0], [0, 0, 1], [0, 0, 0]), 1)).message).toContain('singular');
    expect(thrown(() => labelToMesh(new Uint8Array(64), d, I, 256)).message).toContain('integer 0…255');
    expect(thrown(() => labelToMesh(new Uint8Array(64), d, I, 1.5)).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(thrown(() => labelToMesh(new Int16Array(64) as unknown as Uint8Array, d, I, 1)).message).toContain('Uint8Array');
  });
});
