import type { NaturalDataset } from '../write/writePart10.ts';
import type { SrSourceSeries } from './MeasurementReport.ts';
import { srItem } from './srContentItems.ts';
import { SR_CONCEPT } from './srCodes.ts';

/**
 * The Image Library container (PS3.16 TID 1600): one Image Library Group per source series with
 * its shared descriptors as HAS ACQ CONTEXT (TID 1602: Modality, Study Date, Frame of Reference
 * UID), then one IMAGE entry per source image (TID 1601).
 */
export function imageLibraryItem(series: readonly SrSourceSeries[]): NaturalDataset {
  return srItem.container('CONTAINS', SR_CONCEPT.imageLibrary, series.map((s) => {
    const descriptors: NaturalDataset[] = [];
    if (s.modality) descriptors.push(srItem.code('HAS ACQ CONTEXT', SR_CONCEPT.modality, { value: s.modality, scheme: 'DCM', meaning: modalityMeaning(s.modality) }));
    if (s.studyDate) descriptors.push(srItem.date('HAS ACQ CONTEXT', SR_CONCEPT.studyDate, s.studyDate));
    if (s.frameOfReferenceUid) descriptors.push(srItem.uidref('HAS ACQ CONTEXT', SR_CONCEPT.frameOfReferenceUid, s.frameOfReferenceUid));
    const entries = s.instances.map((i) => srItem.imageEntry(i.sopClassUid, i.sopInstanceUid));
    return srItem.container('CONTAINS', SR_CONCEPT.imageLibraryGroup, [...descriptors, ...entries]);
  }));
}

/** Code Meanings of the modalities measurements are made on (PS3.16 CID 29); others say the value. */
const MODALITY_MEANINGS: Record<string, string> = {
  CT: 'Computed Tomography',
  MR: 'Magnetic Resonance',
  PT: 'Positron emission tomography',
  US: 'Ultrasound',
  NM: 'Nuclear Medicine',
  CR: 'Computed Radiography',
  DX: 'Digital Radiography',
};

function modalityMeaning(modality: string): string {
  return MODALITY_MEANINGS[modality] ?? modality;
}
