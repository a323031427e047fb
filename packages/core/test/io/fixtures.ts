import { mat4FromColumns, type Mat4 } from '../../src/math/Mat4.ts';
import { createVolume, type Volume } from '../../src/volume/Volume.ts';

/** Rotation by `deg` about the unit axis (x, y, z), as three column vectors. */
export function rotationColumns(deg: number, axis: [number, number, number]): [number, number, number][] {
  const t = (deg * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t), C = 1 - c;
  const n = Math.hypot(...axis);
  const [x, y, z] = axis.map((a) => a / n);
  return [
    [c + x * x * C, y * x * C + z * s, z * x * C - y * s],
    [x * y * C - z * s, c + y * y * C, z * y * C + x * s],
    [x * z * C + y * s, y * z * C - x * s, c + z * z * C],
  ];
}

/** An oblique (25° about a tilted axis), anisotropic (0.7 × 0.9 × 2.5 mm) LPS matrix with an odd origin. */
export function obliqueMatrix(): Mat4 {
  const [a, b, c] = rotationColumns(25, [1, 2, 3]);
  const s = [0.7, 0.9, 2.5];
  return mat4FromColumns(
    [a[0] * s[0], a[1] * s[0], a[2] * s[0]],
    [b[0] * s[1], b[1] * s[1], b[2] * s[1]],
    [c[0] * s[2], c[1] * s[2], c[2] * s[2]],
    [-123.456789, 87.654321, -42.125],
  );
}

/** 11×7×5 int16 volume, values spanning the signed range, on the oblique grid. */
export function obliqueInt16Volume(): Volume {
  const v = createVolume({ dimensions: [11, 7, 5], type: 'int16', indexToWorld: obliqueMatrix(), units: 'HU' });
  for (let n = 0; n < v.voxels.length; n++) v.voxels[n] = ((n * 7919) % 65536) - 32768;
  return v;
}

/** 6×4×3 RGB uint8 volume (components 3), each channel a different pattern, on the oblique grid. */
export function rgbVolume(): Volume {
  const v = createVolume({ dimensions: [6, 4, 3], type: 'uint8', components: 3, indexToWorld: obliqueMatrix() });
  for (let n = 0; n < v.voxels.length / 3; n++) {
    v.voxels[3 * n] = n % 256;
    v.voxels[3 * n + 1] = (n * 37) % 256;
    v.voxels[3 * n + 2] = 255 - (n % 256);
  }
  return v;
}

/** |a − b| ≤ tol for every matrix element. */
export function maxMatrixDifference(a: Mat4, b: Mat4): number {
  let d = 0;
  for (let n = 0; n < 16; n++) d = Math.max(d, Math.abs(a[n] - b[n]));
  return d;
}
