import { VoxaError } from '../errors/VoxaError.ts';
import { mat4Identity, type Mat4 } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import type { RegistrationTransform } from './RegistrationTransform.ts';

/**
 * A transform as ITK's text transform file (`.tfm`, "#Insight Transform File V1.0"), which 3D
 * Slicer, ANTs, elastix's transformix and SimpleITK read. ITK works in LPS like Voxa and its
 * transforms map fixed to moving points, so the matrix goes out unchanged: an
 * AffineTransform_double_3_3 with Parameters = A (row-major) then t, FixedParameters = centre,
 * T(x) = A·(x − c) + c + t.
 */
export function writeItkTransform(transform: RegistrationTransform): string {
  const m = transform.fixedToMoving;
  const c = transform.centerMm;
  const a = [m[0], m[4], m[8], m[1], m[5], m[9], m[2], m[6], m[10]];
  // t = T(c) − c.
  const t = [0, 1, 2].map((r) => m[r] * c[0] + m[4 + r] * c[1] + m[8 + r] * c[2] + m[12 + r] - c[r]);
  const num = (x: number) => String(Number(x.toPrecision(17)));
  return [
    '#Insight Transform File V1.0',
    '#Transform 0',
    'Transform: AffineTransform_double_3_3',
    `Parameters: ${[...a, ...t].map(num).join(' ')}`,
    `FixedParameters: ${c.map(num).join(' ')}`,
    '',
  ].join('\n');
}

const MATRIX_OFFSET_TYPES = /^(AffineTransform|MatrixOffsetTransformBase|Euler3DTransform|VersorRigid3DTransform|Similarity3DTransform|ScaleSkewVersor3DTransform)_double_3_3$/;

/**
 * Read the first transform of an ITK text transform file as a fixed → moving LPS matrix. Takes
 * the 3×3 matrix + translation kinds (AffineTransform, MatrixOffsetTransformBase); rigid kinds
 * whose parameters are angles or versors must be exported as an affine first. `source` names the
 * file in errors.
 */
export function readItkTransform(text: string, source = 'transform file'): { fixedToMoving: Mat4; centerMm: Vec3 } {
  const bad = (what: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: source }, what);
  if (!/^#Insight Transform File V1\.0/.test(text)) throw bad('not an ITK text transform file: expected the first line "#Insight Transform File V1.0"');
  const kind = text.match(/^Transform:\s*(\S+)/m)?.[1];
  if (!kind || !MATRIX_OFFSET_TYPES.test(kind)) throw bad(`transform type ${kind ?? '(none)'}: expected a 3D AffineTransform or MatrixOffsetTransformBase (double)`);
  if (!/^(AffineTransform|MatrixOffsetTransformBase)_/.test(kind)) throw bad(`${kind} keeps angles, not a matrix: convert it to an AffineTransform_double_3_3`);
  const numbers = (key: string) => text.match(new RegExp(`^${key}:\\s*(.*)$`, 'm'))?.[1].trim().split(/\s+/).map(Number) ?? [];
  const p = numbers('Parameters'), c = numbers('FixedParameters');
  if (p.length !== 12 || p.some((x) => !Number.isFinite(x))) throw bad(`Parameters: expected 12 numbers (matrix row-major, translation), got ${p.length}`);
  const centerMm: Vec3 = c.length === 3 && c.every(Number.isFinite) ? [c[0], c[1], c[2]] : [0, 0, 0];
  const m = mat4Identity();
  for (let r = 0; r < 3; r++) {
    for (let col = 0; col < 3; col++) m[col * 4 + r] = p[r * 3 + col];
    m[12 + r] = p[9 + r] + centerMm[r] - (p[r * 3] * centerMm[0] + p[r * 3 + 1] * centerMm[1] + p[r * 3 + 2] * centerMm[2]);
  }
  return { fixedToMoving: m, centerMm };
}
