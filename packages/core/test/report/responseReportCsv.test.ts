import { describe, expect, it } from 'vitest';
import { RESPONSE_CSV_COLUMNS, responseReportCsv } from '../../src/report/responseReportCsv.ts';
import { recistReport } from './recistReportCase.ts';

/** Parses simple RFC 4180 CSV (quoted fields may hold commas and doubled quotes). */
function parseCsv(csv: string): Record<string, string>[] {
  const lines = csv.trimEnd().split('\r\n');
  const split = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
  const header = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v])));
}

describe('responseReportCsv: the RECIST PR-then-PD case', () => {
  const rows = parseCsv(responseReportCsv(recistReport('Doe, "Jim"')));
  const at = (t: number, id: string) => rows.find((r) => r.time_point === String(t) && r.lesion_id === id)!;

  it('writes one row per lesion per time point, new lesions from when they appear', () => {
    // 4 baseline lesions × 3 time points + NEW1 at week 16.
    expect(rows).toHaveLength(13);
    expect(Object.keys(rows[0])).toEqual([...RESPONSE_CSV_COLUMNS]);
    expect(rows.filter((r) => r.lesion_id === 'NEW1').map((r) => r.time_point)).toEqual(['2']);
  });

  it('gives each row the criterion\'s measure and the time point\'s sum, changes and category', () => {
    expect(at(0, 'L1')).toMatchObject({ date: '2024-01-01', measure: '50', long_axis_mm: '50', sum: '110', category: 'baseline', change_from_baseline_percent: '' });
    expect(at(1, 'N1')).toMatchObject({ lymph_node: 'true', measure: '12', short_axis_mm: '12', long_axis_mm: '', sum: '67', category: 'PR' });
    // (67 − 110) / 110 = −39.0909 %; (78 − 67) / 67 = +16.4179 %.
    expect(Number(at(1, 'L2').change_from_baseline_percent)).toBeCloseTo(-39.0909, 3);
    expect(at(2, 'NEW1')).toMatchObject({ kind: 'new', presence: 'measured', measure: '', sum: '78', category: 'PD' });
    expect(Number(at(2, 'NEW1').change_from_nadir_percent)).toBeCloseTo(16.4179, 3);
    expect(at(2, 'NT1')).toMatchObject({ kind: 'non-target', status: 'present', measure: '' });
  });

  it('quotes text with commas and quotes, and neutralises formula-like text', () => {
    const csv = responseReportCsv({ ...recistReport(), patient: { id: '=HYPERLINK("x")' } });
    expect(csv.split('\r\n')[1].startsWith('"\'=HYPERLINK(""x"")",')).toBe(true);
  });
});
