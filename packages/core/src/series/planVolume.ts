import type { SliceRef } from '../dicom/InstanceInfo.ts';
import { mat4FromColumns } from '../math/Mat4.ts';
import { cross, dot, length, normalize, type Vec3 } from '../math/Vec3.ts';
import type { IngestWarning } from '../volume/IngestWarning.ts';
import { type SliceGroup, uniqueFiles } from './groupSlices.ts';
import type { VolumePlan } from './VolumePlan.ts';

/** Tolerances used to judge a stack; documented so that findings are reproducible. */
export const PLAN_DEFAULTS = {
  /** Slices closer than this along the normal share a position (mm). */
  samePositionMm: 0.01,
  /** Relative deviation of a slice step from the mean step that counts as uneven. */
  unevenTolerance: 0.01,
  /** Shear angle (degrees) of the stacking direction off the normal that counts as tilt. */
  tiltToleranceDeg: 0.05,
};

/**
 * Turn one slice group into a volume plan: sort along the slice normal, split repeated
 * positions into time points, and report uneven spacing, missing slices and gantry tilt.
 */
export function planVolume(group: SliceGroup): VolumePlan {
  const warnings: IngestWarning[] = [];
  const first = group.slices[0];
  const normal = normalize(cross(first.rowCosine, first.columnCosine));
  const files = uniqueFiles(group.slices);
  if (group.localizer) {
    warnings.push({ code: 'LOCALIZER', message: `Series ${group.seriesInstanceUid} is a localizer (scout): not a diagnostic volume`, files });
  }
  let input = group.slices;
  const noted = group.slices.find((s) => s.geometryNote);
  if (group.slices.some((s) => s.geometryMissing)) {
    input = stackByNumber(group.slices);
    warnings.push({ code: 'MISSING_GEOMETRY', message: `${noted?.geometryNote ?? 'No geometry'}: slices stacked by instance number, ${input.length > 1 ? input[1].positionLps[2] : 1} mm apart, axial, origin 0; world coordinates are not patient coordinates`, files });
  } else if (noted) {
    warnings.push({ code: 'MISSING_GEOMETRY', message: noted.geometryNote!, files });
  }
  const proj = (s: SliceRef) => dot(s.positionLps, normal);

  // Cluster by position along the normal; slices at one position are time points (4D).
  const sorted = [...input].sort((a, b) => proj(a) - proj(b) || temporalOrder(a, b));
  const positions: SliceRef[][] = [];
  for (const s of sorted) {
    const last = positions[positions.length - 1];
    if (last && Math.abs(proj(s) - proj(last[0])) < PLAN_DEFAULTS.samePositionMm) last.push(s);
    else positions.push([s]);
  }
  for (const p of positions) p.sort(temporalOrder);
  const counts = positions.map((p) => p.length);
  const nt = Math.max(...counts);
  let timeAxis: string | undefined;
  let slices: SliceRef[][];
  if (nt > 1) {
    timeAxis = temporalAxisName(positions.reduce((a, b) => (b.length > a.length ? b : a)));
    if (Math.min(...counts) !== nt) {
      slices = matchTimePoints(positions, timeAxis);
      const odd = positions.filter((p) => p.length !== nt).flatMap((p) => uniqueFiles(p));
      warnings.push({ code: 'REPEATED_POSITIONS', message: `Positions repeat unevenly (${Math.min(...counts)}–${nt} images per position): kept the ${slices.length} time point(s) present at every position, matched by ${timeAxis}`, files: odd });
    } else {
      slices = Array.from({ length: nt }, (_, t) => positions.map((p) => p[t]));
      warnings.push({ code: 'REPEATED_POSITIONS', message: `Each of ${positions.length} positions repeats ${nt} times: split into ${nt} time points by ${timeAxis}`, files: [] });
    }
  } else {
    slices = [positions.map((p) => p[0])];
  }
  const stack = slices[0];
  const n = stack.length;
  const pos0 = proj(stack[0]);
  const slicePositionsMm = stack.map((s) => proj(s) - pos0);

  const [rowSp, colSp] = first.pixelSpacingMm;
  const ci: Vec3 = [first.rowCosine[0] * colSp, first.rowCosine[1] * colSp, first.rowCosine[2] * colSp];
  const cj: Vec3 = [first.columnCosine[0] * rowSp, first.columnCosine[1] * rowSp, first.columnCosine[2] * rowSp];
  let ck: Vec3;
  let evenlySpaced = true;
  let tiltDeg = 0;
  if (n > 1) {
    const span: Vec3 = [0, 1, 2].map((a) => stack[n - 1].positionLps[a] - stack[0].positionLps[a]) as Vec3;
    ck = span.map((x) => x / (n - 1)) as Vec3;
    const along = dot(ck, normal);
    const shear = length([ck[0] - along * normal[0], ck[1] - along * normal[1], ck[2] - along * normal[2]]);
    tiltDeg = (Math.atan2(shear, Math.abs(along)) * 180) / Math.PI;
    if (tiltDeg > PLAN_DEFAULTS.tiltToleranceDeg) {
      const tag = first.instance.gantryTiltDeg ? ` (Gantry/Detector Tilt ${first.instance.gantryTiltDeg}°)` : '';
      warnings.push({ code: 'GANTRY_TILT', message: `Slices are stacked ${tiltDeg.toFixed(2)}° off their normal${tag}: the grid is sheared; use tilt correction to resample onto an orthogonal grid`, files });
    }
    const mean = slicePositionsMm[n - 1] / (n - 1);
    const steps = slicePositionsMm.slice(1).map((p, k) => p - slicePositionsMm[k]);
    const bad = steps.map((d, k) => [d, k] as const).filter(([d]) => Math.abs(d - mean) > PLAN_DEFAULTS.unevenTolerance * Math.abs(mean));
    if (bad.length) {
      evenlySpaced = false;
      // Missing slices: every step is the smallest step or a whole multiple of it.
      const minStep = Math.min(...steps);
      const multiple = (d: number) => Math.round(d / minStep);
      const onLattice = (d: number) => Math.abs(d / minStep - multiple(d)) < 0.05;
      const gaps = steps.map((d, k) => [d, k] as const).filter(([d]) => multiple(d) >= 2);
      if (minStep > 0 && gaps.length && steps.every(onLattice)) {
        const missing = gaps.reduce((a, [d]) => a + multiple(d) - 1, 0);
        const files = gaps.flatMap(([, k]) => [stack[k].instance.file, stack[k + 1].instance.file]);
        warnings.push({ code: 'MISSING_SLICES', message: `${missing} slice(s) missing: gaps of ${gaps.map(([d]) => d.toFixed(3)).join(', ')} mm where the step is ${minStep.toFixed(3)} mm`, files: [...new Set(files)] });
      } else {
        const involved = bad.flatMap(([, k]) => [stack[k].instance.file, stack[k + 1].instance.file]);
        const distinct = [...new Set(steps.map((d) => d.toFixed(2)))];
        warnings.push({ code: 'UNEVEN_SPACING', message: `Slice spacing varies (${distinct.join(', ')} mm along the normal): the grid uses the mean step ${mean.toFixed(3)} mm; resample to even spacing for exact geometry`, files: [...new Set(involved)] });
      }
    }
  } else {
    const t = first.spacingBetweenSlicesMm ?? first.sliceThicknessMm ?? 1;
    ck = [normal[0] * t, normal[1] * t, normal[2] * t];
    if (!group.localizer) warnings.push({ code: 'SINGLE_SLICE', message: 'A single slice: the slice axis uses the slice thickness', files });
  }
  const rescale = new Set(slices.flat().map((s) => `${s.rescaleSlope}/${s.rescaleIntercept}`));
  if (rescale.size > 1) {
    warnings.push({ code: 'INCONSISTENT_RESCALE', message: `Rescale slope/intercept differ between slices (${[...rescale].slice(0, 4).join(', ')}): values are stored as float32`, files });
  }
  if (first.instance.pixel.photometricInterpretation === 'MONOCHROME1') {
    warnings.push({ code: 'MONOCHROME1', message: 'MONOCHROME1: low values are displayed bright; values are kept, display is inverted', files: [] });
  }
  if (first.instance.lossyCompressed) {
    warnings.push({ code: 'LOSSY_COMPRESSION', message: 'Pixel data was lossy compressed: values differ from the acquisition', files: [] });
  }
  return {
    id: group.key,
    slices,
    dimensions: [first.columns, first.rows, n],
    indexToWorld: mat4FromColumns(ci, cj, ck, stack[0].positionLps),
    normal,
    slicePositionsMm,
    evenlySpaced,
    tiltDeg,
    timeAxis,
    warnings,
  };
}

