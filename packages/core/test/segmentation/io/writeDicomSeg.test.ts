import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { transformPoint } from '../../../src/math/Mat4.ts';
import { sct } from '../../../src/segmentation/CodedConcept.ts';
import { addSegment, createSegmentation, type Segmentation, segmentMask, segmentVoxelCount, writeSegmentMask } from '../../../src/segmentation/Segmentation.ts';
import type { DicomSegmentation } from '../../../src/segmentation/io/DicomSegmentation.ts';
import { readDicomSeg } from '../../../src/segmentation/io/readDicomSeg.ts';
import type { SegSourceImage } from '../../../src/segmentation/io/SegSourceImage.ts';
import { writeDicomSeg } from '../../../src/segmentation/io/writeDicomSeg.ts';
import { thrown } from '../../util/thrown.ts';
import { phantomCt, phantomSegmentation } from './phantomSegFixture.ts';
import { dciodvfy, hasDciodvfy, hasPydicom, pydicomSegSummary } from './segPeers.ts';

const HAS_DCIODVFY = hasDciodvfy();
const HAS_PYDICOM = hasPydicom();
const dir = mkdtempSync(join(tmpdir(), 'voxa-seg-'));

function saved(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The model's fields a SEG carries (review and display state are not DICOM attributes). */
const described = (s: Segmentation) => s.segments.map(({ review, visible, locked, opacity, ...rest }) => rest);

function expectSameVoxels(a: Segmentation, b: Segmentation): void {
  for (const g of a.segments) {
    const x = segmentMask(a, g.number), y = segmentMask(b, g.number);
    let differ = 0;
    for (let n = 0; n < x.length; n++) if (x[n] !== y[n]) differ++;
    expect(differ, `segment ${g.number} ${g.label}`).toBe(0);
  }
}

/** Voxels per segment, by number. */
const counts = (s: Segmentation) => Object.fromEntries(s.segments.map((g) => [String(g.number), segmentVoxelCount(s, g.number)]));

describe('writeDicomSeg: a BINARY SEG of the phantom CT with two overlapping segments', () => {
  let seg: Segmentation;
  let source: SegSourceImage;
  let bytes: Uint8Array;
  let path: string;
  let back: DicomSegmentation;
  beforeAll(async () => {
    const ct = phantomCt();
    source = ct.source;
    seg = phantomSegmentation(ct);
    bytes = writeDicomSeg(seg, source, { contentCreatorName: 'Doe^Jane', date: new Date(2024, 0, 8, 10, 30, 0) });
    path = saved('phantom-binary.dcm', bytes);
    back = await readDicomSeg(bytes, { referenceGrid: source.grid });
  });

  it.runIf(HAS_DCIODVFY)('passes dciodvfy with no error', () => {
    const v = dciodvfy(path);
    expect(v.output).toContain('Segmentation');
    expect(v.errors).toEqual([]);
    // Warnings are allowed; none are expected for a phantom with full patient/study data.
    expect(v.warnings).toEqual([]);
  });

  it('reads back with the same voxels per segment, grid, metadata and references', () => {
    expect(back.segmentationType).toBe('BINARY');
    expect(back.dimensions).toEqual(seg.dimensions);
    expect(Array.from(back.indexToWorld)).toEqual(Array.from(seg.indexToWorld));
    expect(described(back)).toEqual(described(seg));
    expectSameVoxels(seg, back);
    expect(back.segments.map((g) => g.layer)).toEqual([0, 0, 0, 0, 1]);
    expect(back.label).toBe('Phantom organs');
    expect(back.frameOfReferenceUid).toBe(source.frameOfReferenceUid);
    expect(back.referencedSeriesUid).toBe(source.seriesInstanceUid);
    // Frames exist only where segments are: slices without one have no known source image.
    expect(back.referencedInstances).toBeUndefined();
    expect(back.studyInstanceUid).toBe(source.studyInstanceUid);
  });

  it('without a reference grid, reads back on the slices its frames span, at the CT positions', async () => {
    const own = await readDicomSeg(bytes);
    const [nx, ny, nz] = seg.dimensions;
    const used: number[] = [];
    for (let k = 0; k < nz; k++) {
      for (let n = 0; n < nx * ny; n++) if (seg.layers.some((a) => a[k * nx * ny + n] !== 0)) { used.push(k); break; }
    }
    const k0 = used[0], k1 = used[used.length - 1];
    expect(own.dimensions).toEqual([nx, ny, k1 - k0 + 1]);
    const origin = transformPoint(seg.indexToWorld, [0, 0, k0]);
    // DS values hold 16 characters: positions agree to well below a micrometre.
    [0, 1, 2].forEach((a) => expect(own.indexToWorld[12 + a]).toBeCloseTo(origin[a], 6));
    for (const g of seg.segments) {
      const full = segmentMask(seg, g.number), part = segmentMask(own, g.number);
      let differ = 0;
      for (let n = 0; n < part.length; n++) if (part[n] !== full[n + k0 * nx * ny]) differ++;
      expect(differ).toBe(0);
    }
  });

  it.runIf(HAS_PYDICOM)('pydicom reads it: pixel_array is frames × rows × columns and every segment has our voxel count', () => {
    const py = pydicomSegSummary(path);
    const frames = py.positions.length;
    expect(py.shape).toEqual([frames, seg.dimensions[1], seg.dimensions[0]]);
    expect(py.counts).toEqual(counts(seg));
    expect(py.labels).toEqual(Object.fromEntries(seg.segments.map((g) => [String(g.number), g.label])));
  });

  it('keepEmptyFrames writes one frame per segment and slice, each derived from the CT image of its slice', async () => {
    const all = await readDicomSeg(writeDicomSeg(seg, source, { keepEmptyFrames: true }));
    expect(all.dimensions).toEqual(seg.dimensions);
    expectSameVoxels(seg, all);
    expect(all.referencedInstances).toEqual(source.instances);
  });
});

describe('writeDicomSeg: FRACTIONAL', () => {
  let seg: Segmentation;
  let source: SegSourceImage;
  let probability: Float32Array;
  beforeAll(() => {
    const ct = phantomCt();
    source = ct.source;
    seg = phantomSegmentation(ct);
    // A smooth probability for the liver: 1 inside its mask, falling off with i outside (values 0…1, never exactly 0.5).
    const [nx, ny, nz] = seg.dimensions;
    const liver = segmentMask(seg, 1);
    probability = new Float32Array(nx * ny * nz);
    for (let n = 0; n < probability.length; n++) probability[n] = liver[n] ? 1 : liver[n + 1] || liver[n - 1] ? 0.6 : liver[n + 2] || liver[n - 2] ? 0.3 : 0;
  });

  it('from a probability map: values are round(p·255), the 0.5 threshold gives the mask, dciodvfy and pydicom agree', async () => {
    const bytes = writeDicomSeg(seg, source, { type: 'FRACTIONAL', fractions: new Map([[1, probability]]) });
    const path = saved('phantom-fractional.dcm', bytes);
    const back = await readDicomSeg(bytes, { referenceGrid: source.grid, keepFractional: true });
    expect(back.segmentationType).toBe('FRACTIONAL');
    const values = back.fractional!.find((f) => f.segmentNumber === 1)!.values;
    let differ = 0, inside = 0;
    for (let n = 0; n < probability.length; n++) {
      if (values[n] !== Math.round(probability[n] * 255)) differ++;
      if (probability[n] >= 0.5) inside++;
    }
    expect(differ).toBe(0);
    expect(segmentVoxelCount(back, 1)).toBe(inside);
    // Segments without fractions are written from their masks (0 or 255): unchanged.
    for (const g of seg.segments.slice(1)) expect(segmentVoxelCount(back, g.number)).toBe(segmentVoxelCount(seg, g.number));
    if (HAS_DCIODVFY) expect(dciodvfy(path).errors).toEqual([]);
    if (HAS_PYDICOM) expect(pydicomSegSummary(path, 0.5).counts).toEqual(counts(back));
  });

  it('from the binary masks: reads back identical to the BINARY SEG', async () => {
    const back = await readDicomSeg(writeDicomSeg(seg, source, { type: 'FRACTIONAL' }), { referenceGrid: source.grid });
    expectSameVoxels(seg, back);
  });
});

describe('writeDicomSeg: bit packing and numbering', () => {
  /** A 23×38×3 grid (874 pixels a frame: frames start mid-byte) with a pseudo-random mask. */
  function oddSeg(): { seg: Segmentation; source: SegSourceImage } {
    const m = new Float64Array([0.7, 0, 0, 0, 0, 0.7, 0, 0, 0, 0, 2.5, 0, 46.4649, 5.0188, -177.75, 1]);
    const seg = createSegmentation({ dimensions: [23, 38, 3], indexToWorld: m, label: 'odd' });
    const a = addSegment(seg, { label: 'A' }), b = addSegment(seg, { label: 'B' });
    let x = 12345;
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) / 65536;
    writeSegmentMask(seg, a.number, Array.from({ length: 23 * 38 * 3 }, () => (rnd() < 0.4 ? 1 : 0)));
    writeSegmentMask(seg, b.number, Array.from({ length: 23 * 38 * 3 }, () => (rnd() < 0.2 ? 1 : 0)), { overwrite: false });
    const source: SegSourceImage = {
      patientName: 'TEST^ODD', patientId: 'ODD', studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.2', frameOfReferenceUid: '1.2.826.0.1.3',
      instances: [1, 2, 3].map((k) => ({ sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: `1.2.826.0.1.4.${k}` })),
    };
    return { seg, source };
  }

  it('frames of 23 × 38 pixels are packed back to back and read back bit for bit (ours and pydicom)', async () => {
    const { seg, source } = oddSeg();
    const bytes = writeDicomSeg(seg, source);
    const back = await readDicomSeg(bytes, { referenceGrid: seg });
    expectSameVoxels(seg, back);
    const path = saved('odd.dcm', bytes);
    if (HAS_PYDICOM) expect(pydicomSegSummary(path).counts).toEqual(counts(seg));
    if (HAS_DCIODVFY) expect(dciodvfy(path).errors).toEqual([]);
  });

  it('closes gaps in segment numbers (Segment Numbers start at 1 and increase by 1) in the order of the numbers', async () => {
    const { seg, source } = oddSeg();
    const c = addSegment(seg, { label: 'C' }, 'new-layer');
    writeSegmentMask(seg, c.number, new Uint8Array(23 * 38 * 3).fill(1));
    seg.segments.find((g) => g.label === 'A')!.number = 4;
    seg.segments.find((g) => g.label === 'B')!.number = 9;
    seg.segments.find((g) => g.label === 'C')!.number = 2;
    const back = await readDicomSeg(writeDicomSeg(seg, source), { referenceGrid: seg });
    expect(back.segments.map((g) => [g.number, g.label])).toEqual([[1, 'C'], [2, 'A'], [3, 'B']]);
    expect(segmentVoxelCount(back, 1)).toBe(23 * 38 * 3);
  });

  it('keeps non-ASCII text (UTF-8, ISO_IR 192), modifiers, anatomic regions, long and URN code values', async () => {
    const { seg, source } = oddSeg();
    Object.assign(seg.segments[0], {
      label: 'Niere rechts – ä', description: 'désc', type: sct('64033007', 'Kidney'), typeModifier: sct('24028007', 'Right'),
      anatomicRegion: sct('818981001', 'Abdomen'), algorithmType: 'SEMIAUTOMATIC', algorithmName: 'Grow', algorithmVersion: '2.1',
    });
    Object.assign(seg.segments[1], { type: { value: '1234567890123456789', scheme: 'SCT', meaning: 'long code' }, category: { value: 'urn:oid:1.2.3', scheme: 'X', meaning: 'an URN' } });
    seg.label = 'Läsionen';
    const bytes = writeDicomSeg(seg, { ...source, patientName: 'Müller^Jörg' });
    const back = await readDicomSeg(bytes, { referenceGrid: seg });
    expect(described(back)).toEqual(described(seg));
    expect(back.label).toBe('Läsionen');
    const path = saved('text.dcm', bytes);
    if (HAS_DCIODVFY) expect(dciodvfy(path).errors).toEqual([]);
    if (HAS_PYDICOM) expect(pydicomSegSummary(path).labels['1']).toBe('Niere rechts – ä');
  });

  it('refuses a source that is not the segmentation grid, or has another number of slices', () => {
    const { seg, source } = oddSeg();
    expect(thrown(() => writeDicomSeg(seg, { ...source, instances: source.instances.slice(1) }))).toMatchObject({
      code: 'VOXA_ERR_GRID_MISMATCH', message: expect.stringContaining('the segmentation has 3 slices, the source series 2 images'),
    });
    const shifted = seg.indexToWorld.slice();
    shifted[14] += 1;
    expect(thrown(() => writeDicomSeg(seg, { ...source, grid: { dimensions: seg.dimensions, indexToWorld: shifted } })).code).toBe('VOXA_ERR_GRID_MISMATCH');
    expect(thrown(() => writeDicomSeg(createSegmentation({ dimensions: [23, 38, 3], indexToWorld: seg.indexToWorld }), source)).message).toContain('no segments');
  });

  it('a frame that references a segment the Segment Sequence lacks is refused on reading, naming the frame', async () => {
    const { seg, source } = oddSeg();
    const { dicomSegDataset } = await import('../../../src/segmentation/io/writeDicomSeg.ts');
    const { writePart10 } = await import('../../../src/dicom/write/writePart10.ts');
    const ds = dicomSegDataset(seg, source);
    const frames = ds.PerFrameFunctionalGroupsSequence as { SegmentIdentificationSequence: { ReferencedSegmentNumber: number }[] }[];
    frames[2].SegmentIdentificationSequence[0].ReferencedSegmentNumber = 7;
    await expect(readDicomSeg(writePart10(ds))).rejects.toMatchObject({
      code: 'VOXA_ERR_DICOM_BAD_VALUE', message: expect.stringMatching(/frame references segment 7; the Segment Sequence describes 1, 2 .*frame 3/),
    });
    delete ds.PerFrameFunctionalGroupsSequence;
    await expect(readDicomSeg(writePart10(ds))).rejects.toMatchObject({ code: 'VOXA_ERR_DICOM_MISSING_TAG', message: expect.stringContaining('(5200,9230)') });
  });
});
