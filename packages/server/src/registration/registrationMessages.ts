import type { RegistrationLevelReport, RegistrationTransform, TransformKind } from '@voxa/core';
import type { RegistrationHttpErrorCode } from './registrationErrors.ts';

/** Which side of a registration a series is. */
export type SeriesRole = 'fixed' | 'moving';

/** One series as the worker gets it: its instances' Part 10 bytes (transferred, not copied). */
export interface SeriesFiles {
  role: SeriesRole;
  seriesInstanceUid: string;
  /** `name`: the SOP Instance UID, for messages. */
  files: { name: string; bytes: Uint8Array }[];
}

/** Main thread → registration worker: one job. */
export interface RegistrationJob {
  fixed: SeriesFiles;
  moving: SeriesFiles;
  mode: TransformKind;
}

/** Registration worker → main thread: the job's answer, or a catalog code and detail. */
export type RegistrationReply =
  | { ok: true; transform: RegistrationTransform; levels: RegistrationLevelReport[]; seconds: number }
  | { ok: false; code: RegistrationHttpErrorCode; detail: string };
