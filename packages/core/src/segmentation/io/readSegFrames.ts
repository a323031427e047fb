import type { AttributeReader } from '../../dicom/AttributeReader.ts';
import { checkPlaneGeometry, firstPositive, positiveSpacing } from '../../dicom/checkGeometry.ts';
import { VoxaError } from '../../errors/VoxaError.ts';
import { dot, type Vec3 } from '../../math/Vec3.ts';

/** One frame of a SEG: which segment it belongs to, where it lies, which image it was derived from. */
export interface SegFrame {
  /** 0-based index in the pixel data. */
  index: number;
  /** Referenced Segment Number; undefined in a LABELMAP SEG (pixels hold segment numbers). */
  segmentNumber?: number;
  /** Image Position (Patient) of the frame's first pixel, LPS mm. */
  positionLps: Vec3;
  /** The first Source Image of its Derivation Image Sequence, when given. */
  source?: { sopClassUid: string; sopInstanceUid: string; frameNumber?: number };
}

/** The plane shared by every frame: orientation and pixel measures. */
export interface SegPlane {
  /** Direction of increasing column index (along a row). */
  rowCosine: Vec3;
  /** Direction of increasing row index (down a column). */
  columnCosine: Vec3;
  /** [between rows, between columns] mm (Pixel Spacing order). */
  pixelSpacingMm: [number, number];
  sliceThicknessMm?: number;
  spacingBetweenSlicesMm?: number;
}

const PER_FRAME = 'x52009230';
const SHARED = 'x52009229';
/** Largest disagreement allowed between the frames' orientation cosines. */
const ORIENTATION_TOLERANCE = 1e-4;

/**
 * The frames of a SEG from its Multi-frame Functional Groups (PS3.3 C.7.6.16): per frame, Plane
 * Position (Patient), Segment Identification and Derivation Image; Plane Orientation (Patient) and
 * Pixel Measures from the frame or the shared groups, which must agree across frames. Throws
 * VOXA_ERR_DICOM_MISSING_TAG naming the sequence and frame when geometry is missing.
 */
export function readSegFrames(ds: AttributeReader, numberOfFrames: number, labelmap: boolean, file: string): { frames: SegFrame[]; plane: SegPlane } {
  const shared = ds.item(SHARED);
  if (!ds.item(PER_FRAME)) {
    throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: '(5200,9230) PerFrameFunctionalGroupsSequence' }, 'a SEG needs per-frame functional groups to place its frames');
  }
  const frames: SegFrame[] = [];
  let plane: SegPlane | undefined;
  for (let f = 0; f < numberOfFrames; f++) {
    const pf = ds.item(PER_FRAME, f);
    if (!pf) {
      throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: '(5200,9230) PerFrameFunctionalGroupsSequence', frame: f + 1 },
        `the sequence has fewer items than Number of Frames (${numberOfFrames})`);
    }
    const group = (tag: string) => pf.item(tag) ?? shared?.item(tag);
    const where = (tag: string) => ({ file, tag, frame: f + 1 });
    const pos = group('x00209113');
    if (!pos) {
      throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', where('(0020,9113) PlanePositionSequence'),
        'frames without a patient position (a SEG of a projection radiograph or a slide) cannot be placed on a 3D grid');
    }
    const ori = group('x00209116');
    if (!ori) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', where('(0020,9116) PlaneOrientationSequence'));
    const meas = group('x00289110');
    const spacing = meas ? positiveSpacing(meas.nums('x00280030')) : undefined;
    if (!spacing) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', where('(0028,9110) PixelMeasuresSequence > (0028,0030) PixelSpacing'), 'two positive values expected');
    const geometry = checkPlaneGeometry(pos.nums('x00200032'), ori.nums('x00200037'));
    if ('problem' in geometry) throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', where('(0020,0032)/(0020,0037)'), geometry.problem);
    const framePlane: SegPlane = {
      rowCosine: geometry.row,
      columnCosine: geometry.column,
      pixelSpacingMm: spacing,
      sliceThicknessMm: firstPositive(meas?.num('x00180050')),
      spacingBetweenSlicesMm: firstPositive(meas?.num('x00180088')),
    };
    if (!plane) plane = framePlane;
    else checkSamePlane(plane, framePlane, file, f);
    let segmentNumber: number | undefined;
    if (!labelmap) {
      segmentNumber = group('x0062000a')?.uint16('x0062000b');
      if (segmentNumber === undefined) {
        throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', where('(0062,000A) SegmentIdentificationSequence > (0062,000B) ReferencedSegmentNumber'));
      }
    }
    const src = pf.item('x00089124')?.item('x00082112');
    const frameNumber = src?.num('x00081160');
    frames.push({
      index: f,
      segmentNumber,
      positionLps: geometry.position,
      source: src && src.str('x00081155')
        ? { sopClassUid: src.str('x00081150'), sopInstanceUid: src.str('x00081155'), ...(frameNumber !== undefined ? { frameNumber } : {}) }
        : undefined,
    });
  }
  if (!plane) throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0028,0008) NumberOfFrames' }, 'the SEG has no frames');
  return { frames, plane };
}

function checkSamePlane(a: SegPlane, b: SegPlane, file: string, f: number): void {
  const sameDir = (u: Vec3, v: Vec3) => Math.abs(dot(u, v) - 1) <= ORIENTATION_TOLERANCE;
  if (!sameDir(a.rowCosine, b.rowCosine) || !sameDir(a.columnCosine, b.columnCosine)) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0020,0037) ImageOrientationPatient', frame: f + 1 },
      `frame orientation ${[...b.rowCosine, ...b.columnCosine].join('\\')} differs from the first frame's ${[...a.rowCosine, ...a.columnCosine].join('\\')}; frames of one SEG must share a plane orientation`);
  }
  const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(x, y);
  if (rel(a.pixelSpacingMm[0], b.pixelSpacingMm[0]) > 1e-4 || rel(a.pixelSpacingMm[1], b.pixelSpacingMm[1]) > 1e-4) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0028,0030) PixelSpacing', frame: f + 1 },
      `pixel spacing ${b.pixelSpacingMm.join('\\')} differs from the first frame's ${a.pixelSpacingMm.join('\\')}`);
  }
}
