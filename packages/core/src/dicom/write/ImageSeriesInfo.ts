import type { DicomStudyContext } from './DicomStudyContext.ts';

/**
 * The patient, study, series and equipment attributes every slice of an image series we write
 * (CT, PET) carries: the study context a derived object would copy, plus the series' own.
 */
export interface ImageSeriesInfo extends DicomStudyContext {
  /** YYYYMMDD. */
  studyDate: string;
  /** HHMMSS. */
  studyTime: string;
  studyId: string;
  seriesInstanceUid: string;
  seriesNumber: number;
  seriesDescription?: string;
  frameOfReferenceUid: string;
  manufacturer: string;
  manufacturerModelName?: string;
  bodyPartExamined?: string;
  imageComments?: string;
}
