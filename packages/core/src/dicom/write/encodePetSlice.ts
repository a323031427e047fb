import { VoxaError } from '../../errors/VoxaError.ts';
import type { Volume } from '../../volume/Volume.ts';
import { HOST_LITTLE_ENDIAN, swapBytes } from '../../io/voxelBytes.ts';
import { formatDecimalString } from './decimalString.ts';
import type { ImageSeriesInfo } from './ImageSeriesInfo.ts';
import { imagePlaneAttributes } from './imagePlaneAttributes.ts';
import { studyContextAttributes } from './studyContextAttributes.ts';
import { type NaturalDataset, writePart10 } from './writePart10.ts';

/** PET Image Storage SOP Class (PS3.4 §B.5). */
export const PET_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.128';

/** Half-life of F-18 in seconds (DICOM's conventional value, e.g. PS3.3 C.8.9.2 examples; NIST 109.77 min). */
export const F18_HALF_LIFE_S = 6586.2;

/** Patient, study, series, equipment and radiopharmaceutical attributes shared by every slice of a PET series. */
export interface PetSeriesInfo extends ImageSeriesInfo {
  /** M or F for SUL (lean body mass); O is allowed but leaves SUL unavailable. */
  patientSex: 'M' | 'F' | 'O' | '';
  /** Patient's Size (0010,1020), metres. */
  patientSizeM: number;
  /** Patient's Weight (0010,1030), kg: SUVbw's denominator. */
  patientWeightKg: number;
  /** Series Date/Time (YYYYMMDD, HHMMSS): the acquisition start, the time DecayCorrection START refers to. */
  seriesDate: string;
  seriesTime: string;
  /**
   * Rescale Slope (Bq/ml per stored unit) of every slice; default `petRescaleSlope(volume)`. One
   * slope for the series: per-slice slopes are legal but make readers warn (INCONSISTENT_RESCALE)
   * and the default costs a pass over the whole volume per slice, so a series writer passes it.
   */
  rescaleSlope?: number;
  /** Radiopharmaceutical Start Time (0018,1072), HHMMSS, on the series date. */
  injectionTime: string;
  /** Radionuclide Total Dose (0018,1074), Bq at the injection time. */
  injectedDoseBq: number;
  /** Default F-18 (F18_HALF_LIFE_S). */
  halfLifeS?: number;
  /** Actual Frame Duration (0018,1242), ms. Default 180 000 (3 min per bed). */
  frameDurationMs?: number;
}

const UINT16_MAX = 65535;

