import { encodePhantomSlice, phantomCtSeriesInfo, transformPoint, type PhantomTimePoint } from '@voxa/core';

/**
 * The Part 10 slices of a phantom time point; with `as`, some of its slices as another series
 * (own series and SOP UIDs; in another study when `studyInstanceUid` is given).
 */
export function phantomSeriesFiles(tp: PhantomTimePoint, as?: { seriesInstanceUid: string; slices: number[]; studyInstanceUid?: string }): Uint8Array[] {
  const slices = as?.slices ?? Array.from({ length: tp.ct.dimensions[2] }, (_, k) => k);
  if (!as) return slices.map((k) => encodePhantomSlice(tp, k));
  const info = { ...phantomCtSeriesInfo(tp), seriesInstanceUid: as.seriesInstanceUid, ...(as.studyInstanceUid ? { studyInstanceUid: as.studyInstanceUid } : {}) };
  const renamed: PhantomTimePoint = { ...tp, uids: { ...tp.uids, sopInstanceUid: (k) => `${as.seriesInstanceUid}.${tp.index}.${k + 1}` } };
  return slices.map((k) => encodePhantomSlice(renamed, k, info));
}

/** Target registration error (mm) at each baseline lesion centre: the answer against the phantom's designed motion. */
export function lesionTreMm(fixedToMoving: readonly number[], baseline: PhantomTimePoint, followUp: PhantomTimePoint): number[] {
  const m = Float64Array.from(fixedToMoving);
  return baseline.truth.lesions.map((l) => {
    const got = transformPoint(m, l.centreLps);
    const want = transformPoint(followUp.truth.baselineToTimePoint, l.centreLps);
    return Math.hypot(got[0] - want[0], got[1] - want[1], got[2] - want[2]);
  });
}
