import type { DataSet } from 'dicom-parser';
import { VoxaError } from '../../errors/VoxaError.ts';
import type { AttributeReader } from '../AttributeReader.ts';
import { DataSetReader } from '../DataSetReader.ts';
import { TS, type PixelDescription } from './PixelDescription.ts';
import { paletteLutOf } from './readPaletteLut.ts';
import { tagLabel } from './tagLabel.ts';

/** Options of {@link readPixelDescription}. */
export interface ReadPixelDescriptionOptions {
  /** Transfer syntax of the data set; default: (0002,0010), else Implicit VR Little Endian. */
  transferSyntaxUid?: string;
  /** File name, carried into the description for error messages. */
  file?: string;
  /**
   * The element that holds the frames, for a data set without it (DICOM JSON metadata may leave
   * pixel data out); default: the one the data set has.
   */
  pixelDataTag?: PixelDataTag;
}

/** Pixel Data, Float Pixel Data and Double Float Pixel Data (PS3.3 C.7.6.3). */
export const PIXEL_DATA_TAGS = ['x7fe00010', 'x7fe00008', 'x7fe00009'] as const;

/** One of {@link PIXEL_DATA_TAGS}. */
export type PixelDataTag = (typeof PIXEL_DATA_TAGS)[number];

/**
 * Reads the Image Pixel Module (PS3.3 C.7.6.3) of a parsed data set into a {@link PixelDescription},
 * including PALETTE COLOR lookup tables. Absent optional attributes take their DICOM defaults.
 */
export function readPixelDescription(dataSet: DataSet, options: ReadPixelDescriptionOptions = {}): PixelDescription {
  return pixelDescriptionOf(new DataSetReader(dataSet), options);
}

/** {@link readPixelDescription} over any {@link AttributeReader} (e.g. a DICOM JSON data set). */
export function pixelDescriptionOf(dataSet: AttributeReader, options: ReadPixelDescriptionOptions = {}): PixelDescription {
  const file = options.file;
  const pixelTag = options.pixelDataTag ?? PIXEL_DATA_TAGS.find((tag) => dataSet.has(tag));
  if (!pixelTag) throw new VoxaError('VOXA_ERR_NO_PIXEL_DATA', { file }, 'no (7FE0,0010), (7FE0,0008) or (7FE0,0009)');
  const transferSyntaxUid = (options.transferSyntaxUid ?? (dataSet.str('x00020010') || TS.ImplicitVRLittleEndian))
    .replace(/\0/g, '')
    .trim();

  const rows = required(dataSet, 'x00280010', file);
  const columns = required(dataSet, 'x00280011', file);
  const bitsAllocated = required(dataSet, 'x00280100', file);
  const samplesPerPixel = dataSet.uint16('x00280002') ?? 1;
  const bitsStored = dataSet.uint16('x00280101') ?? bitsAllocated;
  const highBit = dataSet.uint16('x00280102') ?? bitsStored - 1;
  const pixelRepresentation = dataSet.uint16('x00280103') === 1 ? 1 : 0;
  const photometricInterpretation = (
    dataSet.str('x00280004') || (samplesPerPixel === 1 ? 'MONOCHROME2' : 'RGB')
  ).toUpperCase();
  const planarConfiguration = samplesPerPixel > 1 && dataSet.uint16('x00280006') === 1 ? 1 : 0;
  // Number of Frames is IS; a malformed value such as '1A' still parses to its leading integer.
  const framesText = dataSet.str('x00280008');
  const frames = framesText === '' ? 1 : Number.parseInt(framesText, 10);

  const desc: PixelDescription = {
    transferSyntaxUid,
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation,
    photometricInterpretation,
    planarConfiguration,
    numberOfFrames: Number.isFinite(frames) && frames > 0 ? frames : 1,
  };
  if (pixelTag !== 'x7fe00010') desc.floatPixelData = true;
  if (file !== undefined) desc.file = file;
  if (photometricInterpretation === 'PALETTE COLOR') {
    const littleEndian = dataSet.littleEndianBytes ?? transferSyntaxUid !== TS.ExplicitVRBigEndian;
    const palette = paletteLutOf(dataSet, pixelRepresentation, littleEndian, file);
    if (!palette) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: '(0028,1101)' }, 'PALETTE COLOR without palette descriptors');
    desc.palette = palette;
  }
  return desc;
}

function required(dataSet: AttributeReader, tag: string, file: string | undefined): number {
  const value = dataSet.uint16(tag);
  if (value === undefined) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: tagLabel(tag) });
  return value;
}