/** Radionuclide and radiopharmaceutical codes (CID 4020, CID 4021): F-18 FDG. */
const F18 = { CodeValue: '77004003', CodingSchemeDesignator: 'SCT', CodeMeaning: '^18^Fluorine' };
const FDG = { CodeValue: '35321007', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Fluorodeoxyglucose F^18^' };

/**
 * The PET Image IOD (PS3.3 A.21) data set of slice k of a float volume in Bq/ml (units 'BQML'):
 * PET Series (C.8.9.1: Units BQML, Series Type STATIC\IMAGE, Decay Correction START, Corrected
 * Image DECY\ATTN\SCAT\DTIM\RAN\NORM), PET Isotope (C.8.9.2: FDG, start time, total dose,
 * half-life), NM/PET Patient Orientation (C.8.4.6, Type 2, empty; it replaces Patient Position,
 * which must then be absent), PET Image (C.8.9.4: 16-bit unsigned stored values, one Rescale
 * Slope for the series, intercept 0, Decay Factor 1 at Frame Reference Time 0) and the Image Plane from indexToWorld as
 * for CT. Patient's Weight, Size and Sex ride in Patient Study / Patient for SUVbw and SUL.
 */
export function petSliceDataset(volume: Volume, k: number, info: PetSeriesInfo, sopInstanceUid: string): NaturalDataset {
  const nz = volume.dimensions[2];
  if (volume.units !== 'BQML' || volume.components !== 1) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { uid: info.seriesInstanceUid }, `a PET series is written from a scalar volume in BQML, not ${volume.units}`);
  }
  if (!Number.isInteger(k) || k < 0 || k >= nz) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { slice: k }, `slice index out of range 0 … ${nz - 1}`);
  }
  if (!(info.patientWeightKg > 0) || !(info.injectedDoseBq > 0)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { uid: info.seriesInstanceUid }, `patient weight ${info.patientWeightKg} kg and injected dose ${info.injectedDoseBq} Bq must be > 0 for SUV`);
  }
  const ds = formatDecimalString;
  const slope = Number(ds(info.rescaleSlope ?? petRescaleSlope(volume)));
  if (!(slope > 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { uid: info.seriesInstanceUid }, `rescale slope ${slope} must be > 0`);
  const stored = storedSlice(volume, k, slope, info.seriesInstanceUid);
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['ORIGINAL', 'PRIMARY'],
    SOPClassUID: PET_IMAGE_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    ...imagePlaneAttributes(volume, k),
    ...studyContextAttributes(info),
    SeriesDate: info.seriesDate,
    AcquisitionDate: info.seriesDate,
    ContentDate: info.seriesDate,
    SeriesTime: info.seriesTime,
    AcquisitionTime: info.seriesTime,
    ContentTime: info.seriesTime,
    Modality: 'PT',
    Manufacturer: info.manufacturer,
    SeriesDescription: info.seriesDescription ?? '',
    ManufacturerModelName: info.manufacturerModelName ?? '',
    PatientSize: ds(info.patientSizeM),
    PatientWeight: ds(info.patientWeightKg),
    BodyPartExamined: info.bodyPartExamined ?? '',
    // General Series Laterality (Type 2C): required, empty, when the body part is unknown or paired; whole-body PET is neither left nor right.
    ...(info.bodyPartExamined ? {} : { Laterality: '' }),
    ActualFrameDuration: info.frameDurationMs ?? 180000,
    CollimatorType: 'NONE',
    SeriesInstanceUID: info.seriesInstanceUid,
    SeriesNumber: info.seriesNumber,
    AcquisitionNumber: 1,
    InstanceNumber: k + 1,
    FrameOfReferenceUID: info.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    ImageComments: info.imageComments ?? '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    CorrectedImage: ['DECY', 'ATTN', 'SCAT', 'DTIM', 'RAN', 'NORM'],
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    RescaleIntercept: '0',
    RescaleSlope: ds(slope),
    RadiopharmaceuticalInformationSequence: [{
      Radiopharmaceutical: 'Fluorodeoxyglucose',
      RadiopharmaceuticalStartTime: info.injectionTime,
      RadionuclideTotalDose: ds(info.injectedDoseBq),
      RadionuclideHalfLife: ds(info.halfLifeS ?? F18_HALF_LIFE_S),
      RadionuclideCodeSequence: [F18],
      RadiopharmaceuticalCodeSequence: [FDG],
    }],
    NumberOfSlices: nz,
    PatientOrientationCodeSequence: [],
    PatientGantryRelationshipCodeSequence: [],
    SeriesType: ['STATIC', 'IMAGE'],
    Units: 'BQML',
    CountsSource: 'EMISSION',
    DecayCorrection: 'START',
    FrameReferenceTime: '0',
    DecayFactor: '1',
    ImageIndex: k + 1,
    PixelData: [stored],
    _vrMap: { PixelData: 'OW' },
  };
}

/**
 * The series' Rescale Slope: the volume's maximum / 65535, rounded to its DS text (the reader
 * multiplies by the text, not by our double), so every voxel is within half a step, max / 131070,
 * of its value. 1 for an all-zero volume.
 */
export function petRescaleSlope(volume: Volume): number {
  let max = 0;
  const v = volume.voxels;
  for (let n = 0; n < v.length; n++) if (v[n] > max) max = v[n];
  return max > 0 ? Number(formatDecimalString(max / UINT16_MAX)) : 1;
}

/** Slice k as little-endian uint16 stored values round(Bq/ml / slope); values must be finite, ≥ 0 and fit. */
function storedSlice(volume: Volume, k: number, slope: number, uid: string): ArrayBuffer {
  const [nx, ny] = volume.dimensions;
  const count = nx * ny, base = k * count, v = volume.voxels;
  const out = new Uint16Array(count);
  for (let n = 0; n < count; n++) {
    const x = v[base + n], s = Math.round(x / slope);
    if (!(x >= 0) || s > UINT16_MAX) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { uid, slice: k }, `activity ${x} Bq/ml at voxel ${n} does not fit 0 … 65535 × slope ${slope}`);
    }
    out[n] = s;
  }
  if (!HOST_LITTLE_ENDIAN) swapBytes(new Uint8Array(out.buffer), 2);
  return out.buffer;
}

/** Slice k of a BQML volume as a PET Image Storage Part 10 file (Explicit VR Little Endian). */
export function encodePetSlice(volume: Volume, k: number, info: PetSeriesInfo, sopInstanceUid: string): Uint8Array {
  return writePart10(petSliceDataset(volume, k, info, sopInstanceUid));
}