/**
 * No usable geometry: order the slices by Instance Number, then frame, and place them 1 mm (or
 * the slice thickness) apart along +z, so that they still form one stack.
 */
function stackByNumber(slices: SliceRef[]): SliceRef[] {
  const step = slices[0].spacingBetweenSlicesMm ?? slices[0].sliceThicknessMm ?? 1;
  return [...slices]
    .sort((a, b) => cmp(a.instance.instanceNumber, b.instance.instanceNumber) || a.frameIndex - b.frameIndex || a.instance.file.localeCompare(b.instance.file))
    .map((s, k) => ({ ...s, positionLps: [0, 0, k * step], rowCosine: [1, 0, 0], columnCosine: [0, 1, 0], temporalPositionIndex: undefined }));
}

/**
 * Time points when positions repeat unevenly: matched across positions by their temporal key
 * (never by rank, which would mix phases), keeping only keys present at every position. Keys that
 * differ per slice within one volume (acquisition times) cannot match: then rank is used.
 */
function matchTimePoints(positions: SliceRef[][], axis: string): SliceRef[][] {
  const key = TIME_KEYS[axis];
  const unique = key && positions.every((p) => new Set(p.map(key)).size === p.length && p.every((s) => key(s) !== undefined));
  if (!key || !unique) {
    const n = Math.min(...positions.map((p) => p.length));
    return Array.from({ length: n }, (_, t) => positions.map((p) => p[t]));
  }
  const shared = [...new Set(positions[0].map(key))].filter((k) => positions.every((p) => p.some((s) => key(s) === k)));
  shared.sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return shared.map((k) => positions.map((p) => p.find((s) => key(s) === k)!));
}

