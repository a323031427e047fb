import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/io/encodePng.ts';
import { keyImageGalleryHtml } from '../../src/report/keyImageGalleryHtml.ts';
import { renderResponseReportHtml } from '../../src/report/renderResponseReportHtml.ts';
import { REPORT_CSS } from '../../src/report/reportStyle.ts';
import type { ReportKeyImage, ResponseReport } from '../../src/report/ResponseReport.ts';
import { thrown } from '../util/thrown.ts';
import { decodePng } from './decodePng.ts';
import { recistReport } from './recistReportCase.ts';

const PNG_BASE64 = Buffer.from(encodePng({ width: 2, height: 2, channels: 1, pixels: Uint8Array.of(0, 85, 170, 255) })).toString('base64');

/** A key image of a lesion at a time point; every other one as a data URI, the rest as bare base64. */
function keyImage(lesionId: string, timePointIndex: number): ReportKeyImage {
  return {
    lesionId, timePointIndex, png: timePointIndex % 2 ? `data:image/png;base64,${PNG_BASE64}` : PNG_BASE64,
    caption: `${lesionId} at ${timePointIndex} <axial>`, widthPx: 2, heightPx: 2, window: { center: 40, width: 400 }, longAxisMm: 30.04, shortAxisMm: 20,
  };
}

// The hand-worked RECIST case's L1 at every time point, L2 at baseline and week 16 only, the new
// lesion NEW1 where it appeared (week 16); none of N1 and NT1.
const SEEN: [string, number][] = [['L1', 0], ['L1', 1], ['L1', 2], ['L2', 0], ['L2', 2], ['NEW1', 2]];

describe('keyImageGalleryHtml', () => {
  const report: ResponseReport = { ...recistReport('Gallery'), keyImages: SEEN.map(([id, t]) => keyImage(id, t)) };
  const html = renderResponseReportHtml(report);
  const gallery = /<section class="key-images">(.*?)<\/section>/s.exec(html)![1];
  const row = (id: string) => [...new RegExp(`<tr data-lesion="${id}">(.*?)</tr>`, 's').exec(gallery)![1].matchAll(/<td[^>]*data-time-point="(\d)">(.*?)<\/td>/g)];

  it('has one <img> per lesion and time point with a key image, each a PNG data URI', () => {
    const srcs = [...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);
    expect(srcs).toHaveLength(SEEN.length);
    for (const src of srcs) {
      expect(src.startsWith('data:image/png;base64,')).toBe(true);
      expect(decodePng(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64')).width).toBe(2);
    }
  });

  it('lays the images out one row per lesion (input order) and one column per time point', () => {
    expect([...gallery.matchAll(/<tr data-lesion="([^"]*)">/g)].map((m) => m[1])).toEqual(['L1', 'L2', 'NEW1']);
    expect(gallery.match(/<thead>.*?<\/thead>/s)![0]).toMatch(/Baseline<br><span class="date">2024-01-01<\/span>.*Time point 1.*2024-02-26.*Time point 2.*2024-04-22/s);
    for (const id of ['L1', 'L2', 'NEW1']) {
      const cells = row(id);
      expect(cells.map((c) => Number(c[1]))).toEqual([0, 1, 2]);
      cells.forEach((c) => expect(c[2].includes('<img'), `${id} at ${c[1]}`).toBe(SEEN.some(([l, t]) => l === id && t === Number(c[1]))));
    }
  });

  it('leaves a cell empty where the lesion has no image, saying how it was seen', () => {
    expect(row('NEW1')[0][2]).toBe('not seen');
    expect(row('L2')[1][2]).toBe('measured, no image');
  });

  it('captions each image with its window and axes, the full caption (escaped) as alt text', () => {
    expect(row('L1')[0][2]).toContain('<figcaption>W400/L40 · long 30 mm · short 20 mm</figcaption>');
    expect(row('L1')[0][2]).toContain('alt="L1 at 0 &lt;axial&gt;"');
    expect(gallery).not.toContain('<axial>');
  });

  it('keeps each lesion\'s row on one printed page', () => {
    expect(REPORT_CSS).toMatch(/table\.key-images tr \{ break-inside: avoid; page-break-inside: avoid; \}/);
  });

  it('is absent without key images', () => {
    expect(keyImageGalleryHtml(recistReport())).toBe('');
    expect(renderResponseReportHtml(recistReport())).not.toContain('Key images');
  });

  it('refuses a png that is not base64, so nothing else can enter the page', () => {
    const bad = { ...report, keyImages: [{ ...keyImage('L1', 0), png: 'x" onerror="alert(1)' }] };
    expect(thrown(() => keyImageGalleryHtml(bad)).message).toContain('key image of lesion L1 at time point 0: png must be base64');
  });
});
