// Carrying the baseline's lesions into a follow-up in the workstation: the demo phantom's baseline
// measured through the HTTP API (T1 liver-1, T2 lung-1, T3 node-1, true diameters), a RECIST 1.1
// assessment started from the panel, follow-up 1 opened (the phantom moved the patient), and one
// button: the follow-up registered onto the baseline on the server, each baseline lesion's centre
// carried through it, the one-click lesion tool run there, each measurement tagged with the lesion.
// Checked against the phantom's truth at follow-up 1: where the lesions are, their axial diameters, PR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  generatePhantomTimePoint, phantomCtSeriesInfo, spacingMm, transformPoint, worldToIndexPoint, type Measurement, type PhantomLesionTruth, type PhantomTimePoint, type Point3, type Vec3,
} from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

const ALGORITHM = 'Voxa lesion tracking';

/** How each phantom lesion is tagged at baseline. */
const TAGS: Record<string, NonNullable<Measurement['lesion']>> = {
  'liver-1': { id: 'T1', kind: 'target', organ: 'liver' },
  'lung-1': { id: 'T2', kind: 'target', organ: 'lung' },
  'node-1': { id: 'T3', kind: 'target', organ: 'lymph node', isLymphNode: true },
};

interface CarryView {
  running?: boolean;
  step?: string;
  error?: string;
  blocker?: string;
  lesions?: { lesionId: string; baselineLps: Point3; carriedLps?: Point3; measurementId?: string; problem?: string; warning?: string }[];
}

/** A bidirectional along the lesion's in-plane ellipsoid axes (the phantom turns lesions about S only), centred on the truth's centre. */
function bidirectionalOf(tp: PhantomTimePoint, l: PhantomLesionTruth): Measurement {
  const inPlane = [0, 1, 2].filter((i) => Math.abs(l.axesLps[i][2]) < 0.5).sort((a, b) => l.semiAxesMm[b] - l.semiAxesMm[a]);
  const end = (axis: number, halfMm: number, sign: number): Point3 => [0, 1, 2].map((k) => l.centreLps[k] + sign * halfMm * l.axesLps[axis][k]) as Point3;
  return {
    id: `m-${l.id}`, kind: 'bidirectional', seriesInstanceUid: phantomCtSeriesInfo(tp).seriesInstanceUid,
    points: [end(inPlane[0], l.longAxisMm / 2, -1), end(inPlane[0], l.longAxisMm / 2, 1), end(inPlane[1], l.shortAxisMm / 2, -1), end(inPlane[1], l.shortAxisMm / 2, 1)],
    plane: { origin: l.centreLps, row: [1, 0, 0] as Vec3, column: [0, 1, 0] as Vec3 },
    values: { longMm: l.longAxisMm, shortMm: l.shortAxisMm }, label: l.name, lesion: TAGS[l.id],
  };
}

