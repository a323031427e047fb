import { mat4Column, transformPoint } from '../../math/Mat4.ts';
import { cross, dot, length, normalize } from '../../math/Vec3.ts';
import type { Volume } from '../../volume/Volume.ts';
import { formatDecimalString as ds } from './decimalString.ts';

/**
 * The Image Plane module (PS3.3 C.7.6.2) and image size of slice k of a volume, from its
 * indexToWorld: position of the first voxel, row and column direction cosines (i then j),
 * PixelSpacing as row spacing (j) then column spacing (i), slice thickness along k and the
 * slice's location along the normal. One place for every slice encoder (CT, PET).
 */
export function imagePlaneAttributes(volume: Volume, k: number): Record<string, unknown> {
  const [nx, ny] = volume.dimensions;
  const m = volume.indexToWorld;
  const ci = mat4Column(m, 0), cj = mat4Column(m, 1), ck = mat4Column(m, 2);
  const row = normalize(ci), col = normalize(cj);
  const normal = normalize(cross(row, col));
  const ipp = transformPoint(m, [0, 0, k]);
  return {
    SliceThickness: ds(length(ck)),
    ImagePositionPatient: ipp.map(ds),
    ImageOrientationPatient: [...row, ...col].map(ds),
    SliceLocation: ds(dot(ipp, normal)),
    Rows: ny,
    Columns: nx,
    PixelSpacing: [ds(length(cj)), ds(length(ci))],
  };
}

/** The spacing between slice centres along the slice normal (CT's Spacing Between Slices), formatted as DS. */
export function spacingBetweenSlices(volume: Volume): string {
  const m = volume.indexToWorld;
  const normal = normalize(cross(normalize(mat4Column(m, 0)), normalize(mat4Column(m, 1))));
  return ds(Math.abs(dot(mat4Column(m, 2), normal)));
}
