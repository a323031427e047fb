import { formatDecimalString as ds } from '../../dicom/write/decimalString.ts';
import type { NaturalDataset } from '../../dicom/write/writePart10.ts';
import { VoxaError } from '../../errors/VoxaError.ts';
import { mat4Column, transformPoint } from '../../math/Mat4.ts';
import { cross, dot, length, normalize, type Vec3 } from '../../math/Vec3.ts';
import type { Segmentation } from '../Segmentation.ts';
import { codeItem } from './codeSequences.ts';
import { SEG_CODES } from './segConstants.ts';
import type { SegOutputFrame } from './segPixelFrames.ts';
import type { SegSourceInstance } from './SegSourceImage.ts';

/**
 * The Multi-frame Functional Groups (PS3.3 C.7.6.16) and Multi-frame Dimension (C.7.6.17) of a
 * SEG on the segmentation's grid. Shared: Plane Orientation (Patient) and Pixel Measures. Per
 * frame: Derivation Image (the source image of its slice), Frame Content (dimension index values:
 * segment number, then the rank of the frame's position), Plane Position (Patient) (voxel
 * (0, 0, k)) and Segment Identification.
 */
export function segFunctionalGroups(s: Segmentation, frames: SegOutputFrame[], instances: SegSourceInstance[], dimensionOrganizationUid: string): NaturalDataset {
  const m = s.indexToWorld;
  const ci = mat4Column(m, 0), cj = mat4Column(m, 1), ck = mat4Column(m, 2);
  const row = normalize(ci), column = normalize(cj);
  if (Math.abs(dot(row, column)) > 1e-4) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the segmentation grid has non-orthogonal row and column axes; a SEG frame cannot hold it');
  }
  const normal = normalize(cross(row, column));
  const spacing = Math.abs(dot(ck, normal));
  const usedSlices = [...new Set(frames.map((f) => f.k))].sort((a, b) => a - b);
  const rank = new Map(usedSlices.map((k, n) => [k, n + 1]));
  const position: Vec3 = [0, 0, 0];
  const perFrame = frames.map(({ segmentNumber, k }) => {
    const source = instances[k];
    transformPoint(m, [0, 0, k], position);
    return {
      DerivationImageSequence: [{
        SourceImageSequence: [{
          ReferencedSOPClassUID: source.sopClassUid,
          ReferencedSOPInstanceUID: source.sopInstanceUid,
          ...(source.frameNumber !== undefined ? { ReferencedFrameNumber: source.frameNumber } : {}),
          PurposeOfReferenceCodeSequence: [codeItem(SEG_CODES.sourceImage)],
          SpatialLocationsPreserved: 'YES',
        }],
        DerivationCodeSequence: [codeItem(SEG_CODES.segmentation)],
      }],
      FrameContentSequence: [{ DimensionIndexValues: [segmentNumber, rank.get(k)!] }],
      PlanePositionSequence: [{ ImagePositionPatient: position.map(ds) }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: segmentNumber }],
    };
  });
  const dimension = (pointer: number, group: number, label: string) => ({
    DimensionOrganizationUID: dimensionOrganizationUid,
    DimensionIndexPointer: pointer,
    FunctionalGroupPointer: group,
    DimensionDescriptionLabel: label,
  });
  return {
    SharedFunctionalGroupsSequence: [{
      PlaneOrientationSequence: [{ ImageOrientationPatient: [...row, ...column].map(ds) }],
      PixelMeasuresSequence: [{
        SliceThickness: ds(spacing || length(ck)),
        SpacingBetweenSlices: ds(spacing || length(ck)),
        PixelSpacing: [ds(length(cj)), ds(length(ci))],
      }],
    }],
    PerFrameFunctionalGroupsSequence: perFrame,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      dimension(0x0062000b, 0x0062000a, 'Segment Number'),
      dimension(0x00200032, 0x00209113, 'Image Position Patient'),
    ],
  };
}
