import { PHANTOM_LABELS } from '../../phantom/phantomLabels.ts';
import { type CodedConcept, SEGMENT_CATEGORY, SEGMENT_TYPE, sct } from '../CodedConcept.ts';
import { LABEL_TABLE_FORMAT, type LabelTable } from './LabelTable.ts';

/** Phantom labels without a SNOMED code in the phantom table whose concept the model knows. */
const TYPE_BY_NAME: Record<string, CodedConcept> = {
  subcutaneous_fat: SEGMENT_TYPE.subcutaneousFat,
  visceral_fat: SEGMENT_TYPE.visceralFat,
  muscle: SEGMENT_TYPE.muscle,
  airway: SEGMENT_TYPE.airway,
};

/**
 * The label table of the phantom's label map (`truth/tp<N>/labels.nii.gz`): every label but the
 * background, value = label id, with the SNOMED CT codes of PHANTOM_LABELS (lesions as
 * morphologically altered structures); labels without a known code are typed 'Tissue'.
 */
export function phantomLabelTable(): LabelTable {
  return {
    format: LABEL_TABLE_FORMAT,
    version: 1,
    label: 'Voxa phantom labels',
    segments: PHANTOM_LABELS.filter((l) => l.id !== 0).map((l, n) => ({
      segmentNumber: n + 1,
      layer: 0,
      value: l.id,
      label: l.displayName,
      color: [...l.color],
      category: l.lesion ? SEGMENT_CATEGORY.morphologicallyAbnormalStructure : SEGMENT_CATEGORY.anatomicalStructure,
      type: l.snomedCode ? sct(l.snomedCode, l.snomedMeaning ?? l.displayName) : TYPE_BY_NAME[l.name] ?? SEGMENT_TYPE.tissue,
      algorithmType: 'AUTOMATIC',
      algorithmName: 'Voxa phantom',
      algorithmVersion: '1',
      review: { status: 'reviewed', by: 'phantom ground truth' },
    })),
  };
}
