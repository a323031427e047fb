import { describe, expect, it } from 'vitest';
import { COHORT_CSV_COLUMNS, cohortReportCsv } from '../../src/report/cohortReportCsv.ts';
import { renderCohortReportHtml } from '../../src/report/renderCohortReportHtml.ts';
import { COHORT } from './cohortCase.ts';
import { recistReport } from './recistReportCase.ts';

/** The cells' text of the cohort table's row n. */
function tableRow(html: string, n: number): string[] {
  const row = new RegExp(`<table class="cohort">.*?<tr data-patient="${n}">(.*?)</tr>`, 's').exec(html)![1];
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
}

describe('renderCohortReportHtml', () => {
  const html = renderCohortReportHtml(COHORT);

  it('is one self-contained A4 page: inline style and one SVG, no scripts, links or external resources', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/\s(src|href)=|url\(|@import|<link|<img|<iframe|<script/i);
    expect(html).toContain('@page { size: A4;');
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toContain('<svg class="chart waterfall-chart"');
    expect(html).toContain('<h1>Tumour response — cohort of 6 patients</h1>');
  });

  it('lists every patient in the given order with criterion, best change, best overall response and last response', () => {
    expect(tableRow(html, 0)).toEqual(['P1 (Name of P1)', 'RECIST 1.1', '3', '−39.1%', '1', 'PR', 'PD 2024-04-22']);
    expect(tableRow(html, 2)).toEqual(['P3 (Name of P3)', 'RECIST 1.1', '3', '−100%', '1', 'CR', 'CR 2024-04-22']);
    expect(tableRow(html, 4)).toEqual(['P5 (Name of P5)', 'RECIST 1.1', '2', '+150%', '1', 'PD', 'PD 2024-02-26']);
    expect(tableRow(html, 5)).toEqual(['P6 (Name of P6)', 'RECIST 1.1', '1', '—', '', 'NE', '—']);
  });

  it('escapes what the reports say about the patients', () => {
    const page = renderCohortReportHtml([recistReport()]);
    expect(page).not.toContain('<script');
    expect(page).toContain('P&lt;001&gt;');
    expect(page).toContain('<h1>Tumour response — cohort of 1 patient</h1>');
  });
});

describe('cohortReportCsv', () => {
  it('writes a header and one row per patient with the best change and the responses', () => {
    const lines = cohortReportCsv(COHORT).trimEnd().split('\r\n');
    expect(lines[0]).toBe(COHORT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + COHORT.length);
    // (67 − 110) / 110 = −39.0909 %, 4 decimals.
    expect(lines[1]).toBe('P1,Name of P1,RECIST 1.1,3,-39.0909,1,PR,PD,2024-04-22');
    expect(lines[6]).toBe('P6,Name of P6,RECIST 1.1,1,,,NE,,');
  });
});
