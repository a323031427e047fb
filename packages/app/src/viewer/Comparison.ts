import { mat4Invert, type Mat4 } from '@voxa/core';
import { listSeries, listStudies, NOT_IMAGE_MODALITIES, type SeriesSummary, type StudySummary } from '../api/archive.ts';
import { registerSeries, type RegistrationAnswer } from '../api/registrations.ts';

/** Where a comparison with another study of the patient is. */
export type ComparisonStatus = 'registering' | 'loading' | 'ready' | 'error';

/**
 * Another study of the same patient (a prior or a follow-up) shown beside or over the open one:
 * its image series is registered onto the open series on the server, then placed in the open
 * series' patient space by its transform (toPrimary = T⁻¹), so every view links to it by the
 * shared crosshair centre as if it had the same frame of reference. No voxel is resampled.
 */
export class Comparison {
  status: ComparisonStatus = 'registering';
  error?: string;
  answer?: RegistrationAnswer;
  /** Moving LPS → the open series' LPS. */
  toPrimary?: Mat4;
  series?: SeriesSummary;

  constructor(readonly study: StudySummary) {}

  /** Pick the study's image series (its CT, else the largest) and register it onto `primary`. */
  async register(primary: { studyUid: string; seriesUid: string }): Promise<void> {
    const images = (await listSeries(this.study.studyUid)).filter((s) => !NOT_IMAGE_MODALITIES.has(s.modality));
    this.series = images.find((s) => s.modality === 'CT') ?? [...images].sort((a, b) => b.instanceCount - a.instanceCount)[0];
    if (!this.series) throw new Error(`study ${this.study.studyDate} has no image series`);
    this.answer = await registerSeries(
      { studyInstanceUid: primary.studyUid, seriesInstanceUid: primary.seriesUid },
      { studyInstanceUid: this.series.studyUid, seriesInstanceUid: this.series.seriesUid },
    );
    this.toPrimary = mat4Invert(Float64Array.from(this.answer.fixedToMoving));
  }
}

/** The patient's other studies, newest first: what the open study can be compared with. */
export async function otherStudiesOfPatient(patientId: string | undefined, studyUid: string): Promise<StudySummary[]> {
  if (!patientId) return [];
  const studies = await listStudies(patientId);
  return studies.filter((s) => s.studyUid !== studyUid).sort((a, b) => b.studyDate.localeCompare(a.studyDate));
}
