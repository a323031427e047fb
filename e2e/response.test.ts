// Tumour response in the workstation: the demo phantom's three studies (baseline, partial response,
// progression with a new lesion) measured through the HTTP API with their true diameters, then
// assessed through the UI: the patient's timeline, a RECIST 1.1 assessment started from the
// panel, a measurement tagged in the measurement list, the live lesion table (PR then PD), and
// the workflow up to signed by two readers, the four-eyes refusal shown on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePhantomTimePoint, phantomCtSeriesInfo, phantomPatientId, type Measurement, type PhantomLesionTruth, type PhantomTimePoint, type Point3, type Vec3 } from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

interface ResponseView {
  assessment?: { id: string; state: string; criterion: string; steps: { state: string; user: string }[] };
  actionError?: string;
  timePoints: { studyUid: string; dateIso: string; label: string; days: number; category?: string; sum: number | null; changeFromBaselinePercent: number | null; changeFromNadirPercent: number | null }[];
  rows: { id: string; kind: string; organ: string; isLymphNode: boolean; cells: { text: string; measurementIds: string[]; counted: number | null; problem?: string }[] }[];
  best?: string;
  issues: { severity: string; code: string; message: string }[];
  error?: string;
}

/** How each phantom lesion is tagged: targets T1–T3 at baseline, the lesion new at progression N1. */
const TAGS: Record<string, Measurement['lesion']> = {
  'liver-1': { id: 'T1', kind: 'target', organ: 'liver' },
  'lung-1': { id: 'T2', kind: 'target', organ: 'lung' },
  'node-1': { id: 'T3', kind: 'target', organ: 'lymph node', isLymphNode: true },
  'liver-2': { id: 'N1', kind: 'new', organ: 'liver' },
};
/** The baseline measurement left untagged, to be tagged through the UI. */
const UNTAGGED = 'liver-1';

/**
 * A bidirectional measurement of a lesion's largest axial section: its long and short axes drawn
 * along the ellipsoid's in-plane axes (the phantom turns lesions about the superior axis only), the
 * values the truth's analytic diameters.
 */
function bidirectionalOf(tp: PhantomTimePoint, l: PhantomLesionTruth, tagged: boolean): Measurement {
  const inPlane = [0, 1, 2].filter((i) => Math.abs(l.axesLps[i][2]) < 0.5).sort((a, b) => l.semiAxesMm[b] - l.semiAxesMm[a]);
  const end = (axis: number, halfMm: number, sign: number): Point3 => [0, 1, 2].map((k) => l.centreLps[k] + sign * halfMm * l.axesLps[axis][k]) as Point3;
  const info = phantomCtSeriesInfo(tp);
  return {
    id: `m-${l.id}`, kind: 'bidirectional', seriesInstanceUid: info.seriesInstanceUid,
    points: [end(inPlane[0], l.longAxisMm / 2, -1), end(inPlane[0], l.longAxisMm / 2, 1), end(inPlane[1], l.shortAxisMm / 2, -1), end(inPlane[1], l.shortAxisMm / 2, 1)],
    plane: { origin: l.centreLps, row: [1, 0, 0] as Vec3, column: [0, 1, 0] as Vec3 },
    values: { longMm: l.longAxisMm, shortMm: l.shortAxisMm },
    label: l.name,
    ...(tagged ? { lesion: TAGS[l.id] } : {}),
  };
}

const isoOf = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;

