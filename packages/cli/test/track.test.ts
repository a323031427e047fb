import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRecist11, KEY_IMAGE_COLOURS, readMeasurementReport, type LesionMeasurement, type ResponseInput, type Vec3 } from '@voxa/core';
import { dsrdump, hasDsrdump } from '../../core/test/dicom/sr/srPeers.ts';
import { decodePng, pixelAt } from '../../core/test/report/decodePng.ts';
import { dciodvfy, hasDciodvfy } from '../../core/test/segmentation/io/segPeers.ts';
import { CHROMIUM } from '../src/render/launchChromium.ts';
import { runCli } from './runCli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'voxa-track-'));

describe('voxa track', () => {
  it('follows the phantom patient\'s lesions over its three DICOM studies: RECIST PR, then PD; its report renders to a DICOM SR and a PDF', async () => {
    const dir = tmp();
    expect(runCli(['phantom', '-o', dir, '--size', 'small', '--time-points', '3']).code).toBe(0);
    const out = join(dir, 'response.json');
    const r = runCli(['track', ...[0, 1, 2].map((i) => join(dir, 'dicom', `tp${i}`, 'CT')), '--lesions', join(dir, 'lesions.json'), '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/registered scan 1 \(2024-03-04\) onto the baseline/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      input: ResponseInput; patient: { id: string }; registrations: unknown[]; measurements: LesionMeasurement[]; sources: { study: { studyInstanceUid: string } }[];
      keyImages: { lesionId: string; timePointIndex: number; file: string; caption: string; widthPx: number; fieldOfViewMm: number }[];
    };
    expect(doc.input.timePoints.map((t) => t.dateIso)).toEqual(['2024-01-08', '2024-03-04', '2024-04-29']);
    expect(doc.patient.id).toMatch(/^VOXA-PHANTOM/);
    expect(doc.registrations).toHaveLength(2);
    expect(doc.measurements).toHaveLength(3 * 3 + 1); // three targets at three scans, the new lesion at the last
    expect(evaluateRecist11(doc.input).timePoints.map((t) => t.category)).toEqual(['PR', 'PD']);
    // A key image per measurement, as a PNG next to the JSON that it names by a relative path.
    expect(doc.keyImages.map((k) => `${k.lesionId}@${k.timePointIndex}`)).toEqual(doc.measurements.map((m) => `${m.lesionId}@${m.scan}`));
    for (const k of doc.keyImages) {
      expect(k.file).toMatch(/^response\.key-images\/[\w.-]+\.png$/);
      const png = decodePng(readFileSync(join(dirname(out), k.file)));
      expect([png.width, png.height]).toEqual([256, 256]);
      expect(png.text.Description).toBe(k.caption);
      expect(k.caption).toContain(`${k.lesionId}, ${doc.input.timePoints[k.timePointIndex].dateIso}: axial slice`);
    }
    // The phantom is an axial CT with +x to the right and +y down: the long axis is drawn orange along the measured end points.
    const liverImage = doc.keyImages.find((k) => k.lesionId === 'liver-1' && k.timePointIndex === 0)!;
    const axes = doc.measurements.find((m) => m.lesionId === 'liver-1' && m.scan === 0)!.axes;
    const centre = [0, 1, 2].map((c) => (axes.longA[c] + axes.longB[c]) / 2) as Vec3;
    const pixelMm = liverImage.fieldOfViewMm / liverImage.widthPx;
    const onLong = (f: number) => [127.5 + (f * (axes.longA[0] - centre[0])) / pixelMm, 127.5 + (f * (axes.longA[1] - centre[1])) / pixelMm];
    const liverPng = decodePng(readFileSync(join(dirname(out), liverImage.file)));
    for (const f of [0.3, 0.6, -0.5]) expect(pixelAt(liverPng, onLong(f)[0], onLong(f)[1])).toEqual([...KEY_IMAGE_COLOURS.longAxis]);
    // The same measurements as a DICOM SR (TID 1500) in the last study: valid, and readable back.
    const sr = join(dir, 'report.dcm');
    expect(runCli(['report', out, '-o', sr]).code).toBe(0);
    const report = await readMeasurementReport(new Uint8Array(readFileSync(sr)), sr);
    expect(report.study.studyInstanceUid).toBe(doc.sources[2].study.studyInstanceUid);
    expect(report.groups).toHaveLength(10);
    const liver = report.groups.filter((g) => g.trackingId === 'liver-1');
    expect(new Set(liver.map((g) => g.trackingUid)).size).toBe(1); // one lesion, one UID at every time point
    expect(liver.map((g) => g.timePoint)).toEqual(['2024-01-08', '2024-03-04', '2024-04-29']);
    expect(liver[0].measurements[0].value).toBe(doc.measurements.find((m) => m.lesionId === 'liver-1' && m.scan === 0)!.axes.longMm);
    expect(report.verification).toBeUndefined(); // automatic: UNVERIFIED until a reader verifies it
    if (hasDciodvfy()) expect(dciodvfy(sr).errors).toEqual([]);
    if (hasDsrdump()) expect(dsrdump(sr).status).toBe(0);
    // The demo patient's report, from the same file: the categories, then a PDF.
    const html = join(dir, 'report.html');
    const reported = runCli(['report', out, '-o', html]);
    expect(reported.code).toBe(0);
    expect(reported.stdout).toContain('10 key image(s)');
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/Best overall response:.*PR/s);
    // The key images embedded: one <img> per lesion per scan it was measured in, none of liver-2 before it appeared.
    expect(page.match(/<img src="data:image\/png;base64,/g)).toHaveLength(10);
    const liver2 = /<tr data-lesion="liver-2">(.*?)<\/tr>/s.exec(page)![1];
    expect([...liver2.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1].startsWith('<figure'))).toEqual([false, false, true]);
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`the demo report PDF needs ${CHROMIUM} (apt-get install chromium)`);
      console.warn(`!!! ${CHROMIUM} missing: the demo report PDF is NOT checked !!!`);
      return;
    }
    const pdf = join(dir, 'report.pdf');
    expect(runCli(['report', out, '-o', pdf]).code).toBe(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('usage errors exit 2 and say what was expected', () => {
    const r = runCli(['track', 'a', 'b', '-o', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('track needs the lesion clicks: --lesions <lesions.json>');
    expect(runCli(['track', 'a', 'b', '--lesions', 'l.json', '-o', 'x.json', '--dates', '2024-01-01']).stderr).toContain('--dates 2024-01-01: expected 2 dates YYYY-MM-DD, one per scan');
    expect(runCli(['track', 'a', 'b', '--lesions', 'l.json', '-o', 'x.json', '--window', '40']).stderr).toContain('--window 40: expected centre,width, e.g. 40,400');
    expect(runCli(['track', 'a', 'b', '--lesions', 'l.json', '-o', 'x.json', '--window', '40,-5']).stderr).toContain('--window 40,-5: the width must be positive');
  });

  it('a bad lesions.json exits 1 naming the file, the lesion and the field', () => {
    const dir = tmp();
    const file = join(dir, 'lesions.json');
    writeFileSync(file, JSON.stringify({ lesions: [{ id: 'x', organ: 'liver', kind: 'target', seedLps: [1, 2] }] }));
    const r = runCli(['track', 'a', 'b', '--lesions', file, '-o', join(dir, 'r.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lesion x: "seedLps" must be [x, y, z] in LPS mm');
    expect(r.stderr).toContain(file);
    // A DICOM SR needs tracked measurements on DICOM series: a plain response file is refused.
    const response = join(dir, 'response.json');
    writeFileSync(response, JSON.stringify({ input: { timePoints: [{ dateIso: '2024-01-01' }], lesions: [] } }));
    const sr = runCli(['report', response, '-o', join(dir, 'r.dcm')]);
    expect(sr.code).toBe(1);
    expect(sr.stderr).toContain('a DICOM SR needs the measurements of `voxa track`');
  });
});
