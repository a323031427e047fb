import { type CodedConcept, sct } from '../../segmentation/CodedConcept.ts';

/** Finding sites (SNOMED CT, as DICOM SR codes them) of the organ names Voxa's lesion tools use. */
const FINDING_SITES: Readonly<Record<string, CodedConcept>> = {
  liver: sct('10200004', 'Liver'),
  lung: sct('39607008', 'Lung structure'),
  'lymph node': sct('59441001', 'Structure of lymph node'),
  bone: sct('272673000', 'Bone structure'),
  kidney: sct('64033007', 'Kidney structure'),
  brain: sct('12738006', 'Brain structure'),
  adrenal: sct('23451007', 'Adrenal gland'),
  peritoneum: sct('15425007', 'Peritoneum'),
};

/** The SR finding site of an organ name (case-insensitive), or undefined for a name without a code. */
export function findingSiteOfOrgan(organ: string): CodedConcept | undefined {
  return FINDING_SITES[organ.trim().toLowerCase()];
}