describe.runIf(canRunE2e())('tumour response in the workstation', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const tps = [0, 1, 2].map((i) => generatePhantomTimePoint(i, { size: 'small' }));
  const [baseline, , progression] = tps;
  const studyOf = (tp: PhantomTimePoint) => tp.uids.studyInstanceUid;
  const response = () => voxa<ResponseView>(page, 'response');
  const settled = () => voxa(page, 'responseSettled');

  beforeAll(async () => {
    ws = await startWorkstation();
    for (const tp of tps) {
      for (const l of tp.truth.lesions) {
        const m = bidirectionalOf(tp, l, !(tp === baseline && l.id === UNTAGGED));
        const r = await fetch(`${ws.base}/voxa/studies/${studyOf(tp)}/measurements/${m.id}`, {
          method: 'PUT', headers: { 'content-type': 'application/json', 'x-voxa-user': 'e2e.seed' }, body: JSON.stringify(m),
        });
        expect(r.status, await r.clone().text()).toBe(201);
      }
    }
    ({ page, close } = await launchBrowser());
    await openStudy(page, ws.base, studyOf(baseline), phantomCtSeriesInfo(baseline).seriesInstanceUid);
    await page.waitForSelector('[data-testid="timeline"] .tp');
    await settled();
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  it('lists the patient\'s studies by date on the timeline, the open one marked, with the interval from the earliest', async () => {
    const tiles = await page.$$eval('[data-testid="timeline"] .tp', (els) => els.map((e) => ({
      uid: e.getAttribute('data-study-uid'), open: e.classList.contains('open'), date: e.querySelector('.date')?.textContent, interval: e.querySelector('.interval')?.textContent,
    })));
    // The phantom's studies are 56 days apart from 2024-01-08 (PHANTOM_DEFAULTS.intervalDays).
    expect(tiles).toEqual([
      { uid: studyOf(tps[0]), open: true, date: '2024-01-08', interval: 'baseline' },
      { uid: studyOf(tps[1]), open: false, date: '2024-03-04', interval: '+8 wk (+56 d)' },
      { uid: studyOf(tps[2]), open: false, date: '2024-04-29', interval: '+16 wk (+112 d)' },
    ]);
    expect(tps.map((tp) => isoOf(tp.truth.studyDate))).toEqual(tiles.map((t) => t.date));
    expect(await page.$$eval('[data-testid="timeline"] [data-action="compare"]', (els) => els.length)).toBe(2);
    expect((await response()).assessment).toBeUndefined();
  });

  it('starts a RECIST 1.1 assessment from the panel (baseline the earliest study, the later ones follow-ups) and names the lesion that is not tagged at baseline', async () => {
    await page.fill('[data-control="reader"]', 'dr.a');
    expect(await page.inputValue('[data-control="criterion"]')).toBe('recist');
    expect(await page.inputValue('[data-control="baseline"]')).toBe(studyOf(baseline));
    await page.click('[data-action="start-assessment"]');
    await settled();
    const r = await response();
    expect(r.assessment?.state).toBe('requested');
    expect(r.assessment?.steps.map((s) => [s.state, s.user])).toEqual([['requested', 'dr.a']]);
    expect(r.timePoints.map((tp) => [tp.studyUid, tp.dateIso, tp.label, tp.days])).toEqual([
      [studyOf(tps[0]), '2024-01-08', 'BL', 0], [studyOf(tps[1]), '2024-03-04', 'FU1', 56], [studyOf(tps[2]), '2024-04-29', 'FU2', 112],
    ]);
    expect(await page.$$eval('[data-testid="timeline"] .tp', (els) => els.map((e) => e.getAttribute('data-role')))).toEqual(['BL', 'FU1', 'FU2']);
    // T1 is tagged at the follow-ups only: core refuses it as a target first seen after baseline, and says which.
    expect(r.error).toMatch(/lesion T1: a target lesion first measured at a follow-up \(measurement m-liver-1\)/);
    expect(await page.textContent('[data-testid="response-error"]')).toContain('lesion T1');
    const t1 = r.rows.find((row) => row.id === 'T1')!;
    expect(t1.cells.map((c) => c.measurementIds)).toEqual([[], ['m-liver-1'], ['m-liver-1']]);
    // …and the table marks the cell where it first appears.
    expect(t1.cells[1].problem).toMatch(/first tagged at a follow-up/);
    expect(await page.getAttribute(`.lesion-table tr[data-lesion="T1"] td[data-study-uid="${studyOf(tps[1])}"]`, 'class')).toContain('problem');
    await page.screenshot({ path: artifactPath('response-untagged-error.png') });
  });

  it('tags the baseline measurement in the measurement list: the next free id is offered, a known id brings its kind and organ, and the server stores the tag', async () => {
    const item = '.measurement[data-id="m-liver-1"]';
    await page.selectOption(`${item} [data-control="tag-lesion"]`, 'next:target');
    // T1–T3 and N1 are in use in the assessment: the next target is T4, not saved until it has an organ.
    expect(await page.inputValue(`${item} [data-field="lesion-id"]`)).toBe('T4');
    expect(await page.textContent(`${item} .lesion-editor`)).toContain('choose the organ to save');
    await page.fill(`${item} [data-field="lesion-id"]`, 'T1');
    await page.press(`${item} [data-field="lesion-id"]`, 'Enter');
    expect(await page.inputValue(`${item} [data-field="lesion-organ"]`)).toBe('liver');
    expect(await page.inputValue(`${item} [data-field="lesion-kind"]`)).toBe('target');
    await page.locator('[data-testid="measurements"]').screenshot({ path: artifactPath('response-lesion-editor.png') });

    const url = `${ws.base}/voxa/studies/${studyOf(baseline)}/measurements/m-liver-1`;
    let stored: Measurement | undefined;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !stored?.lesion; await new Promise((r) => setTimeout(r, 100))) {
      stored = ((await (await fetch(url)).json()) as { measurement: Measurement }).measurement;
    }
    expect(stored?.lesion).toEqual({ id: 'T1', kind: 'target', organ: 'liver' });
    const history = (await (await fetch(`${url}/history`)).json()) as { entries: unknown[] };
    expect(history.entries.length).toBe(2); // the seed's PUT, then the tag: the audit trail keeps both
  });

  it('shows the lesion table live: the true diameters, their sum and changes, PR then PD, and best overall response PR', async () => {
    const r = await response();
    expect(r.error).toBeUndefined();
    expect(r.rows.map((row) => [row.id, row.kind, row.organ, row.isLymphNode])).toEqual([
      ['T1', 'target', 'liver', false], ['T2', 'target', 'lung', false], ['T3', 'target', 'lymph node', true], ['N1', 'new', 'liver', false],
    ]);
    for (const row of r.rows) {
      const name = Object.keys(TAGS).find((k) => TAGS[k]!.id === row.id)!;
      tps.forEach((tp, t) => {
        const l = tp.truth.lesions.find((x) => x.id === name);
        // Cells read long × short (thin spaces) to a tenth of a mm; a lesion not there yet is '—'.
        expect(row.cells[t].text).toBe(l ? `${l.longAxisMm.toFixed(1)}\u2009×\u2009${l.shortAxisMm.toFixed(1)}` : '—');
        if (l && row.kind === 'target') expect(row.cells[t].counted).toBeCloseTo(l.recistDiameterMm, 6); // nodes: short axis
      });
    }
    // The sums and changes are the phantom's own RECIST bookkeeping (truth.response), from the same analytic diameters.
    r.timePoints.forEach((tp, t) => {
      const truth = tps[t].truth.response;
      expect(tp.sum).toBeCloseTo(truth.sumOfDiametersMm, 6);
      if (t > 0) {
        expect(tp.changeFromBaselinePercent).toBeCloseTo(truth.changeFromBaselinePercent, 6);
        expect(tp.changeFromNadirPercent).toBeCloseTo(truth.changeFromNadirPercent, 6);
      }
    });
    expect(r.timePoints.map((tp) => tp.category)).toEqual([undefined, 'PR', 'PD']); // the phantom's design: −35%, then +30% and a new lesion
    expect(r.best).toBe('PR');
    expect(await page.$$eval('.lesion-table tr.response td', (els) => els.map((e) => e.textContent))).toEqual(['', 'PR', 'PD']);
    expect(await page.textContent('[data-testid="best-response"]')).toContain('Best overall response: PR (FU1 2024-03-04)');
    // Why PD: the firings' sentences are there to read.
    await page.click('[data-testid="why-FU2"] summary');
    expect(await page.textContent('[data-testid="why-FU2"]')).toMatch(/new lesions unequivocal/);
    expect(await page.getAttribute('[data-testid="proposal-note"]', 'data-proposal')).toBe('true');
    await page.locator('[data-testid="response"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('response-table.png') });
    await page.locator('[data-testid="response"]').screenshot({ path: artifactPath('response-panel.png') });
  });

  it('shows a lesion tagged twice at one time point in its cell and names both measurements, until one is deleted', async () => {
    const followUp = tps[1];
    const twin = { ...bidirectionalOf(followUp, followUp.truth.lesions.find((l) => l.id === 'lung-1')!, true), id: 'm-lung-1b' };
    const url = `${ws.base}/voxa/studies/${studyOf(followUp)}/measurements/${twin.id}`;
    expect((await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(twin) })).status).toBe(201);
    // Another study's measurements are read again on ↻ (the open study's list is live).
    await page.click('[data-action="refresh-response"]');
    await settled();
    let r = await response();
    expect(r.error).toMatch(/2024-03-04, lesion T2: measured twice \(measurements m-lung-1 and m-lung-1b\)/);
    expect(r.rows.find((row) => row.id === 'T2')!.cells[1].problem).toMatch(/tagged twice here \(measurements m-lung-1, m-lung-1b\)/);
    expect(r.timePoints.map((tp) => tp.category)).toEqual([undefined, undefined, undefined]);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(200);
    await page.click('[data-action="refresh-response"]');
    await settled();
    r = await response();
    expect(r.error).toBeUndefined();
    expect(r.timePoints.map((tp) => tp.category)).toEqual([undefined, 'PR', 'PD']);
  });

  it('selects the open study\'s measurement from its cell', async () => {
    await page.click(`.lesion-table tr[data-lesion="T2"] td[data-study-uid="${studyOf(baseline)}"]`);
    expect(await voxa(page, 'selectedMeasurement')).toBe('m-lung-1');
    expect(await page.getAttribute('.measurement.selected', 'data-id')).toBe('m-lung-1');
  });

  it('advances the workflow with two readers: the same reader may not review what they measured, then reviewed and signed', async () => {
    const advance = async (to: string) => {
      expect(await page.getAttribute('[data-action="advance"]', 'data-to')).toBe(to);
      await page.click('[data-action="advance"]');
      await settled();
    };
    await advance('baseline-measured');
    await advance('follow-up-measured');
    await advance('reviewed');
    let r = await response();
    expect(r.assessment?.state).toBe('follow-up-measured');
    expect(r.actionError).toMatch(/four-eyes/);
    expect(await page.textContent('[data-testid="workflow-error"]')).toMatch(/recorded by dr\.a; 'reviewed' needs another user \(four-eyes rule\)/);
    await page.locator('[data-testid="assessment"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('response-four-eyes.png') });

    await page.fill('[data-control="reader"]', 'dr.b');
    await advance('reviewed');
    expect(await page.$('[data-testid="workflow-error"]')).toBeNull();
    await advance('signed');
    r = await response();
    expect(r.assessment?.state).toBe('signed');
    expect(await page.textContent('[data-testid="assessment-state"]')).toBe('signed');
    expect(await page.textContent('[data-testid="signed"]')).toMatch(/signed by dr\.b/);
    expect(await page.getAttribute('[data-testid="proposal-note"]', 'data-proposal')).toBe('false');
    expect(await page.$('[data-action="reopen"]')).not.toBeNull();

    // The server has the same steps, each with its reader.
    const listed = (await (await fetch(`${ws.base}/voxa/assessments?patientId=${encodeURIComponent(phantomPatientId(baseline.options.seed))}`)).json()) as { assessments: { assessment: { state: string; steps: { state: string; user: string }[] } }[] };
    expect(listed.assessments.map((a) => a.assessment.state)).toEqual(['signed']);
    expect(listed.assessments[0].assessment.steps.map((s) => [s.state, s.user])).toEqual([
      ['requested', 'dr.a'], ['baseline-measured', 'dr.a'], ['follow-up-measured', 'dr.a'], ['reviewed', 'dr.b'], ['signed', 'dr.b'],
    ]);
    await page.locator('[data-testid="assessment"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('response-signed.png') });
  });

  it('opens a follow-up from its cell: the same assessment and table, the follow-up marked open', async () => {
    await page.click(`.lesion-table tr[data-lesion="N1"] td[data-study-uid="${studyOf(progression)}"]`);
    await page.waitForSelector(`[data-testid="timeline"] .tp.open[data-study-uid="${studyOf(progression)}"]`);
    await page.waitForFunction(() => !!(globalThis as unknown as { __voxa?: unknown }).__voxa);
    await voxa(page, 'settled');
    await settled();
    await page.waitForFunction(() => (globalThis as unknown as { __voxa: { response: () => ResponseView } }).__voxa.response().timePoints.length === 3);
    const r = await response();
    expect(r.assessment?.state).toBe('signed');
    expect(r.timePoints.map((tp) => tp.category)).toEqual([undefined, 'PR', 'PD']);
    expect(await page.$$eval('[data-testid="timeline"] .tp', (els) => els.map((e) => e.getAttribute('data-role')))).toEqual(['BL', 'FU1', 'FU2']);
    await page.screenshot({ path: artifactPath('response-follow-up.png') });
  });

  it('compares the open follow-up with the baseline from the timeline: registered on the server and shown beside it', async () => {
    await page.click(`[data-testid="timeline"] .tp[data-study-uid="${studyOf(baseline)}"] [data-action="compare"]`);
    await page.waitForFunction(() => ['ready', 'error'].includes((globalThis as unknown as { __voxa: { comparison: () => { status: string } | undefined } }).__voxa.comparison()?.status ?? ''), undefined, { timeout: 180_000 });
    const info = await voxa<{ status: string; error?: string; studyUid: string }>(page, 'comparison');
    expect(info.error).toBeUndefined();
    expect([info.status, info.studyUid]).toEqual(['ready', studyOf(baseline)]);
    expect(await page.getAttribute(`[data-testid="timeline"] .tp[data-study-uid="${studyOf(baseline)}"] [data-action="compare"]`, 'class')).toBe('active');
    await page.screenshot({ path: artifactPath('response-compare.png') });
  }, 240_000);

  it('threw nothing in the page (refused requests are answers the panel shows, not errors)', () => {
    const errors = (page as Page & { voxaErrors?: string[] }).voxaErrors ?? [];
    // The browser logs every HTTP error status (the 409 of the four-eyes refusal, a thumbnail of the SR) as a console error.
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
