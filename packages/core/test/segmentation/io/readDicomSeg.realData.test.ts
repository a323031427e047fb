import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNrrd } from '../../../src/io/index.ts';
import { fileSources } from '../../../src/node/fileSources.ts';
import { planVolumes } from '../../../src/series/loadDicom.ts';
import { scanDicom } from '../../../src/series/scanDicom.ts';
import type { VolumePlan } from '../../../src/series/VolumePlan.ts';
import { segmentMask, segmentVoxelCount } from '../../../src/segmentation/Segmentation.ts';
import { readDicomSeg } from '../../../src/segmentation/io/readDicomSeg.ts';
import { HAS_SHARED, sharedData } from '../../util/shared.ts';
import { hasPydicom, pydicomSegSummary, type PydicomSegSummary } from './segPeers.ts';

const DCMQI = (...p: string[]) => sharedData('dcmqi', 'data', 'segmentations', ...p);
const HIGHDICOM = (name: string) => sharedData('highdicom', 'data', 'test_files', name);
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

async function seriesPlan(folder: string): Promise<VolumePlan> {
  const { plans } = planVolumes(await scanDicom(await fileSources(folder)));
  expect(plans).toHaveLength(1);
  return plans[0];
}

function nrrdLabels(path: string) {
  return readNrrd(bytesOf(path), { file: path }).volumes[0];
}

/** Max |a − b| over the 16 matrix entries. */
function matrixDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < 16; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe.runIf(HAS_SHARED)('readDicomSeg on dcmqi SEGs (equal to their NRRD label maps)', () => {
  it('liver.dcm (BINARY, 3 frames 512×512) is liver_seg.nrrd voxel for voxel: 107 098 voxels, same grid', async () => {
    const seg = await readDicomSeg(bytesOf(DCMQI('liver.dcm')), { file: 'liver.dcm' });
    const nrrd = nrrdLabels(DCMQI('liver_seg.nrrd'));
    expect(seg.segmentationType).toBe('BINARY');
    expect(seg.dimensions).toEqual([512, 512, 3]);
    // The NRRD was written from the same CT (MANIFEST §11): DS vs %.17g text, within 1 µm.
    expect(matrixDiff(seg.indexToWorld, nrrd.indexToWorld)).toBeLessThan(1e-3);
    expect(seg.segments).toHaveLength(1);
    const liver = seg.segments[0];
    expect(liver).toMatchObject({ number: 1, label: 'Liver', algorithmType: 'SEMIAUTOMATIC', algorithmName: 'SlicerEditor', color: [221, 130, 101] });
    expect(segmentVoxelCount(seg, 1)).toBe(107_098);
    const mask = segmentMask(seg, 1);
    let differ = 0;
    for (let n = 0; n < mask.length; n++) if (mask[n] !== (nrrd.voxels[n] === 1 ? 1 : 0)) differ++;
    expect(differ).toBe(0);
    expect(seg.referencedSeriesUid).toBeTruthy();
    expect(seg.frameOfReferenceUid).toBeTruthy();
  });

  it('placed on the ct-3slice series grid, liver.dcm gives the same voxels and references the CT instances slice by slice', async () => {
    const plan = await seriesPlan(DCMQI('ct-3slice'));
    const seg = await readDicomSeg(bytesOf(DCMQI('liver.dcm')), { referenceGrid: plan });
    expect(seg.dimensions).toEqual(plan.dimensions);
    expect(Array.from(seg.indexToWorld)).toEqual(Array.from(plan.indexToWorld));
    expect(segmentVoxelCount(seg, 1)).toBe(107_098);
    expect(seg.referencedSeriesUid).toBe(plan.slices[0][0].instance.seriesInstanceUid);
    expect(seg.referencedInstances?.map((r) => r.sopInstanceUid)).toEqual(plan.slices[0].map((s) => s.instance.sopInstanceUid));
  });

  it.each(['noppv', 'ppv5'])('sparse-labelmap-%s.dcm (LABELMAP SOP class, frames on slices 0 and 2 only) equals its NRRD, the missing slice empty', async (which) => {
    const seg = await readDicomSeg(bytesOf(DCMQI(`sparse-labelmap-${which}.dcm`)));
    const nrrd = nrrdLabels(DCMQI(`sparse_labelmap_${which}_seg.nrrd`));
    expect(seg.segmentationType).toBe('LABELMAP');
    // Two frames 5 mm apart with Spacing Between Slices 2.5: three slices, as in the NRRD.
    expect(seg.dimensions).toEqual([24, 38, 3]);
    expect(matrixDiff(seg.indexToWorld, nrrd.indexToWorld)).toBeLessThan(1e-3);
    // The Background segment (number 0, DCM 125040) is not a segment of the model.
    expect(seg.segments.map((g) => [g.number, g.label, g.type.value])).toEqual([[1, 'Liver', '10200004']]);
    const mask = segmentMask(seg, 1);
    let differ = 0;
    // In the ppv5 NRRD the slice without a frame holds the padding value 5: no segment there.
    for (let n = 0; n < mask.length; n++) if (mask[n] !== (nrrd.voxels[n] === 1 ? 1 : 0)) differ++;
    expect(differ).toBe(0);
    expect(segmentVoxelCount(seg, 1)).toBe(630);
  });

  it.each([['23x38x3', [4, 314, 4]], ['24x38x3', [0, 315, 0]]] as const)(
    '%s/seg/label.seg (BINARY, frames not byte-aligned when 23 wide) equals nrrd/label.nrrd, per slice %j',
    async (folder, perSlice) => {
      const seg = await readDicomSeg(bytesOf(DCMQI(folder, 'seg', 'label.seg')));
      const nrrd = nrrdLabels(DCMQI(folder, 'nrrd', 'label.nrrd'));
      expect(seg.dimensions).toEqual(nrrd.dimensions);
      expect(matrixDiff(seg.indexToWorld, nrrd.indexToWorld)).toBeLessThan(1e-3);
      const mask = segmentMask(seg, 1);
      const [nx, ny] = seg.dimensions;
      const counts = [0, 0, 0];
      let differ = 0;
      for (let n = 0; n < mask.length; n++) {
        counts[Math.floor(n / (nx * ny))] += mask[n];
        if (mask[n] !== nrrd.voxels[n]) differ++;
      }
      expect(differ).toBe(0);
      expect(counts).toEqual(perSlice);
    },
  );

  it('23x38x3 SEG on the grid of its own CT series (image/) references IMG0001…3 in slice order', async () => {
    const plan = await seriesPlan(DCMQI('23x38x3', 'image'));
    const seg = await readDicomSeg(bytesOf(DCMQI('23x38x3', 'seg', 'label.seg')), { referenceGrid: plan });
    expect(segmentVoxelCount(seg, 1)).toBe(322);
    expect(seg.referencedInstances?.map((r) => r.sopInstanceUid)).toEqual(plan.slices[0].map((s) => s.instance.sopInstanceUid));
  });
});

