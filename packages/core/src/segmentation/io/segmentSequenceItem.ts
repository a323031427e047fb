import type { NaturalDataset } from '../../dicom/write/writePart10.ts';
import type { CodedConcept } from '../CodedConcept.ts';
import type { Segment } from '../Segment.ts';
import { rgbToDicomLab } from './cieLab.ts';
import { codeItem } from './codeSequences.ts';
import { ALGORITHM_FAMILY } from './segConstants.ts';

/** Who made a segment when the segment does not say (Segment Algorithm Name is Type 1C). */
export const DEFAULT_ALGORITHM_NAME = 'Voxa';

/**
 * A Segment Sequence item (Segment Description Macro, PS3.3 C.8.20.4) for a segment written as
 * `number`: label, description, property category/type (with its modifier), anatomic region,
 * algorithm type and name (name required unless MANUAL), Recommended Display CIELab Value from the
 * RGB colour, and, when the segment has an algorithm version, the Segmentation Algorithm
 * Identification Sequence (family from `algorithmFamily`, else by algorithm type).
 */
export function segmentSequenceItem(segment: Segment, number: number, algorithmFamily?: CodedConcept): NaturalDataset {
  const type: NaturalDataset = codeItem(segment.type);
  if (segment.typeModifier) type.SegmentedPropertyTypeModifierCodeSequence = [codeItem(segment.typeModifier)];
  const manual = segment.algorithmType === 'MANUAL';
  const name = segment.algorithmName || (manual ? undefined : DEFAULT_ALGORITHM_NAME);
  const item: NaturalDataset = {
    SegmentNumber: number,
    SegmentLabel: segment.label.slice(0, 64),
    ...(segment.description ? { SegmentDescription: segment.description.slice(0, 1024) } : {}),
    SegmentAlgorithmType: segment.algorithmType,
    ...(name ? { SegmentAlgorithmName: name.slice(0, 64) } : {}),
    SegmentedPropertyCategoryCodeSequence: [codeItem(segment.category)],
    SegmentedPropertyTypeCodeSequence: [type],
    RecommendedDisplayCIELabValue: rgbToDicomLab(segment.color),
  };
  if (segment.anatomicRegion) item.AnatomicRegionSequence = [codeItem(segment.anatomicRegion)];
  if (segment.algorithmVersion) {
    const family = algorithmFamily ?? (manual ? ALGORITHM_FAMILY.manualProcessing : ALGORITHM_FAMILY.artificialIntelligence);
    item.SegmentationAlgorithmIdentificationSequence = [{
      AlgorithmFamilyCodeSequence: [codeItem(family)],
      AlgorithmName: (name ?? DEFAULT_ALGORITHM_NAME).slice(0, 64),
      AlgorithmVersion: segment.algorithmVersion.slice(0, 64),
    }];
  }
  return item;
}
