import {
  cross, formatDecimalString as ds, mat4Column, normalize, transformPoint, uidFromName, writePart10, type NaturalDataset, type Volume,
} from '@voxa/core';

/** MR Image Storage SOP Class (PS3.4 §B.5). */
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

/** Who and what the MR series is. */
export interface MrSeriesInfo {
  patientName: string;
  patientId: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  seriesDescription: string;
}

/**
 * A uint8 volume as MR Image Storage files (PS3.3 A.4), one per slice k, with the volume's exact
 * geometry: IPP = centre of voxel (0, 0, k), IOP = the i then j direction cosines, PixelSpacing =
 * |j| then |i| (PS3.3 C.7.6.2); 8-bit unsigned stored values, no modality LUT (so a viewer reads
 * back the very bytes). Whatever the volume's orientation (a NIfTI in LIA gives row L, column I),
 * a DICOM reader rebuilds the same voxel centres.
 */
export function encodeMrSeries(volume: Volume, info: MrSeriesInfo): Uint8Array[] {
  if (!(volume.voxels instanceof Uint8Array) || volume.components !== 1) throw new Error('encodeMrSeries takes a scalar uint8 volume');
  const [nx, ny, nz] = volume.dimensions;
  const m = volume.indexToWorld;
  const ci = mat4Column(m, 0), cj = mat4Column(m, 1), ck = mat4Column(m, 2);
  const row = normalize(ci), col = normalize(cj);
  const normal = normalize(cross(row, col));
  const len = (v: number[]) => Math.hypot(v[0], v[1], v[2]);
  const files: Uint8Array[] = [];
  for (let k = 0; k < nz; k++) {
    const ipp = transformPoint(m, [0, 0, k]);
    const pixels = volume.voxels.slice(k * nx * ny, (k + 1) * nx * ny);
    const ds0: NaturalDataset = {
      SpecificCharacterSet: 'ISO_IR 100',
      ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND'],
      SOPClassUID: MR_IMAGE_STORAGE,
      SOPInstanceUID: uidFromName(`${info.seriesInstanceUid}/${k}`),
      StudyDate: '20240101', SeriesDate: '20240101', ContentDate: '20240101',
      StudyTime: '120000', SeriesTime: '120000', ContentTime: '120000',
      AccessionNumber: '', Modality: 'MR', Manufacturer: 'Voxa e2e', ReferringPhysicianName: '',
      StudyDescription: 'T1 brain (brainchop t1_crop)', SeriesDescription: info.seriesDescription,
      PatientName: info.patientName, PatientID: info.patientId, PatientBirthDate: '', PatientSex: '',
      ScanningSequence: 'GR', SequenceVariant: 'SP', ScanOptions: '', MRAcquisitionType: '3D',
      SliceThickness: ds(len(ck)), SpacingBetweenSlices: ds(Math.abs(ck[0] * normal[0] + ck[1] * normal[1] + ck[2] * normal[2])),
      RepetitionTime: '', EchoTime: '', EchoTrainLength: '', PatientPosition: 'HFS',
      StudyInstanceUID: info.studyInstanceUid, SeriesInstanceUID: info.seriesInstanceUid, StudyID: '1', SeriesNumber: 1, InstanceNumber: k + 1,
      ImagePositionPatient: ipp.map(ds), ImageOrientationPatient: [...row, ...col].map(ds),
      FrameOfReferenceUID: info.frameOfReferenceUid, PositionReferenceIndicator: '',
      SliceLocation: ds(ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2]),
      SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', Rows: ny, Columns: nx,
      PixelSpacing: [ds(len(cj)), ds(len(ci))],
      BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 0,
      WindowCenter: '128', WindowWidth: '256',
      PixelData: [pixels.buffer],
      _vrMap: { PixelData: 'OB' },
    };
    files.push(writePart10(ds0));
  }
  return files;
}
