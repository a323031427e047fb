import { describe, expect, it } from 'vitest';
import { readNifti, readNrrd, writeNifti, writeNrrd } from '../../../src/io/index.ts';
import { PHANTOM_LABEL } from '../../../src/phantom/phantomLabels.ts';
import { createVolume } from '../../../src/volume/Volume.ts';
import { type Segmentation, segmentMask, segmentVoxelCount } from '../../../src/segmentation/Segmentation.ts';
import { parseLabelTable } from '../../../src/segmentation/io/LabelTable.ts';
import { phantomLabelTable } from '../../../src/segmentation/io/phantomLabelTable.ts';
import { segmentationFromLabelVolume } from '../../../src/segmentation/io/segmentationFromLabelVolume.ts';
import { segmentationToLabelVolumes } from '../../../src/segmentation/io/segmentationToLabelVolumes.ts';
import { thrown } from '../../util/thrown.ts';
import { phantomCt, phantomSegmentation } from './phantomSegFixture.ts';

function expectSameSegmentation(a: Segmentation, b: Segmentation): void {
  expect(b.dimensions).toEqual(a.dimensions);
  expect(b.segments).toEqual(a.segments);
  expect(b.label).toBe(a.label);
  for (const g of a.segments) {
    const x = segmentMask(a, g.number), y = segmentMask(b, g.number);
    let differ = 0;
    for (let n = 0; n < x.length; n++) if (x[n] !== y[n]) differ++;
    expect(differ, g.label).toBe(0);
  }
}

