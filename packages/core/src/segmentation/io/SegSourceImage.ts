import type { DataSet } from 'dicom-parser';
import type { AttributeReader } from '../../dicom/AttributeReader.ts';
import { DataSetReader } from '../../dicom/DataSetReader.ts';
import type { SliceRef } from '../../dicom/InstanceInfo.ts';
import type { DicomStudyContext } from '../../dicom/write/DicomStudyContext.ts';
import { VoxaError } from '../../errors/VoxaError.ts';
import type { VoxelGrid } from './segGrid.ts';

/** One source image slice a SEG frame is derived from. */
export interface SegSourceInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  /** 1-based frame of a multi-frame source image. */
  frameNumber?: number;
}

/**
 * What a SEG needs of the image series it segments: the patient and study it joins, the frame of
 * reference, and the source image of every slice k of the segmentation grid.
 */
export interface SegSourceImage extends DicomStudyContext {
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  /** instances[k]: the source image of slice k (length = number of slices). */
  instances: SegSourceInstance[];
  /** The series' voxel grid; when given, the segmentation must be on it. */
  grid?: VoxelGrid;
}

/**
 * A SegSourceImage from the slices of a series in slice order (as `planVolume` sorts them:
 * `plan.slices[0]`, with `plan` for the grid), optionally with the data set of one of its files
 * for the study attributes that InstanceInfo does not keep (birth date, sex, study time, ID,
 * accession number, referring physician): an AttributeReader, or `parseDicom(bytes).dataSet`.
 */
export function segSourceFromSlices(slices: SliceRef[], headerData?: AttributeReader | DataSet, grid?: VoxelGrid): SegSourceImage {
  if (!slices.length) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'a SEG source needs at least one slice');
  const header = headerData && 'elements' in headerData ? new DataSetReader(headerData) : headerData;
  const first = slices[0].instance;
  for (const s of slices) {
    if (s.instance.seriesInstanceUid !== first.seriesInstanceUid) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: s.instance.file, uid: s.instance.seriesInstanceUid }, `the slices come from more than one series (also ${first.seriesInstanceUid})`);
    }
  }
  const text = (tag: string) => (header ? header.str(tag) || undefined : undefined);
  return {
    patientName: first.patientName,
    patientId: first.patientId,
    patientBirthDate: text('x00100030'),
    patientSex: text('x00100040'),
    studyInstanceUid: first.studyInstanceUid,
    studyDate: first.studyDate || undefined,
    studyTime: text('x00080030'),
    studyId: text('x00200010'),
    accessionNumber: text('x00080050'),
    referringPhysicianName: text('x00080090'),
    studyDescription: first.studyDescription || undefined,
    seriesInstanceUid: first.seriesInstanceUid,
    frameOfReferenceUid: first.frameOfReferenceUid,
    instances: slices.map((s) => ({
      sopClassUid: s.instance.sopClassUid,
      sopInstanceUid: s.instance.sopInstanceUid,
      ...(s.instance.numberOfFrames > 1 ? { frameNumber: s.frameIndex + 1 } : {}),
    })),
    ...(grid ? { grid: { dimensions: [...grid.dimensions], indexToWorld: grid.indexToWorld.slice() } } : {}),
  };
}
