// `voxa report` end to end: a response JSON written here → evaluated RECIST 1.1 report as HTML,
// CSV and (with Debian's headless chromium) PDF; usage and input errors exit 2 and 1.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodePng } from '@voxa/core';
import { decodePng } from '../../core/test/report/decodePng.ts';
import { CHROMIUM, launchChromium } from '../src/render/launchChromium.ts';
import { runCli } from './runCli.ts';

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../e2e/artifacts');

// Hand-worked RECIST 1.1: baseline L1 50 + L2 40 + node N1 (short axis) 20 = 110 mm; week 8:
// 30 + 25 + 12 = 67 mm, −39.1 % → PR; week 16: 36 + 28 + 14 = 78 mm (+16.4 % from the nadir 67,
// not PD by the sum) with a new liver lesion → PD. Best overall response PR.
const RESPONSE = {
  patient: { name: 'Test <b>Patient</b>', id: 'PSEUDO-7' },
  criterion: 'recist',
  input: {
    timePoints: [{ dateIso: '2024-01-01' }, { dateIso: '2024-02-26' }, { dateIso: '2024-04-22' }],
    lesions: [
      { id: 'L1', organ: 'liver', kind: 'target', observations: [{ longAxisMm: 50 }, { longAxisMm: 30 }, { longAxisMm: 36 }] },
      { id: 'L2', organ: 'lung', kind: 'target', observations: [{ longAxisMm: 40 }, { longAxisMm: 25 }, { longAxisMm: 28 }] },
      { id: 'N1', organ: 'lymph node', kind: 'target', isLymphNode: true, observations: [{ shortAxisMm: 20 }, { shortAxisMm: 12 }, { shortAxisMm: 14 }] },
      { id: 'NT1', organ: 'bone', kind: 'non-target', observations: [{ status: 'present' }, { status: 'present' }, { status: 'present' }] },
      { id: 'NEW1', organ: 'liver', kind: 'new', observations: [null, null, {}] },
    ],
  },
};

const dir = mkdtempSync(join(tmpdir(), 'voxa-report-'));
function writeJson(name: string, doc: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return p;
}
const responseJson = writeJson('response.json', RESPONSE);

/** True when Debian's chromium is here; under CI its absence is a failure. */
function hasChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const msg = `voxa report PDF tests need ${CHROMIUM} (apt-get install chromium)`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`\n!!! ${msg}: PDF tests are SKIPPED !!!\n`);
  return false;
}