/** Temporal keys that are the same for every slice of one time point. */
const TIME_KEYS: Record<string, ((s: SliceRef) => number | string | undefined) | undefined> = {
  TemporalPositionIndex: (s) => s.temporalPositionIndex,
  TriggerTime: (s) => s.triggerTimeMs,
  AcquisitionNumber: (s) => s.instance.acquisitionNumber,
};

/** Order of images sharing a position: temporal index, trigger time, acquisition time, numbers. */
function temporalOrder(a: SliceRef, b: SliceRef): number {
  return (
    cmp(a.temporalPositionIndex, b.temporalPositionIndex) ||
    cmp(a.dimensionIndex?.join('.'), b.dimensionIndex?.join('.'), true) ||
    cmp(a.triggerTimeMs, b.triggerTimeMs) ||
    cmp(a.instance.acquisitionNumber, b.instance.acquisitionNumber) ||
    cmp(a.acquisitionTimeS, b.acquisitionTimeS) ||
    cmp(a.instance.instanceNumber, b.instance.instanceNumber) ||
    a.frameIndex - b.frameIndex
  );
}

function cmp(a: number | string | undefined, b: number | string | undefined, natural = false): number {
  if (a === undefined || b === undefined || a === b) return 0;
  if (natural && typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en', { numeric: true });
  return a < b ? -1 : 1;
}

function temporalAxisName(p: SliceRef[]): string {
  const differ = (f: (s: SliceRef) => unknown) => new Set(p.map(f)).size > 1;
  if (differ((s) => s.temporalPositionIndex)) return 'TemporalPositionIndex';
  if (differ((s) => s.triggerTimeMs)) return 'TriggerTime';
  if (differ((s) => s.instance.acquisitionNumber)) return 'AcquisitionNumber';
  if (differ((s) => s.acquisitionTimeS)) return 'AcquisitionTime';
  return 'InstanceNumber';
}
