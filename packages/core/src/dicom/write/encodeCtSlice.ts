import { VoxaError } from '../../errors/VoxaError.ts';
import type { Volume } from '../../volume/Volume.ts';
import { HOST_LITTLE_ENDIAN, swapBytes } from '../../io/voxelBytes.ts';
import { formatDecimalString } from './decimalString.ts';
import type { ImageSeriesInfo } from './ImageSeriesInfo.ts';
import { imagePlaneAttributes, spacingBetweenSlices } from './imagePlaneAttributes.ts';
import { studyContextAttributes } from './studyContextAttributes.ts';
import { type NaturalDataset, writePart10 } from './writePart10.ts';

/** CT Image Storage SOP Class (PS3.4 §B.5). */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** A VOI window preset written as Window Center/Width (PS3.3 C.11.2). */
export interface WindowPreset {
  center: number;
  width: number;
  explanation: string;
}

/** Soft tissue, lung and bone windows. */
export const CT_WINDOW_PRESETS: readonly WindowPreset[] = [
  { center: 40, width: 400, explanation: 'SOFT TISSUE' },
  { center: -600, width: 1500, explanation: 'LUNG' },
  { center: 400, width: 1800, explanation: 'BONE' },
];

/** Patient, study, series and equipment attributes shared by every slice of a CT series. */
export interface CtSeriesInfo extends ImageSeriesInfo {
  patientSex?: 'M' | 'F' | 'O' | '';
  /** Default 'HFS'. */
  patientPosition?: string;
  kvp?: number;
  /** Stored value = HU − intercept (slope 1). Default −1024. */
  rescaleIntercept?: number;
  windows?: readonly WindowPreset[];
}


/**
 * The CT Image IOD (PS3.3 A.3) data set of slice k of an int16 HU volume: Image Plane from the
 * volume's indexToWorld (IPP = centre of voxel (0, 0, k), IOP = the i then j direction cosines,
 * PixelSpacing = row spacing (j) then column spacing (i); PS3.3 C.7.6.2), 16-bit signed stored
 * values = HU − RescaleIntercept with slope 1 (PixelRepresentation 1, BitsStored 16).
 */
export function ctSliceDataset(volume: Volume, k: number, info: CtSeriesInfo, sopInstanceUid: string): NaturalDataset {
  const [nx, ny, nz] = volume.dimensions;
  if (!(volume.voxels instanceof Int16Array) || volume.components !== 1) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { uid: info.seriesInstanceUid }, 'a CT series is written from a scalar int16 HU volume');
  }
  if (!Number.isInteger(k) || k < 0 || k >= nz) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { slice: k }, `slice index out of range 0 … ${nz - 1}`);
  }
  const intercept = info.rescaleIntercept ?? -1024;
  const ds = formatDecimalString;
  const windows = info.windows ?? CT_WINDOW_PRESETS;
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    ...imagePlaneAttributes(volume, k),
    ...studyContextAttributes(info),
    SeriesDate: info.studyDate,
    AcquisitionDate: info.studyDate,
    ContentDate: info.studyDate,
    SeriesTime: info.studyTime,
    AcquisitionTime: info.studyTime,
    ContentTime: info.studyTime,
    Modality: 'CT',
    Manufacturer: info.manufacturer,
    SeriesDescription: info.seriesDescription ?? '',
    ManufacturerModelName: info.manufacturerModelName ?? '',
    BodyPartExamined: info.bodyPartExamined ?? '',
    KVP: info.kvp === undefined ? '' : ds(info.kvp),
    SpacingBetweenSlices: spacingBetweenSlices(volume),
    PatientPosition: info.patientPosition ?? 'HFS',
    SeriesInstanceUID: info.seriesInstanceUid,
    SeriesNumber: info.seriesNumber,
    AcquisitionNumber: 1,
    InstanceNumber: k + 1,
    FrameOfReferenceUID: info.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    ImageComments: info.imageComments ?? '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    WindowCenter: windows.map((w) => ds(w.center)),
    WindowWidth: windows.map((w) => ds(w.width)),
    WindowCenterWidthExplanation: windows.map((w) => w.explanation),
    RescaleIntercept: ds(intercept),
    RescaleSlope: '1',
    RescaleType: 'HU',
    PixelData: [storedSlice(volume.voxels, nx * ny, k, intercept, info.seriesInstanceUid)],
    _vrMap: { PixelData: 'OW' },
  };
}

/** Slice k of the volume as little-endian stored values (HU − intercept), checked to fit int16. */
function storedSlice(voxels: Int16Array, count: number, k: number, intercept: number, uid: string): ArrayBuffer {
  const out = new Int16Array(count);
  const base = k * count;
  for (let n = 0; n < count; n++) {
    const s = voxels[base + n] - intercept;
    if (s < -32768 || s > 32767) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { uid, slice: k }, `HU ${voxels[base + n]} does not fit int16 with intercept ${intercept}`);
    }
    out[n] = s;
  }
  if (!HOST_LITTLE_ENDIAN) swapBytes(new Uint8Array(out.buffer), 2);
  return out.buffer;
}

/** Slice k of an int16 HU volume as a CT Image Storage Part 10 file (Explicit VR Little Endian). */
export function encodeCtSlice(volume: Volume, k: number, info: CtSeriesInfo, sopInstanceUid: string): Uint8Array {
  return writePart10(ctSliceDataset(volume, k, info, sopInstanceUid));
}

