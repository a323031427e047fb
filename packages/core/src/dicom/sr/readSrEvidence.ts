import type { AttributeReader } from '../AttributeReader.ts';
import { sequenceItems } from './srContentTree.ts';

/** Where an instance lives: its study and series. */
export interface SrInstanceLocation {
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

/**
 * Study and series of every instance listed in Current Requested Procedure Evidence and Pertinent
 * Other Evidence (PS3.3 C.17.2.3, Hierarchical SOP Instance Reference Macro), by SOP Instance UID:
 * SR content items reference instances by SOP UIDs only.
 */
export function readSrEvidence(ds: AttributeReader): Map<string, SrInstanceLocation> {
  const out = new Map<string, SrInstanceLocation>();
  for (const tag of ['x0040a375', 'x0040a385']) {
    for (const study of sequenceItems(ds, tag)) {
      const studyInstanceUid = study.str('x0020000d');
      for (const series of sequenceItems(study, 'x00081115')) {
        const seriesInstanceUid = series.str('x0020000e');
        for (const sop of sequenceItems(series, 'x00081199')) out.set(sop.str('x00081155'), { studyInstanceUid, seriesInstanceUid });
      }
    }
  }
  return out;
}
