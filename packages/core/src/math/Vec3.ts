/** A 3-vector. The name of the variable says its space: `worldLps`, `indexIjk`, `spacingMm`. */
export type Vec3 = [number, number, number];
/** A point in patient LPS millimetres (DICOM patient coordinate system, PS3.3 C.7.6.2.1.1). */
export type Point3 = Vec3;
/** Integer voxel dimensions [columns i, rows j, slices k]. */
export type Dims3 = [number, number, number];

export function vec3(x = 0, y = 0, z = 0): Vec3 {
  return [x, y, z];
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** out = a × b */
export function cross(a: Vec3, b: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  const x = a[1] * b[2] - a[2] * b[1];
  const y = a[2] * b[0] - a[0] * b[2];
  const z = a[0] * b[1] - a[1] * b[0];
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}

export function sub(a: Vec3, b: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
  return out;
}

export function length(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

export function normalize(a: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  const n = length(a) || 1;
  out[0] = a[0] / n;
  out[1] = a[1] / n;
  out[2] = a[2] / n;
  return out;
}
