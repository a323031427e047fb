import { VoxaError } from '../errors/VoxaError.ts';
import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3 } from '../math/Vec3.ts';
import { labelBounds } from './labelBounds.ts';
import { emptyMesh, type Mesh } from './Mesh.ts';
import { MARCHING_CUBES_CASES } from './marchingCubesCases.ts';

/**
 * The surface of the voxels of one label value: marching cubes on the 0/1 mask of the value with
 * a table that cannot leave holes or pinches (`MARCHING_CUBES_CASES`), every vertex half way
 * along a grid edge from a voxel centre in the label to one outside it. The result is closed and
 * 2-manifold for any input; voxels touching only at an edge or a corner stay separate pieces
 * (the label is taken as face-connected). One vertex per grid edge, shared by all its triangles
 * (found through two slices of edge slots, no hashing). Positions are LPS mm through
 * `indexToWorld` (anisotropic and oblique grids alike), wound outward also when the matrix
 * mirrors. It is a staircase at the voxel scale: follow with `smoothMesh` for a smooth surface.
 * Only the label's bounding box (plus one voxel) is visited; a value that does not occur gives an
 * empty mesh.
 *
 * @example
 * const { voxels, dimensions, indexToWorld } = labelVolume;
 * const liver = computeNormals(smoothMesh(labelToMesh(voxels as Uint8Array, dimensions, indexToWorld, 14)));
 *
 * @param labels one value per voxel, voxel (i, j, k) at i + nx·(j + ny·k); a 0/1 mask with value 1 works too
 * @param value the label value 0…255 whose voxels are meshed
 */
export function labelToMesh(labels: Uint8Array, dims: Dims3, indexToWorld: Mat4, value: number): Mesh {
  checkLabelGrid(labels, dims, indexToWorld, 'labelToMesh');
  checkLabelValue(value, 'labelToMesh');
  const bounds = labelBounds(labels, dims, value);
  return meshLabelBox(labels, dims, indexToWorld, value, bounds.subarray(6 * value, 6 * value + 6));
}

/** Throws unless the grid, the array and the matrix fit together and are usable. */
export function checkLabelGrid(labels: Uint8Array, dims: Dims3, indexToWorld: Mat4, where: string): void {
  if (!(labels instanceof Uint8Array)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, 'labels must be a Uint8Array (one label value per voxel)');
  }
  const [nx, ny, nz] = dims ?? [];
  if (!(Number.isInteger(nx) && Number.isInteger(ny) && Number.isInteger(nz) && nx >= 1 && ny >= 1 && nz >= 1)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `grid dimensions ${String(dims)} must be three positive integers`);
  }
  if (labels.length !== nx * ny * nz) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { function: where }, `labels has ${labels.length} voxels, the grid ${nx}×${ny}×${nz} has ${nx * ny * nz}`);
  }
  if (!indexToWorld || indexToWorld.length !== 16 || !Array.prototype.every.call(indexToWorld, Number.isFinite)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, 'indexToWorld must be 16 finite numbers (a column-major 4×4)');
  }
  if (!(Math.abs(linearDeterminant(indexToWorld)) > 0)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, 'indexToWorld is singular: its three axis columns must span 3D space');
  }
}

/** Throws unless the value is a label value 0…255. */
export function checkLabelValue(value: number, where: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where, value }, 'the label value must be an integer 0…255');
  }
}

/** Determinant of the upper-left 3×3 (negative for a mirroring matrix). */
export function linearDeterminant(m: Mat4): number {
  return m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
}

/**
 * The marching-cubes surface of `value` inside its index box (iMin, jMin, kMin, iMax, jMax,
 * kMax; iMax < 0 for none), for callers that found the boxes of all values in one pass.
 */