const centreOf = (m: Measurement): Point3 => [0, 1, 2].map((k) => m.points.reduce((s, p) => s + p[k], 0) / m.points.length) as Point3;
/** The CT value at the voxel nearest an LPS point. */
const huAt = (tp: PhantomTimePoint, p: Vec3) => {
  const [i, j, k] = worldToIndexPoint(tp.ct, p).map(Math.round), [nx, ny] = tp.ct.dimensions;
  return tp.ct.voxels[i + nx * (j + ny * k)];
};
const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe.runIf(canRunE2e())('carrying the baseline\'s lesions into a follow-up', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const [baseline, followUp] = [0, 1].map((i) => generatePhantomTimePoint(i, { size: 'small' }));
  const study = (tp: PhantomTimePoint) => tp.uids.studyInstanceUid;
  const carry = () => voxa<CarryView>(page, 'carry');
  const saved = async (tp: PhantomTimePoint) => ((await (await fetch(`${ws.base}/voxa/studies/${study(tp)}/measurements`)).json()) as { measurements: Measurement[] }).measurements;

  beforeAll(async () => {
    ws = await startWorkstation();
    for (const l of baseline.truth.lesions.filter((x) => TAGS[x.id])) {
      const m = bidirectionalOf(baseline, l);
      const r = await fetch(`${ws.base}/voxa/studies/${study(baseline)}/measurements/${m.id}`, {
        method: 'PUT', headers: { 'content-type': 'application/json', 'x-voxa-user': 'e2e.seed' }, body: JSON.stringify(m),
      });
      expect(r.status, await r.clone().text()).toBe(201);
    }
    ({ page, close } = await launchBrowser());
    await openStudy(page, ws.base, study(baseline), phantomCtSeriesInfo(baseline).seriesInstanceUid);
    await page.waitForSelector('[data-testid="timeline"] .tp');
    await voxa(page, 'responseSettled');
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  it('disables the button with its reason: no assessment, then the open study is the baseline', async () => {
    expect(await page.isDisabled('[data-action="carry-lesions"]')).toBe(true);
    expect(await page.textContent('[data-testid="carry-blocker"]')).toBe('start an assessment first');
    await page.fill('[data-control="reader"]', 'dr.a');
    await page.click('[data-action="start-assessment"]');
    await voxa(page, 'responseSettled');
    expect(await page.isDisabled('[data-action="carry-lesions"]')).toBe(true);
    expect(await page.textContent('[data-testid="carry-blocker"]')).toBe('the open study is the baseline');
  });

  it('measures the baseline lesions in follow-up 1 where the registration carries them, tagged with the same lesions, as proposals', async () => {
    // A fresh page on the follow-up (the reader's name stays in local storage).
    await page.goto('about:blank');
    await openStudy(page, ws.base, study(followUp), phantomCtSeriesInfo(followUp).seriesInstanceUid);
    await page.waitForFunction(() => (globalThis as unknown as { __voxa: { response: () => { timePoints: unknown[] } } }).__voxa.response().timePoints.length === 3);
    await voxa(page, 'responseSettled');
    expect((await carry()).blocker).toBeUndefined();
    expect(await page.isEnabled('[data-action="carry-lesions"]')).toBe(true);

    await page.click('[data-action="carry-lesions"]');
    await page.waitForFunction(() => {
      const c = (globalThis as unknown as { __voxa: { carry: () => CarryView } }).__voxa.carry();
      return c.running === false;
    }, undefined, { timeout: 300_000, polling: 500 });
    await voxa(page, 'responseSettled');
    const result = await carry();
    expect(result.error).toBeUndefined();
    expect(result.lesions!.map((l) => [l.lesionId, l.problem, l.warning])).toEqual([['T1', undefined, undefined], ['T2', undefined, undefined], ['T3', undefined, undefined]]);
    expect(await page.textContent('[data-testid="carry-status"]')).toBe('3 of 3 baseline lesions measured here: proposals to review');

    // The registration's direction: each baseline centre lands where the phantom moved it (truth.baselineToTimePoint), within a voxel.
    for (const l of result.lesions!) {
      const truth = transformPoint(followUp.truth.baselineToTimePoint, l.baselineLps);
      const d = distance(l.carriedLps!, truth);
      console.log(`carry ${l.lesionId}: baseline ${l.baselineLps.map((v) => v.toFixed(1))} → ${l.carriedLps!.map((v) => v.toFixed(1))} mm, ${d.toFixed(2)} mm from the truth's motion`);
      expect(d, `${l.lesionId} carried through the registration`).toBeLessThan(2.8);
    }

    const [sx, sy] = spacingMm(followUp.ct);
    const measured = (await saved(followUp)).filter((m) => m.lesion);
    expect(measured.map((m) => m.lesion!.id).sort()).toEqual(['T1', 'T2', 'T3']);
    for (const [name, tag] of Object.entries(TAGS)) {
      const m = measured.find((x) => x.lesion!.id === tag.id)!;
      const truth = followUp.truth.lesions.find((l) => l.id === name)!;
      expect(m.lesion, 'the baseline\'s tag: id, kind, organ, node').toEqual(tag);
      expect(m.algorithm, 'an automatic proposal').toBe(ALGORITHM);
      expect(m.kind).toBe('bidirectional');
      expect(m.seriesInstanceUid).toBe(phantomCtSeriesInfo(followUp).seriesInstanceUid);
      const off = distance(centreOf(m), truth.centreLps);
      // Axial diameters: the truth's analytic ones at tp1 (recistDiameters), within two in-plane voxels as for the one-click tool.
      const longErr = Math.abs(m.values.longMm - truth.longAxisMm), shortErr = Math.abs(m.values.shortMm - truth.shortAxisMm);
      console.log(`${tag.id} (${name}) at FU1: centre ${off.toFixed(2)} mm from the truth, long ${m.values.longMm.toFixed(2)} mm (truth ${truth.longAxisMm.toFixed(2)}), `
        + `short ${m.values.shortMm.toFixed(2)} mm (truth ${truth.shortAxisMm.toFixed(2)})`);
      expect(off, `${tag.id}: the measured lesion is the truth's lesion at tp1`).toBeLessThan(3);
      expect(longErr, `${tag.id} long axis`).toBeLessThanOrEqual(2 * Math.max(sx, sy));
      expect(shortErr, `${tag.id} short axis`).toBeLessThanOrEqual(2 * Math.max(sx, sy));
    }
  }, 360_000);

  it('fills the lesion table\'s FU1 column and categorises FU1 as PR (the phantom\'s designed −35%)', async () => {
    const r = await voxa<{ error?: string; timePoints: { label: string; category?: string; changeFromBaselinePercent: number | null }[]; rows: { id: string; cells: { text: string; proposedBy?: string }[] }[] }>(page, 'response');
    expect(r.error).toBeUndefined();
    expect(r.rows.map((row) => row.id)).toEqual(['T1', 'T2', 'T3']);
    for (const row of r.rows) {
      expect(row.cells[1].text, `${row.id} measured at FU1`).toMatch(/^\d+\.\d\u2009×\u2009\d+\.\d$/);
      expect(row.cells[1].proposedBy).toBe(ALGORITHM);
    }
    console.log(`FU1: ${r.timePoints[1].category}, ${r.timePoints[1].changeFromBaselinePercent?.toFixed(1)}% from baseline (truth ${followUp.truth.response.changeFromBaselinePercent.toFixed(1)}%)`);
    expect(r.timePoints.map((tp) => tp.label)).toEqual(['BL', 'FU1', 'FU2']);
    expect(r.timePoints[1].category).toBe('PR');
    expect((await page.$$eval('.lesion-table tr.response td', (els) => els.map((e) => e.textContent)))[1]).toBe('PR');
    // Every lesion is tagged here now: nothing left to carry.
    expect(await page.textContent('[data-testid="carry-blocker"]')).toBe('every baseline lesion is already tagged here');
    await page.locator('[data-testid="response"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('carry-lesions.png') });
    await page.locator('[data-testid="response"]').screenshot({ path: artifactPath('carry-lesions-panel.png') });
  });

  it('says so, and measures nothing, where a carried lesion is not found: a baseline non-target outside the body', async () => {
    // 20 mm in front of the phantom's skin on the baseline's axial midline: air in every study.
    const air: Point3 = [0, -150, 0];
    expect(huAt(baseline, air), 'air at the baseline point').toBeLessThan(-900);
    expect(huAt(followUp, transformPoint(followUp.truth.baselineToTimePoint, air)), 'and where the phantom moved it at tp1').toBeLessThan(-900);
    const m: Measurement = {
      id: 'm-air', kind: 'length', seriesInstanceUid: phantomCtSeriesInfo(baseline).seriesInstanceUid,
      points: [[air[0] - 5, air[1], air[2]], [air[0] + 5, air[1], air[2]]], values: { lengthMm: 10 }, lesion: { id: 'NT1', kind: 'non-target', organ: 'other' },
    };
    const r = await fetch(`${ws.base}/voxa/studies/${study(baseline)}/measurements/${m.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m) });
    expect(r.status).toBe(201);
    await page.click('[data-action="refresh-response"]');
    await voxa(page, 'responseSettled');
    expect((await carry()).blocker).toBeUndefined();
    const before = (await saved(followUp)).length;
    await page.click('[data-action="carry-lesions"]');
    await page.waitForFunction(() => (globalThis as unknown as { __voxa: { carry: () => CarryView } }).__voxa.carry().running === false, undefined, { timeout: 120_000, polling: 500 });
    await voxa(page, 'responseSettled');
    const result = await carry();
    expect(result.lesions!.map((l) => l.lesionId), 'only the lesion not yet tagged here').toEqual(['NT1']);
    const [nt1] = result.lesions!;
    expect(nt1.measurementId).toBeUndefined();
    expect(nt1.problem).toMatch(/^NT1: not found at \(-?\d+\.\d, -?\d+\.\d, -?\d+\.\d\) in this study — measure it by hand or mark it disappeared/);
    expect(await page.textContent('[data-testid="carry-lesions"] li[data-lesion="NT1"]')).toBe(nt1.problem);
    expect(await page.textContent('[data-testid="carry-status"]')).toBe('0 of 1 baseline lesions measured here');
    expect((await saved(followUp)).length, 'nothing invented').toBe(before);
    const segments = (await voxa<{ segments: { label: string }[] }>(page, 'segState')).segments.map((g) => g.label);
    expect(segments, 'the three carried lesions\' segments, not the air the tool outlined').toEqual(['T1 liver', 'T2 lung', 'T3 lymph node']);
    console.log(`not found: ${nt1.problem}`);
    await page.locator('[data-testid="carry-lesions"]').screenshot({ path: artifactPath('carry-lesions-not-found.png') });
  });

  it('threw nothing in the page', () => {
    const errors = (page as Page & { voxaErrors?: string[] }).voxaErrors ?? [];
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
