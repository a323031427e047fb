import { allocVoxels, voxelTypeOf, type VoxelArray, type VoxelType } from '../../volume/Volume.ts';

/** What was done with scl_slope / scl_inter; kept in `meta.extra.niftiScaling`. */
export interface NiftiScalingRecord {
  slope: number;
  intercept: number;
  applied: boolean;
  storedType: VoxelType;
  outputType: VoxelType;
}

const RANGE: Partial<Record<VoxelType, [number, number]>> = {
  uint8: [0, 255], int8: [-128, 127], uint16: [0, 65535], int16: [-32768, 32767],
  uint32: [0, 4294967295], int32: [-2147483648, 2147483647],
};

/** The next signed type that holds every value of an integer type and its scaled results. */
const SIGNED_WIDENING: Partial<Record<VoxelType, VoxelType>> = {
  uint8: 'int16', int8: 'int16', uint16: 'int32', int16: 'int32', uint32: 'int32', int32: 'int32',
};

/** True when scl_slope / scl_inter ask for a change of values (slope ≠ 0 and not the identity 1, 0). */
export function niftiScalingApplies(slope: number, intercept: number): boolean {
  if (!Number.isFinite(slope) || slope === 0) return false;
  return !(slope === 1 && (intercept === 0 || !Number.isFinite(intercept)));
}

/**
 * Apply value = stored · slope + intercept. Integer data with an integer slope and intercept stays
 * integer (the stored type, else its signed widening: uint8/int8 → int16, uint16/int16 → int32)
 * when every result fits, so it stays exact and small; otherwise float32 (float64 data stays
 * float64). `owned` allows float data to be scaled in place.
 */
export function applyNiftiScaling(raw: VoxelArray, slope: number, intercept: number, owned: boolean): { voxels: VoxelArray; record: NiftiScalingRecord } {
  const storedType = voxelTypeOf(raw);
  const inter = Number.isFinite(intercept) ? intercept : 0;
  if (!niftiScalingApplies(slope, intercept)) {
    return { voxels: raw, record: { slope, intercept, applied: false, storedType, outputType: storedType } };
  }
  const outputType = chooseOutputType(raw, storedType, slope, inter);
  const out = owned && outputType === storedType && (storedType === 'float32' || storedType === 'float64')
    ? raw
    : allocVoxels(outputType, raw.length);
  for (let n = 0; n < raw.length; n++) out[n] = raw[n] * slope + inter;
  return { voxels: out, record: { slope, intercept: inter, applied: true, storedType, outputType } };
}

function chooseOutputType(raw: VoxelArray, stored: VoxelType, slope: number, inter: number): VoxelType {
  if (stored === 'float64') return 'float64';
  const storedRange = RANGE[stored];
  if (!storedRange || !Number.isInteger(slope) || !Number.isInteger(inter)) return 'float32';
  let lo = Infinity, hi = -Infinity;
  for (let n = 0; n < raw.length; n++) {
    const v = raw[n];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (raw.length === 0) lo = hi = 0;
  const a = lo * slope + inter, b = hi * slope + inter;
  const min = Math.min(a, b), max = Math.max(a, b);
  for (const t of [stored, SIGNED_WIDENING[stored]!]) {
    const r = RANGE[t]!;
    if (min >= r[0] && max <= r[1]) return t;
  }
  return 'float32';
}