describe.runIf(HAS_SHARED && hasPydicom())('readDicomSeg on highdicom CT SEGs (voxel counts from pydicom)', () => {
  const names = ['binary', 'binary_overlap', 'binary_fractional', 'true_fractional', 'binary_single_frame'] as const;
  const expected = new Map<string, PydicomSegSummary>();
  beforeAll(() => {
    for (const n of names) expected.set(n, pydicomSegSummary(HIGHDICOM(`seg_image_ct_${n}.dcm`), 0.5));
  });

  it.each(names)('seg_image_ct_%s.dcm: every segment has the voxels pydicom counts (FRACTIONAL at threshold 0.5)', async (name) => {
    const seg = await readDicomSeg(bytesOf(HIGHDICOM(`seg_image_ct_${name}.dcm`)));
    const py = expected.get(name)!;
    expect(seg.segmentationType).toBe(py.segmentationType);
    expect(seg.segments.map((g) => g.number)).toEqual(Object.keys(py.labels).map(Number));
    for (const g of seg.segments) {
      expect(g.label).toBe(py.labels[g.number]);
      expect(segmentVoxelCount(seg, g.number)).toBe(py.counts[g.number]);
    }
  });

  it('seg_image_ct_binary.dcm: 16×16×3 at 0.488 mm, 1.25 mm slices from z 103.02, segment metadata as written by highdicom', async () => {
    const seg = await readDicomSeg(bytesOf(HIGHDICOM('seg_image_ct_binary.dcm')));
    expect(seg.dimensions).toEqual([16, 16, 3]);
    const m = Array.from(seg.indexToWorld);
    // Pixel Spacing 0.488281 and positions −125\−128.100006\103.019997 + k·1.25 (pydicom dump of the file).
    [0.488281, 0, 0, 0, 0, 0.488281, 0, 0, 0, 0, 1.25, 0, -125, -128.100006, 103.019997, 1].forEach((v, i) => expect(m[i]).toBeCloseTo(v, 5));
    expect(seg.segments[0]).toMatchObject({
      number: 1, label: 'first segment', algorithmType: 'AUTOMATIC', algorithmName: 'test', algorithmVersion: 'v1.0',
      category: { value: '85756007', scheme: 'SCT', meaning: 'Tissue' }, type: { value: '272673000', scheme: 'SCT', meaning: 'Bone' },
      review: { status: 'proposal' },
    });
    const py = expected.get('binary')!;
    expect(py.positions.map((p) => p[2])).toEqual([103.019997, 104.269997, 105.519997]);
  });

  it('seg_image_ct_binary_overlap.dcm: the two overlapping segments go to separate layers, exclusive within each', async () => {
    const seg = await readDicomSeg(bytesOf(HIGHDICOM('seg_image_ct_binary_overlap.dcm')));
    expect(seg.segments.map((g) => g.layer)).toEqual([0, 1]);
    const a = segmentMask(seg, 1), b = segmentMask(seg, 2);
    let both = 0;
    for (let n = 0; n < a.length; n++) both += a[n] & b[n];
    // pydicom: segment 2's 4 voxels per frame lie inside segment 1's 16.
    expect(both).toBe(16);
    // Frames at z −99.48 and 103.02…105.52 with 1.25 mm slices: 165 slices (162 empty ones between).
    expect(seg.dimensions).toEqual([16, 16, 165]);
  });

  it('FRACTIONAL with keepFractional returns the stored values; the threshold changes the voxel count as pydicom does', async () => {
    const bytes = bytesOf(HIGHDICOM('seg_image_ct_true_fractional.dcm'));
    const seg = await readDicomSeg(bytes, { keepFractional: true });
    const f = seg.fractional![0];
    expect(f).toMatchObject({ segmentNumber: 1, maxValue: 255, fractionalType: 'PROBABILITY' });
    expect(f.values.reduce((t, v) => t + v, 0)).toBe(expected.get('true_fractional')!.sums['1']);
    const low = await readDicomSeg(bytes, { threshold: 0.1 });
    expect(segmentVoxelCount(low, 1)).toBe(pydicomSegSummary(HIGHDICOM('seg_image_ct_true_fractional.dcm'), 0.1).counts['1']);
  });
});

