import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNifti } from '../../src/io/nifti/readNifti.ts';
import { writePhantomStudies, type WritePhantomSummary } from '../../src/node/writePhantom.ts';
import { smallTimePoint } from './phantomFixtures.ts';

function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe('writePhantomStudies', () => {
  let out = '';
  let summary: WritePhantomSummary;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'voxa-phantom-'));
    const t0 = performance.now();
    summary = await writePhantomStudies(out, { size: 'small', seed: 3, timePoints: 2, onProgress: (done, total) => progress.push([done, total]) });
    console.log(`[phantom] wrote small, 2 time points (${summary.files} files, ${(summary.bytes / 1e6).toFixed(1)} MB) in ${(performance.now() - t0).toFixed(0)} ms`);
  });

  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('writes dicom/tp<N>/CT/IM<NNNN>.dcm per slice and truth/tp<N>/ with labels, CT and truth.json', async () => {
    for (const tp of [0, 1]) {
      const slices = (await readdir(join(out, 'dicom', `tp${tp}`, 'CT'))).sort();
      expect(slices).toHaveLength(150);
      expect(slices[0]).toBe('IM0001.dcm');
      expect(slices[149]).toBe('IM0150.dcm');
      expect((await readdir(join(out, 'truth', `tp${tp}`))).sort()).toEqual(['ct.nii.gz', 'labels.nii.gz', 'truth.json']);
    }
    // 150 slices and 3 truth files per time point, then lesions.json.
    expect(summary.files).toBe(2 * 153 + 1);
    expect(summary.timePoints.map((t) => t.kind)).toEqual(['baseline', 'partial-response']);
  });

  it('writes lesions.json: a click at each baseline target lesion\'s centre, in LPS mm, and the scans it belongs to', async () => {
    const doc = JSON.parse(await readFile(join(out, 'lesions.json'), 'utf8'));
    const tp0 = JSON.parse(await readFile(join(out, 'truth', 'tp0', 'truth.json'), 'utf8'));
    expect(doc.scans).toEqual(['dicom/tp0/CT', 'dicom/tp1/CT']);
    expect(doc.lesions.map((l: { id: string }) => l.id)).toEqual(['liver-1', 'lung-1', 'node-1']);
    expect(doc.lesions[2]).toMatchObject({ kind: 'target', organ: 'lymph node', isLymphNode: true, seedLps: tp0.timePoint.lesions[2].centreLps });
    expect(doc.newLesions).toEqual([]); // the new lesion appears at time point 2, not written here
  });

  it('leaves no file or folder with "tmp" in its name in the output tree', async () => {
    const all = await readdir(out, { recursive: true });
    expect(all.filter((f) => /tmp/i.test(f))).toEqual([]);
  });

  it('reports progress after every file, up to the announced total', () => {
    expect(progress).toHaveLength(summary.files);
    progress.forEach(([done, total], n) => {
      expect(done).toBe(n + 1);
      expect(total).toBe(summary.files);
    });
  });

  it('writes the same voxels to ct.nii.gz and labels.nii.gz as to the DICOM series and the label map', async () => {
    const tp = smallTimePoint(1, { seed: 3 });
    const ct = readNifti(await readFile(join(out, 'truth', 'tp1', 'ct.nii.gz'))).volumes[0];
    const labels = readNifti(await readFile(join(out, 'truth', 'tp1', 'labels.nii.gz'))).volumes[0];
    expect(ct.dimensions).toEqual([128, 128, 150]);
    expect(ct.voxels).toBeInstanceOf(Int16Array);
    expect(labels.voxels).toBeInstanceOf(Uint8Array);
    expect(bytesOf(ct.voxels).equals(bytesOf(tp.ct.voxels))).toBe(true);
    expect(bytesOf(labels.voxels).equals(bytesOf(tp.labels.voxels))).toBe(true);
    for (let n = 0; n < 16; n++) expect(Math.abs(ct.indexToWorld[n] - tp.ct.indexToWorld[n])).toBeLessThan(1e-4);
    const bytes = new Uint8Array(await readFile(join(out, 'dicom', 'tp1', 'CT', 'IM0075.dcm')));
    const el = dicomParser.parseDicom(bytes).elements.x7fe00010;
    const stored = new Int16Array(bytes.slice(el.dataOffset, el.dataOffset + el.length).buffer);
    const sliceHu = tp.ct.voxels.subarray(74 * 128 * 128, 75 * 128 * 128);
    expect(Array.from(stored, (s) => s - 1024)).toEqual(Array.from(sliceHu));
  });

  it('writes truth.json with the label table, lesions, transforms, aorta centreline and grid', async () => {
    const doc = JSON.parse(await readFile(join(out, 'truth', 'tp1', 'truth.json'), 'utf8'));
    const tp = smallTimePoint(1, { seed: 3 });
    expect(doc.generator).toBe('voxa-phantom');
    expect(doc.labels.find((l: { name: string }) => l.name === 'liver').hu).toBe(60);
    expect(doc.timePoint.lesions.map((l: { id: string }) => l.id)).toEqual(['liver-1', 'lung-1', 'node-1']);
    expect(doc.timePoint.lesions[0].voxelCount).toBe(tp.truth.lesions[0].voxelCount);
    expect(doc.timePoint.timePointToBaseline).toEqual(Array.from(tp.truth.timePointToBaseline));
    expect(doc.timePoint.baselineToTimePoint).toHaveLength(16);
    expect(doc.timePoint.aorta.centrelineLps.length).toBeGreaterThan(10);
    expect(doc.timePoint.grid.dimensions).toEqual([128, 128, 150]);
    expect(doc.timePoint.studyInstanceUid).toBe(summary.timePoints[1].studyInstanceUid);
  });
});
