import { uidFromName } from '../dicom/write/uidFromName.ts';
import type { PhantomOptions } from './PhantomOptions.ts';

/** The DICOM UIDs of one time point's study. */
export interface PhantomUids {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  /** SOP Instance UID of slice k (0-based). */
  sopInstanceUid(k: number): string;
}

/**
 * Deterministic UIDs for a time point: `uidFromName` (2.25.<UUID as decimal>) of a name made of
 * everything that changes the pixels (size, seed, noise, partial volume) and the time point, so
 * the same options always give the same UIDs and different images never share one.
 */
export function phantomUids(options: PhantomOptions, index: number): PhantomUids {
  const base = `voxa-phantom/v1/size=${options.size}/seed=${options.seed}/noise=${options.noise}/pv=${options.partialVolume}/tp=${index}`;
  return {
    studyInstanceUid: uidFromName(`${base}/study`),
    seriesInstanceUid: uidFromName(`${base}/series/1`),
    frameOfReferenceUid: uidFromName(`${base}/frame-of-reference`),
    sopInstanceUid: (k) => uidFromName(`${base}/series/1/instance/${k + 1}`),
  };
}

/** The study date of time point `index`: the baseline date plus index × interval days (YYYYMMDD). */
export function phantomStudyDate(options: PhantomOptions, index: number): string {
  const d = options.baselineDate;
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))) + index * options.intervalDays * 86_400_000;
  const date = new Date(t);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`;
}