describe('label volumes with a label table', () => {
  const seg = phantomSegmentation();

  it('one uint8 label volume per layer, and a JSON-serialisable table that says where each segment is and what it is', () => {
    const { volumes, table } = segmentationToLabelVolumes(seg);
    expect(volumes).toHaveLength(2);
    for (const v of volumes) expect(v).toMatchObject({ units: 'label', dimensions: seg.dimensions });
    expect(volumes[0].voxels).toBeInstanceOf(Uint8Array);
    const parsed = parseLabelTable(JSON.parse(JSON.stringify(table)));
    expect(parsed).toEqual(table);
    expect(parsed.segments.map((e) => [e.segmentNumber, e.layer, e.value, e.label])).toEqual([
      [1, 0, 1, 'Liver'], [2, 0, 2, 'Spleen'], [3, 0, 3, 'Right kidney'], [4, 0, 4, 'Left kidney'], [5, 1, 1, 'Liver with lesions'],
    ]);
    expect(parsed.segments[0]).toMatchObject({ type: { value: '10200004', scheme: 'SCT', meaning: 'Liver' }, algorithmType: 'AUTOMATIC', review: { status: 'proposal' } });
    expect(parsed.frameOfReferenceUid).toBe(seg.frameOfReferenceUid);
  });

  it('round-trips through NIfTI (label intent) and NRRD files plus the table: same segments, numbers, layers and voxels', () => {
    const { volumes, table } = segmentationToLabelVolumes(seg);
    const json = parseLabelTable(JSON.parse(JSON.stringify(table)));
    const nifti = volumes.map((v) => readNifti(writeNifti(v, { gzip: true })).volumes[0]);
    expect(nifti.map((v) => v.units)).toEqual(['label', 'label']);
    const fromNifti = segmentationFromLabelVolume(nifti, json);
    expectSameSegmentation(seg, fromNifti);
    const nrrd = volumes.map((v) => readNrrd(writeNrrd(v)).volumes[0]);
    expectSameSegmentation(seg, segmentationFromLabelVolume(nrrd, json));
  });

  it('without a table, each distinct non-zero value of each volume becomes a segment named after its value', () => {
    const tp = phantomCt().tp;
    const s = segmentationFromLabelVolume(tp.labels);
    const present = new Set(tp.labels.voxels);
    present.delete(0);
    expect(s.segments.map((g) => g.value)).toEqual([...present].sort((a, b) => a - b));
    expect(s.segments[0]).toMatchObject({ number: 1, label: `Label ${s.segments[0].value}`, layer: 0, review: { status: 'draft' } });
    expect(s.layers).toHaveLength(1);
    const liver = s.segments.find((g) => g.value === PHANTOM_LABEL.liver)!;
    expect(segmentVoxelCount(s, liver.number)).toBe((tp.labels.voxels as Uint8Array).filter((v) => v === PHANTOM_LABEL.liver).length);
  });

  it('the phantom label map with phantomLabelTable gets the phantom’s names, colours and SNOMED codes', () => {
    const tp = phantomCt().tp;
    const s = segmentationFromLabelVolume(tp.labels, phantomLabelTable());
    const liver = s.segments.find((g) => g.value === PHANTOM_LABEL.liver)!;
    expect(liver).toMatchObject({ label: 'Liver', color: [221, 130, 101], type: { value: '10200004', scheme: 'SCT' }, category: { value: '123037004' } });
    const lesion = s.segments.find((g) => g.value === PHANTOM_LABEL.liverLesion1)!;
    expect(lesion.category.value).toBe('49755003');
    // Labels of the table absent from this time point (liver lesion 2 appears at progression) are kept as empty segments.
    const later = s.segments.find((g) => g.value === PHANTOM_LABEL.liverLesion2)!;
    expect(segmentVoxelCount(s, later.number)).toBe(0);
  });

  it('values above 255 (a 16-bit label map) go to further layers; the table still finds them by their file value', () => {
    const v = createVolume({ dimensions: [4, 1, 1], type: 'uint16', units: 'label' });
    v.voxels.set([0, 7, 300, 1000]);
    const table = parseLabelTable({
      format: 'voxa-label-table', version: 1, label: 'wide',
      segments: [{ segmentNumber: 3, layer: 0, value: 1000, label: 'thousand', color: [1, 2, 3], category: { value: '85756007', scheme: 'SCT', meaning: 'Tissue' },
        type: { value: '85756007', scheme: 'SCT', meaning: 'Tissue' }, algorithmType: 'MANUAL', review: { status: 'reviewed', by: 'me' } }],
    });
    const s = segmentationFromLabelVolume(v, table);
    expect(s.segments.map((g) => [g.number, g.label, g.layer, g.value])).toEqual([[4, 'Label 7', 0, 7], [5, 'Label 300', 1, 1], [3, 'thousand', 1, 2]]);
    expect(Array.from(s.layers[0])).toEqual([0, 7, 0, 0]);
    expect(Array.from(s.layers[1])).toEqual([0, 0, 1, 2]);
    expect(s.segments[2].review).toEqual({ status: 'reviewed', by: 'me' });
  });

  it('refuses volumes on different grids, fractional values and malformed tables, saying what is wrong', () => {
    const a = createVolume({ dimensions: [2, 2, 2], type: 'uint8' });
    const b = createVolume({ dimensions: [2, 2, 3], type: 'uint8' });
    expect(thrown(() => segmentationFromLabelVolume([a, b])).code).toBe('VOXA_ERR_GRID_MISMATCH');
    const f = createVolume({ dimensions: [2, 1, 1], type: 'float32' });
    f.voxels.set([0, 1.5]);
    expect(thrown(() => segmentationFromLabelVolume(f)).message).toContain('label value 1.5: expected an integer 0–65535');
    const { volumes, table } = segmentationToLabelVolumes(phantomSegmentation());
    expect(thrown(() => segmentationFromLabelVolume(volumes[0], table)).message).toContain('segment 5 (Liver with lesions) in layer 1, but 1 label volume(s) were given');
    expect(thrown(() => parseLabelTable({ format: 'voxa-label-table', version: 1, label: '', segments: [{ segmentNumber: 0 }] }, 't.json')).message)
      .toBe('Invalid argument: label table: expected an integer 1–65535 (file t.json, field segments[0].segmentNumber)');
  });
});