export function meshLabelBox(labels: Uint8Array, dims: Dims3, indexToWorld: Mat4, value: number, box: ArrayLike<number>): Mesh {
  if (box[3] < 0) return emptyMesh();
  const [nx, ny] = dims;
  // Nodes of the working grid: the box and one voxel around it, all outside the label, so the
  // surface closes even where the label touches the grid's edge.
  const i0 = box[0] - 1, j0 = box[1] - 1, k0 = box[2] - 1;
  const bx = box[3] - box[0] + 3, by = box[4] - box[1] + 3, bz = box[5] - box[2] + 3;
  const plane = bx * by;
  const inside = new Uint8Array(plane * bz);
  for (let k = 1; k < bz - 1; k++) {
    for (let j = 1; j < by - 1; j++) {
      const src = i0 + 1 + nx * (j0 + j + ny * (k0 + k));
      const dst = 1 + bx * j + plane * k;
      for (let i = 0; i < bx - 2; i++) inside[dst + i] = labels[src + i] === value ? 1 : 0;
    }
  }

  const m = indexToWorld;
  const flip = linearDeterminant(m) < 0;
  // World position of box node (0, 0, 0), and the world steps of one voxel along i, j, k.
  const ox = m[0] * i0 + m[4] * j0 + m[8] * k0 + m[12];
  const oy = m[1] * i0 + m[5] * j0 + m[9] * k0 + m[13];
  const oz = m[2] * i0 + m[6] * j0 + m[10] * k0 + m[14];
  const m0 = m[0], m1 = m[1], m2 = m[2], m4 = m[4], m5 = m[5], m6 = m[6], m8 = m[8], m9 = m[9], m10 = m[10];

  let positions = new Float32Array(Math.max(3 * 1024, 3 * 2 * (bx * by + by * bz + bx * bz)));
  let indices = new Uint32Array(2 * positions.length);
  let vertexCount = 0, indexCount = 0;
  // Surface vertex of each grid edge, for the nodes of two slices: 3 slots (edges along x, y, z)
  // per node. `cur` holds the edges leaving slice k, `next` those leaving slice k + 1; a slot is
  // valid when its id is at least the vertex count when its slice became `next`, so the maps are
  // reused without clearing.
  let cur = new Int32Array(3 * plane).fill(-1), next = new Int32Array(3 * plane).fill(-1);
  let curFrom = 0, nextFrom = 0;
  const { caseStart, loopStart, edges, centred, fromColumns } = MARCHING_CUBES_CASES;
  const loop = new Int32Array(12);

  const addVertex = (x: number, y: number, z: number): number => {
    if (3 * vertexCount + 3 > positions.length) positions = grow(positions, positions.length * 2);
    const p = 3 * vertexCount;
    positions[p] = ox + m0 * x + m4 * y + m8 * z;
    positions[p + 1] = oy + m1 * x + m5 * y + m9 * z;
    positions[p + 2] = oz + m2 * x + m6 * y + m10 * z;
    return vertexCount++;
  };
  const addTriangle = (a: number, b: number, c: number): void => {
    if (indexCount + 3 > indices.length) indices = grow(indices, indices.length * 2);
    // A mirroring matrix turns counter-clockwise into clockwise: swap two corners back.
    indices[indexCount] = a;
    indices[indexCount + 1] = flip ? c : b;
    indices[indexCount + 2] = flip ? b : c;
    indexCount += 3;
  };

  for (let k = 0; k < bz - 1; k++) {
    for (let j = 0; j < by - 1; j++) {
      const r00 = bx * j + plane * k, r10 = r00 + bx, r01 = r00 + plane, r11 = r10 + plane;
      let left = inside[r00] | (inside[r10] << 1) | (inside[r01] << 2) | (inside[r11] << 3);
      for (let i = 0; i < bx - 1; i++) {
        const right = inside[r00 + i + 1] | (inside[r10 + i + 1] << 1) | (inside[r01 + i + 1] << 2) | (inside[r11 + i + 1] << 3);
        const c = fromColumns[left | (right << 4)];
        left = right;
        if (c === 0 || c === 255) continue;
        for (let l = caseStart[c], lEnd = caseStart[c + 1]; l < lEnd; l++) {
          const s = loopStart[l], len = loopStart[l + 1] - s;
          for (let q = 0; q < len; q++) {
            const code = edges[s + q];
            const a = code >> 3, d = code & 7;
            const ni = i + (a & 1), nj = j + ((a >> 1) & 1);
            const slot = 3 * (ni + bx * nj) + (d >> 1);
            let v: number;
            if (a & 4) {
              v = next[slot];
              // Half way along the edge: the 0.5 level between a voxel in (1) and one out (0).
              if (v < nextFrom) next[slot] = v = addVertex(ni + 0.5 * (d & 1), nj + 0.5 * ((d >> 1) & 1), k + 1);
            } else {
              v = cur[slot];
              if (v < curFrom) cur[slot] = v = addVertex(ni + 0.5 * (d & 1), nj + 0.5 * ((d >> 1) & 1), k + 0.5 * (d >> 2));
            }
            loop[q] = v;
          }
          if (centred[l]) {
            // Rare (a loop through one face twice, see the table): a fan around a centre vertex.
            let cx = 0, cy = 0, cz = 0;
            for (let q = 0; q < len; q++) {
              const code = edges[s + q], a = code >> 3, d = code & 7;
              cx += i + (a & 1) + 0.5 * (d & 1);
              cy += j + ((a >> 1) & 1) + 0.5 * ((d >> 1) & 1);
              cz += k + ((a >> 2) & 1) + 0.5 * (d >> 2);
            }
            const centre = addVertex(cx / len, cy / len, cz / len);
            for (let q = 0; q < len; q++) addTriangle(centre, loop[q], loop[(q + 1) % len]);
          } else {
            for (let q = 1; q < len - 1; q++) addTriangle(loop[0], loop[q], loop[q + 1]);
          }
        }
      }
    }
    const old = cur;
    cur = next;
    curFrom = nextFrom;
    next = old;
    nextFrom = vertexCount;
  }
  return { positions: positions.slice(0, 3 * vertexCount), indices: indices.slice(0, indexCount) };
}

/** A copy of `a` with room for `length` elements. */
function grow<T extends Float32Array | Uint32Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

