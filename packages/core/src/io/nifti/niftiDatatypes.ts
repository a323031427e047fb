import type { StoredType } from '../voxelBytes.ts';

/** How a NIfTI datatype code is laid out: element type, values per voxel and their meaning. */
export interface NiftiDatatype {
  code: number;
  name: string;
  /** Element type of each stored value. */
  stored: StoredType;
  /** Values per voxel: 1 scalar, 2 complex (re, im), 3 RGB, 4 RGBA. */
  values: 1 | 2 | 3 | 4;
  kind: 'scalar' | 'complex' | 'rgb' | 'rgba';
}

const TABLE: NiftiDatatype[] = [
  { code: 2, name: 'uint8', stored: 'uint8', values: 1, kind: 'scalar' },
  { code: 4, name: 'int16', stored: 'int16', values: 1, kind: 'scalar' },
  { code: 8, name: 'int32', stored: 'int32', values: 1, kind: 'scalar' },
  { code: 16, name: 'float32', stored: 'float32', values: 1, kind: 'scalar' },
  { code: 32, name: 'complex64', stored: 'float32', values: 2, kind: 'complex' },
  { code: 64, name: 'float64', stored: 'float64', values: 1, kind: 'scalar' },
  { code: 128, name: 'RGB24', stored: 'uint8', values: 3, kind: 'rgb' },
  { code: 256, name: 'int8', stored: 'int8', values: 1, kind: 'scalar' },
  { code: 512, name: 'uint16', stored: 'uint16', values: 1, kind: 'scalar' },
  { code: 768, name: 'uint32', stored: 'uint32', values: 1, kind: 'scalar' },
  { code: 1024, name: 'int64', stored: 'int64', values: 1, kind: 'scalar' },
  { code: 1280, name: 'uint64', stored: 'uint64', values: 1, kind: 'scalar' },
  { code: 1792, name: 'complex128', stored: 'float64', values: 2, kind: 'complex' },
  { code: 2304, name: 'RGBA32', stored: 'uint8', values: 4, kind: 'rgba' },
];

/** Codes NIfTI defines that Voxa cannot hold (1-bit, 128-bit floats), for a precise error. */
export const NIFTI_UNSUPPORTED_DATATYPES: Readonly<Record<number, string>> = { 1: 'binary (1 bit)', 1536: 'float128', 2048: 'complex256' };

/** The datatype for a NIfTI `datatype` code (nifti1.h DT_*), or undefined. */
export function niftiDatatype(code: number): NiftiDatatype | undefined {
  return TABLE.find((d) => d.code === code);
}

/** The NIfTI datatype code for a voxel type with 1 or 3 (RGB, uint8 only) components. */
export function niftiCodeFor(stored: StoredType, components: 1 | 3): NiftiDatatype | undefined {
  if (components === 3) return stored === 'uint8' ? TABLE.find((d) => d.kind === 'rgb') : undefined;
  return TABLE.find((d) => d.kind === 'scalar' && d.stored === stored);
}