describe('voxa report: HTML and CSV', () => {
  it('writes a self-contained HTML report with the categories, sums and escaped patient name', () => {
    const out = join(dir, 'report.html');
    const r = runCli(['report', responseJson, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('RECIST 1.1, 3 time point(s), last 2024-04-22 PD, best overall response PR');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<tr data-time-point="1">.*?<td class="num sum">67<\/td><td class="num">−39\.1%<\/td>.*?cat-PR">PR</);
    expect(html).toMatch(/<tr data-time-point="2">.*?<td class="num sum">78<\/td><td class="num">−29\.1%<\/td><td class="num">\+16\.4%<\/td>.*?cat-PD">PD</);
    expect(html).toContain('Test &lt;b&gt;Patient&lt;/b&gt;');
    expect(html).not.toContain('<b>Patient</b>');
    expect(html).not.toMatch(/<script|\s(src|href)=/);
  });

  it('writes one CSV row per lesion per time point with the sums and categories', () => {
    const out = join(dir, 'sub', 'report.csv');
    const r = runCli(['report', responseJson, '-o', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 13); // header; 4 baseline lesions × 3 time points + NEW1 at week 16
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    const n1 = rows.find((x) => x.time_point === '1' && x.lesion_id === 'N1')!;
    expect(n1).toMatchObject({ patient_id: 'PSEUDO-7', criterion: 'RECIST 1.1', measure: '12', sum: '67', category: 'PR' });
    expect(rows.filter((x) => x.time_point === '2').map((x) => x.category)).toEqual(Array(5).fill('PD'));
    expect(rows.filter((x) => x.time_point === '0').every((x) => x.sum === '110' && x.category === 'baseline')).toBe(true);
  });

  it('evaluates the criterion --criterion names instead of the JSON\'s', () => {
    const out = join(dir, 'who.csv');
    expect(runCli(['report', responseJson, '-o', out, '--criterion', 'choi']).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[1]).toContain(',Choi,');
  });
});

// Two more patients for a cohort: P-2 50 → 60 mm (+20 %, PD at week 8, BOR PD); P-3 40 → 26 →
// 24 mm (−35 %, then −40 %: best −40 %, PR). With PSEUDO-7's −39.1 % (PR) the waterfall runs P-2, PSEUDO-7, P-3.
const cohortJson = [
  responseJson,
  writeJson('p2.json', { patient: { id: 'P-2' }, input: { timePoints: RESPONSE.input.timePoints, lesions: [{ id: 'A', organ: 'liver', kind: 'target', observations: [{ longAxisMm: 50 }, { longAxisMm: 60 }, { longAxisMm: 70 }] }] } }),
  writeJson('p3.json', { patient: { id: 'P-3' }, input: { timePoints: RESPONSE.input.timePoints, lesions: [{ id: 'A', organ: 'lung', kind: 'target', observations: [{ longAxisMm: 40 }, { longAxisMm: 26 }, { longAxisMm: 24 }] }] } }),
];

/** The waterfall's bars as [patient, change %, height], left to right. */
function waterfallBars(html: string): [string, number, number][] {
  return [...html.matchAll(/<rect class="bar[^"]*" data-patient="([^"]*)" data-change="([^"]*)"[^>]* height="([^"]*)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
}

describe('voxa report: a cohort of several response files', () => {
  it('writes a waterfall page with one bar per patient, largest increase first, and a row per patient', () => {
    const out = join(dir, 'cohort.html');
    const r = runCli(['report', ...cohortJson, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PSEUDO-7: RECIST 1.1, best change -39.1%, best overall response PR');
    expect(r.stdout).toContain('cohort of 3 →');
    const html = readFileSync(out, 'utf8');
    const bars = waterfallBars(html);
    expect(bars.map((b) => b[0])).toEqual(['P-2', 'PSEUDO-7', 'P-3']);
    // (67 − 110) / 110 = −39.09 %; heights proportional to the change.
    expect(bars[1][1]).toBeCloseTo(-39.0909, 3);
    expect(bars[2][1]).toBeCloseTo(-40, 9);
    expect(bars[1][2] / 39.0909).toBeCloseTo(bars[0][2] / 20, 1);
    expect(html.match(/<tr data-patient="\d">/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|\s(src|href)=/);
  });

  it('writes one CSV row per patient', () => {
    const out = join(dir, 'cohort.csv');
    expect(runCli(['report', ...cohortJson, '-o', out, '--quiet']).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('P-2,,RECIST 1.1,3,20,1,PD,PD,2024-04-22');
  });

  it('refuses a DICOM SR of a cohort (usage, exit 2)', () => {
    const r = runCli(['report', ...cohortJson, '-o', join(dir, 'cohort.dcm')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a DICOM SR is made from one response.json; a cohort of 3 is written as .html, .pdf, .csv or .json');
  });
});

describe('voxa report: key images', () => {
  // A 3 × 2 RGB PNG next to the JSON, named by a relative path, and one given inline as base64.
  const pixels = Uint8Array.from({ length: 3 * 2 * 3 }, (_, i) => (i * 40) & 0xff);
  const png = encodePng({ width: 3, height: 2, channels: 3, pixels });
  mkdirSync(join(dir, 'imgs'), { recursive: true });
  writeFileSync(join(dir, 'imgs', 'L1-tp0.png'), png);
  const withImages = (keyImages: unknown[]) => ({ ...RESPONSE, keyImages });
  const L1 = { lesionId: 'L1', timePointIndex: 0, file: 'imgs/L1-tp0.png', caption: 'L1 baseline', window: { center: 40, width: 400 }, longAxisMm: 50, shortAxisMm: 31 };
  const L2 = { lesionId: 'L2', timePointIndex: 2, png: Buffer.from(png).toString('base64'), caption: 'L2 week 16' };

  it('embeds the PNG files the JSON names (relative to it) as data URIs in the HTML', () => {
    const json = writeJson('with-images.json', withImages([L1, L2]));
    const out = join(dir, 'elsewhere', 'images.html');
    const r = runCli(['report', json, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 key image(s)');
    const html = readFileSync(out, 'utf8');
    const srcs = [...html.matchAll(/<img src="data:image\/png;base64,([^"]*)"/g)].map((m) => m[1]);
    expect(srcs).toHaveLength(2);
    for (const src of srcs) expect(Array.from(decodePng(Buffer.from(src, 'base64')).pixels)).toEqual(Array.from(pixels));
    expect(html).toContain('<figcaption>W400/L40 · long 50 mm · short 31 mm</figcaption>');
  });

  it('a missing or non-PNG image file exits 1 naming the file and the lesion', () => {
    const missing = writeJson('missing-image.json', withImages([{ ...L1, file: 'imgs/nope.png' }]));
    let r = runCli(['report', missing, '-o', join(dir, 'never.html')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(dir, 'imgs', 'nope.png'));
    expect(r.stderr).toContain('keyImages[0] of');
    writeFileSync(join(dir, 'imgs', 'text.png'), 'not a png');
    const notPng = writeJson('not-png.json', withImages([{ ...L1, file: 'imgs/text.png' }]));
    r = runCli(['report', notPng, '-o', join(dir, 'never.html')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('keyImages[0].file: expected a PNG file');
    const badIndex = writeJson('bad-index.json', withImages([{ ...L1, timePointIndex: 3 }]));
    expect(runCli(['report', badIndex, '-o', join(dir, 'never.html')]).stderr).toContain('keyImages[0].timePointIndex: expected an integer from 0 to 2, got 3');
    expect(existsSync(join(dir, 'never.html'))).toBe(false);
  });
});

describe('voxa report: errors', () => {
  it.each([
    [['-o', join(dir, 'x.html')], 'expected 1 argument(s), got 0'],
    [[responseJson], 'report needs an output file: -o <report.html|.pdf|.csv|.json|.dcm>'],
    [[responseJson, '-o', join(dir, 'x.docx')], `-o ${join(dir, 'x.docx')}: the output must be a .html, .pdf, .csv, .json, .dcm file`],
    [[responseJson, '-o', join(dir, 'x.html'), '--criterion', 'recist2'], '--criterion recist2: expected one of recist, irecist, mrecist, who, choi, rano, percist, lugano, volumetric'],
  ])('%j is a usage error (exit 2) saying what was expected', (args, message) => {
    const r = runCli(['report', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`voxa report: ${message}`);
  });

  it('bad input exits 1 naming the file and the field', () => {
    const badKind = structuredClone(RESPONSE);
    (badKind.input.lesions[1] as { kind: string }).kind = 'tumour';
    const badKindJson = writeJson('bad-kind.json', badKind);
    const shortObs = structuredClone(RESPONSE);
    shortObs.input.lesions[0].observations.pop();
    const shortJson = writeJson('short.json', shortObs);
    const out = join(dir, 'never.html');
    const cases: [string, string][] = [
      [badKindJson, `input.lesions[1].kind: expected one of target, non-target, new, got "tumour" (file ${badKindJson})`],
      [writeJson('bad-criterion.json', { ...RESPONSE, criterion: 'mrecist2' }), 'criterion: expected one of recist'],
      [writeJson('not.json', '{"patient": '), 'not valid JSON'],
      [shortJson, `input: expected 3 observations (one per time point), got 2 (lesion L1) (file ${shortJson})`],
      [join(dir, 'missing.json'), 'missing.json'],
    ];
    for (const [file, message] of cases) {
      const r = runCli(['report', file, '-o', out]);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toContain('voxa report: ');
      expect(r.stderr).toContain(message);
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe('voxa report: PDF', () => {
  it('prints an A4 PDF of the report in headless chromium', async () => {
    if (!hasChromium()) return;
    const out = join(dir, 'report.pdf');
    const r = runCli(['report', responseJson, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    // A4 is 210 × 297 mm = 595.3 × 841.9 pt; chromium writes 594.96 × 841.92.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(box).not.toBeNull();
    expect(Number(box![1])).toBeCloseTo(595.3, 0);
    expect(Number(box![2])).toBeCloseTo(841.9, 0);

    // For a person to look at: the HTML's first A4 page, as printed.
    await printPreview([responseJson], 'preview.html', 'report-page1.png');
  }, 60_000);

  it('prints the cohort page to a PDF too', async () => {
    if (!hasChromium()) return;
    const out = join(dir, 'cohort.pdf');
    const r = runCli(['report', ...cohortJson, '-o', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length).toBeGreaterThanOrEqual(1);

    // For a person to look at: the cohort page as printed.
    await printPreview(cohortJson, 'cohort-preview.html', 'cohort-page1.png');
  }, 60_000);
});

/** Write the report of `inputs` as HTML and screenshot it as printed (print media, 794 px = 210 mm at 96 dpi) into e2e/artifacts. */
async function printPreview(inputs: string[], htmlName: string, pngName: string): Promise<void> {
  const html = join(dir, htmlName);
  expect(runCli(['report', ...inputs, '-o', html, '--quiet']).code).toBe(0);
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.emulateMedia({ media: 'print' });
    await page.setContent(readFileSync(html, 'utf8'), { waitUntil: 'load' });
    await page.screenshot({ path: join(ARTIFACTS, pngName), fullPage: true });
  } finally {
    await browser.close();
  }
}
