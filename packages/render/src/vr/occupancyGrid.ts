import type { TransferTable } from '@voxa/core';

/**
 * Which bricks a rendering must sample: for compositing, those whose value range meets a
 * non-zero opacity of the transfer table (a range-maximum query per brick on a sparse table of
 * the opacities, O(1) each); for projections, every brick with loaded voxels. 255 = occupied.
 */
export function occupancyGrid(
  brickMinMax: Float32Array, table: TransferTable, codeOf: (value: number) => number, codeToTable: (code: number) => number, composite: boolean,
): Uint8Array {
  const n = brickMinMax.length / 2;
  const out = new Uint8Array(n);
  const sparse = composite ? sparseMax(table) : undefined;
  for (let i = 0; i < n; i++) {
    const mn = brickMinMax[i * 2], mx = brickMinMax[i * 2 + 1];
    if (!(mn <= mx)) continue;
    if (!sparse) { out[i] = 255; continue; }
    // Table entries the brick's values can reach (interpolation between entries included).
    const a = Math.floor(codeToTable(codeOf(mn))), b = Math.ceil(codeToTable(codeOf(mx)));
    out[i] = rangeMax(sparse, clamp(a, 0, table.size - 1), clamp(b, 0, table.size - 1)) > 0 ? 255 : 0;
  }
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function sparseMax(table: TransferTable): Float32Array[] {
  const levels = [new Float32Array(table.size)];
  for (let i = 0; i < table.size; i++) levels[0][i] = table.rgba[i * 4 + 3];
  for (let k = 1; 1 << k <= table.size; k++) {
    const prev = levels[k - 1], half = 1 << (k - 1);
    const cur = new Float32Array(table.size - (1 << k) + 1);
    for (let i = 0; i < cur.length; i++) cur[i] = Math.max(prev[i], prev[i + half]);
    levels.push(cur);
  }
  return levels;
}

function rangeMax(levels: Float32Array[], a: number, b: number): number {
  const k = Math.floor(Math.log2(b - a + 1));
  return Math.max(levels[k][a], levels[k][b - (1 << k) + 1]);
}
