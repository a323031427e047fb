import type { Mat4 } from '../math/Mat4.ts';

const LPS_LETTERS = [['L', 'R'], ['P', 'A'], ['S', 'I']] as const;

/**
 * The closest anatomical direction of each index axis, as three letters in LPS terms
 * (e.g. 'LPS' for an axial DICOM stack, 'LAS' after dcm2niix's row flip, 'PSR' for sagittal).
 */
export function orientationCode(indexToWorld: Mat4): string {
  let code = '';
  for (let c = 0; c < 3; c++) {
    const v = [indexToWorld[c * 4], indexToWorld[c * 4 + 1], indexToWorld[c * 4 + 2]];
    let axis = 0;
    for (let a = 1; a < 3; a++) if (Math.abs(v[a]) > Math.abs(v[axis])) axis = a;
    code += LPS_LETTERS[axis][v[axis] >= 0 ? 0 : 1];
  }
  return code;
}

/**
 * Patient direction letters of an LPS direction, strongest first, components above 0.25 only
 * (e.g. 'L' for [1, 0, 0], 'LP' for an oblique): the labels at the edges of a view.
 */
export function directionLabel(d: readonly number[]): string {
  return [0, 1, 2].filter((a) => Math.abs(d[a]) > 0.25).sort((a, b) => Math.abs(d[b]) - Math.abs(d[a]))
    .map((a) => LPS_LETTERS[a][d[a] >= 0 ? 0 : 1]).join('');
}