describe.runIf(HAS_SHARED)('readDicomSeg refuses what it cannot read, saying why', () => {
  it('a CT image is not a SEG (SOP class named)', async () => {
    await expect(readDicomSeg(bytesOf(DCMQI('ct-3slice', '01.dcm')), { file: '01.dcm' })).rejects.toMatchObject({
      code: 'VOXA_ERR_DICOM_BAD_VALUE', message: expect.stringMatching(/not a DICOM SEG: SOP class 1\.2\.840\.10008\.5\.1\.4\.1\.1\.2,.*\(0008,0016\)/),
    });
  });

  it('a SEG of a projection radiograph (no Plane Position) cannot be placed in 3D', async () => {
    await expect(readDicomSeg(bytesOf(HIGHDICOM('seg_image_cr_binary.dcm')))).rejects.toMatchObject({
      code: 'VOXA_ERR_DICOM_MISSING_TAG', message: expect.stringContaining('(0020,9113) PlanePositionSequence'),
    });
  });

  it('a reference grid the frames are not slices of is a grid mismatch naming the frame', async () => {
    const plan = await seriesPlan(DCMQI('ct-3slice'));
    const shifted = { dimensions: plan.dimensions, indexToWorld: plan.indexToWorld.slice() };
    shifted.indexToWorld[12] += 0.4;
    await expect(readDicomSeg(bytesOf(DCMQI('liver.dcm')), { referenceGrid: shifted })).rejects.toMatchObject({
      code: 'VOXA_ERR_GRID_MISMATCH', message: expect.stringMatching(/frame 1/),
    });
    await expect(readDicomSeg(bytesOf(DCMQI('liver.dcm')), { referenceGrid: { dimensions: [512, 512, 2], indexToWorld: plan.indexToWorld } }))
      .rejects.toMatchObject({ code: 'VOXA_ERR_GRID_MISMATCH', message: expect.stringContaining('not the corner of one of its 2 slices') });
  });
});
