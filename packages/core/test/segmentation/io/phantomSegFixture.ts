import { DataSetReader } from '../../../src/dicom/DataSetReader.ts';
import type { SliceRef } from '../../../src/dicom/InstanceInfo.ts';
import { parseDicom } from '../../../src/dicom/parseDicom.ts';
import { readInstance } from '../../../src/dicom/readInstance.ts';
import { encodePhantomSlice, phantomCtSeriesInfo } from '../../../src/phantom/phantomDicom.ts';
import { PHANTOM_LABEL } from '../../../src/phantom/phantomLabels.ts';
import { type PhantomTimePoint } from '../../../src/phantom/generatePhantom.ts';
import { addSegment, createSegmentation, type Segmentation, writeSegmentMask } from '../../../src/segmentation/Segmentation.ts';
import { phantomLabelTable } from '../../../src/segmentation/io/phantomLabelTable.ts';
import { segSourceFromSlices, type SegSourceImage } from '../../../src/segmentation/io/SegSourceImage.ts';
import { smallTimePoint } from '../../phantom/phantomFixtures.ts';

/** The small phantom's CT as DICOM slices (encoded, then read back as our reader sees them) and its SEG source. */
export interface PhantomCt {
  tp: PhantomTimePoint;
  /** encoded[k]: slice k as a Part 10 file. */
  encoded: Uint8Array[];
  slices: SliceRef[];
  source: SegSourceImage;
}

let cached: PhantomCt | undefined;

/** Baseline small phantom: CT slices written by encodeCtSlice, parsed back, and the SEG source built from them. */
export function phantomCt(): PhantomCt {
  if (cached) return cached;
  const tp = smallTimePoint(0);
  const info = phantomCtSeriesInfo(tp);
  const encoded: Uint8Array[] = [];
  const slices: SliceRef[] = [];
  for (let k = 0; k < tp.ct.dimensions[2]; k++) {
    encoded.push(encodePhantomSlice(tp, k, info));
    slices.push(...readInstance(parseDicom(encoded[k], `IM${k + 1}.dcm`)).slices);
  }
  const header = new DataSetReader(parseDicom(encoded[0], 'IM1.dcm').dataSet);
  const source = segSourceFromSlices(slices, header, { dimensions: tp.ct.dimensions, indexToWorld: tp.ct.indexToWorld });
  cached = { tp, encoded, slices, source };
  return cached;
}

/**
 * A segmentation of the phantom with its SNOMED-coded labels (phantomLabelTable): liver, spleen
 * and both kidneys in layer 0, and 'Liver with lesions' (liver ∪ liver lesion 1) overlapping the
 * liver in layer 1.
 */
export function phantomSegmentation(ct = phantomCt()): Segmentation {
  const { tp } = ct;
  const seg = createSegmentation({
    dimensions: tp.ct.dimensions, indexToWorld: tp.ct.indexToWorld, label: 'Phantom organs',
    frameOfReferenceUid: tp.uids.frameOfReferenceUid, referencedSeriesUid: tp.uids.seriesInstanceUid,
  });
  const labels = tp.labels.voxels as Uint8Array;
  const table = phantomLabelTable();
  for (const id of [PHANTOM_LABEL.liver, PHANTOM_LABEL.spleen, PHANTOM_LABEL.rightKidney, PHANTOM_LABEL.leftKidney]) {
    const e = table.segments.find((x) => x.value === id)!;
    const g = addSegment(seg, {
      label: e.label, color: e.color, category: e.category, type: e.type, algorithmType: e.algorithmType,
      algorithmName: e.algorithmName, algorithmVersion: e.algorithmVersion, description: `phantom label ${id}`,
    }, 0);
    writeSegmentMask(seg, g.number, labels.map((v) => (v === id ? 1 : 0)));
  }
  const lesion = table.segments.find((x) => x.value === PHANTOM_LABEL.liverLesion1)!;
  const both = addSegment(seg, { label: 'Liver with lesions', color: lesion.color, category: lesion.category, type: lesion.type, algorithmType: 'MANUAL' }, 'new-layer');
  writeSegmentMask(seg, both.number, labels.map((v) => (v === PHANTOM_LABEL.liver || v === PHANTOM_LABEL.liverLesion1 ? 1 : 0)));
  return seg;
}
