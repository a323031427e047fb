// `voxa report` end to end: a response JSON written here → evaluated RECIST 1.1 report as HTML,
// CSV and (with Debian's headless chromium) PDF; usage and input errors exit 2 and 1.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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

describe('voxa report: errors', () => {
  it.each([
    [['-o', join(dir, 'x.html')], 'expected 1 argument(s), got 0'],
    [[responseJson], 'report needs an output file: -o <report.html|report.pdf|report.csv|report.dcm>'],
    [[responseJson, '-o', join(dir, 'x.docx')], `-o ${join(dir, 'x.docx')}: the output must be a .html, .pdf, .csv, .dcm file`],
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

    // For a person to look at: the HTML's first A4 page, as printed (print media, 794 px = 210 mm at 96 dpi).
    const html = join(dir, 'preview.html');
    expect(runCli(['report', responseJson, '-o', html, '--quiet']).code).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
      await page.emulateMedia({ media: 'print' });
      await page.setContent(readFileSync(html, 'utf8'), { waitUntil: 'load' });
      await page.screenshot({ path: join(ARTIFACTS, 'report-page1.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
