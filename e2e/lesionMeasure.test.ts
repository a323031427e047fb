// The one-click lesion tool measures what it segments: a click inside the demo phantom's liver
// lesion on the axial view gives its 3D segment and an automatic bidirectional measurement (RECIST
// axes in the acquisition plane, volume, mean HU), drawn on the axial view and saved on the server;
// dragging one of its handles makes it the reader's (no `algorithm`) and re-measures the axes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  bidirectional, generatePhantomTimePoint, lengthMm, lesionAxesFromMask, MEASUREMENT_ID_PATTERN, phantomCtSeriesInfo, segmentLesionAt, spacingMm, type Measurement, type Vec3,
} from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

const ALGORITHM = 'Voxa one-click lesion';

describe.runIf(canRunE2e())('one-click lesion measurement in the workstation', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const tp = generatePhantomTimePoint(0, { size: 'small' });
  const study = tp.uids.studyInstanceUid;
  const lesion = tp.truth.lesions.find((l) => l.id === 'liver-1')!;
  const [sx, sy, sz] = spacingMm(tp.ct);
  let axial: number;
  let measured: Measurement;

  const serverMeasurements = async () => {
    const r = await fetch(`${ws.base}/voxa/studies/${study}/measurements`);
    expect(r.status).toBe(200);
    return ((await r.json()) as { measurements: Measurement[] }).measurements;
  };
  const autoMarkers = (id: string) => page.locator(`[data-testid="measurements"] .measurement[data-id="${id}"] [data-testid="auto-proposal"]`).count();

  beforeAll(async () => {
    ws = await startWorkstation();
    ({ page, close } = await launchBrowser());
    await openStudy(page, ws.base, study, phantomCtSeriesInfo(tp).seriesInstanceUid);
    axial = (await voxa<{ slot: number; content: string }[]>(page, 'slots')).find((s) => s.content === 'axial')!.slot;
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  it('adds an automatic bidirectional measurement of the clicked lesion: axes, volume and mean HU of its 3D segment', async () => {
    await voxa(page, 'setCentre', lesion.centreLps);
    await voxa(page, 'setZoom', axial, 0.3); // 0.3 mm a pixel: the 40 mm lesion spans ~130 px, its handles well apart
    await voxa(page, 'renderNow');
    await page.click('[data-tool="lesion"]');
    const [x, y] = (await voxa<[number, number, number]>(page, 'worldToPage', axial, lesion.centreLps)).map(Math.round);
    // The LPS point the click lands on (whole CSS pixels, on the view's plane): core's reference starts from the same one.
    const click = await voxa<Vec3>(page, 'pageToWorld', axial, x, y);
    await page.mouse.click(x, y);
    await expect.poll(async () => (await serverMeasurements()).length, { timeout: 60_000 }).toBe(1);
    const state = await voxa<{ error?: string; segments: { label: string; voxels: number }[] }>(page, 'segState');
    expect(state.error, 'the tool reported no problem').toBeUndefined();

    const [m] = await voxa<Measurement[]>(page, 'measurements');
    measured = m;
    expect(m.kind).toBe('bidirectional');
    expect(m.id).toMatch(MEASUREMENT_ID_PATTERN);
    expect(m.algorithm, 'marked as an automatic proposal').toBe(ALGORITHM);
    expect(m.label).toBe('Lesion 1');
    expect(m.units).toBe('HU');
    expect(m.seriesInstanceUid).toBe(phantomCtSeriesInfo(tp).seriesInstanceUid);
    expect(state.segments.find((g) => g.label === 'Lesion 1')?.voxels, 'the segment carries the same label').toBeGreaterThan(0);

    // Against the truth: the analytic axial diameters of the ellipsoid (recistDiameters) within two in-plane voxels, its volume within 10%.
    const tolMm = 2 * Math.max(sx, sy);
    expect(Math.abs(m.values.longMm - lesion.longAxisMm), `long ${m.values.longMm.toFixed(1)} vs ${lesion.longAxisMm.toFixed(1)} mm`).toBeLessThanOrEqual(tolMm);
    expect(Math.abs(m.values.shortMm - lesion.shortAxisMm), `short ${m.values.shortMm.toFixed(1)} vs ${lesion.shortAxisMm.toFixed(1)} mm`).toBeLessThanOrEqual(tolMm);
    expect(Math.abs(m.values.volumeMm3 / lesion.analyticVolumeMm3 - 1), 'volume relative to 4/3·π·abc').toBeLessThan(0.1);
    console.log(`one-click liver-1: long ${m.values.longMm.toFixed(2)} mm (truth ${lesion.longAxisMm.toFixed(2)}), short ${m.values.shortMm.toFixed(2)} mm (truth ${lesion.shortAxisMm.toFixed(2)}), `
      + `volume ${m.values.volumeMm3.toFixed(0)} mm³ (truth ${lesion.analyticVolumeMm3.toFixed(0)}, ${((m.values.volumeMm3 / lesion.analyticVolumeMm3 - 1) * 100).toFixed(1)}%), mean ${m.values.meanHu.toFixed(1)} HU`);

    // Against core on the CPU, from the same click: the worker runs the same functions on the same voxels.
    const cpu = segmentLesionAt(tp.ct, click);
    const axes = lesionAxesFromMask(cpu.mask, tp.ct.dimensions, tp.ct.indexToWorld);
    let sum = 0;
    cpu.mask.forEach((v, n) => { if (v) sum += tp.ct.voxels[n]; });
    expect(m.values.longMm).toBeCloseTo(axes.longMm, 6);
    expect(m.values.shortMm).toBeCloseTo(axes.shortMm, 6);
    expect(m.values.volumeMm3).toBeCloseTo(cpu.volumeMm3, 6);
    expect(m.values.meanHu, 'mean HU over the segment').toBeCloseTo(sum / cpu.voxelCount, 6);
    [axes.longA, axes.longB].forEach((p, n) => expect(lengthMm(p, m.points[n]), `long axis end ${n}`).toBeLessThan(1e-6));
    // The short axis is measured on the segment cropped to its box: of chords tied for the longest (a voxel outline has many), rounding may pick another.
    expect(lengthMm(m.points[2], m.points[3])).toBeCloseTo(axes.shortMm, 6);
    expect(bidirectional(m.points[0], m.points[1], m.points[2], m.points[3]).perpendicularityDeg, 'short axis perpendicular to the long one').toBeCloseTo(90, 6);

    // In the axial plane through the lesion: one slice, within half a slice of the centre, axial directions.
    for (const p of m.points) expect(Math.abs(p[2] - m.points[0][2]), 'all four points on one axial slice').toBeLessThan(1e-6);
    expect(Math.abs(m.points[0][2] - lesion.centreLps[2]), 'the slice through the lesion centre').toBeLessThanOrEqual(sz / 2 + 1e-6);
    expect(m.plane!.row).toEqual([1, 0, 0]);
    expect(m.plane!.column).toEqual([0, 1, 0]);
    expect(Math.abs(m.plane!.origin[2] - m.points[0][2]), 'the plane holds the points').toBeLessThan(1e-6);

    // Saved on the server as it is.
    const saved = (await serverMeasurements()).find((s) => s.id === m.id)!;
    expect(saved.algorithm).toBe(ALGORITHM);
    expect(saved.values).toEqual(m.values);
    expect(saved.points).toEqual(m.points);

    // Drawn on the axial view, which moved onto the measured slice: its four handles where the points are.
    await voxa(page, 'renderNow');
    const shape = page.locator(`.viewport[data-slot="${axial}"] g[data-measurement="${m.id}"]`);
    expect(await shape.count(), 'the axes are drawn on the axial view').toBe(1);
    expect(await shape.locator('line').count(), 'long and short axis').toBe(2);
    for (const p of m.points) expect(Math.abs((await voxa<[number, number, number]>(page, 'worldToPage', axial, p))[2]), 'on the view plane (mm)').toBeLessThan(1e-6);
    expect(await autoMarkers(m.id), 'the list marks it auto').toBe(1);
    await page.screenshot({ path: artifactPath('lesion-measure.png') });
    await page.locator(`[data-testid="measurements"] .measurement[data-id="${m.id}"]`).screenshot({ path: artifactPath('lesion-measure-list.png') });
  });

  it('marks the proposal "auto" in the lesion table of a response assessment once tagged', async () => {
    const m = measured;
    await voxa(page, 'responseSettled');
    await page.fill('[data-control="reader"]', 'dr.e2e');
    await page.click('[data-action="start-assessment"]');
    await voxa(page, 'responseSettled');
    const item = `[data-testid="measurements"] .measurement[data-id="${m.id}"]`;
    await page.selectOption(`${item} [data-control="tag-lesion"]`, 'next:target');
    await page.selectOption(`${item} [data-field="lesion-organ"]`, 'liver');
    await expect.poll(async () => (await serverMeasurements()).find((s) => s.id === m.id)?.lesion?.organ, { timeout: 10_000 }).toBe('liver');
    const saved = (await serverMeasurements()).find((s) => s.id === m.id)!;
    expect(saved.algorithm, 'tagging is no edit of the measurement: still a proposal').toBe(ALGORITHM);

    const row = (await voxa<{ rows: { id: string; cells: { text: string; measurementIds: string[]; proposedBy?: string }[] }[] }>(page, 'response')).rows[0];
    expect(row.cells[0].measurementIds).toEqual([m.id]);
    expect(row.cells[0].text, 'long × short as measured').toBe(`${m.values.longMm.toFixed(1)}\u2009×\u2009${m.values.shortMm.toFixed(1)}`);
    expect(row.cells[0].proposedBy).toBe(ALGORITHM);
    const marker = page.locator(`.lesion-table td[data-measurement-id="${m.id}"] [data-testid="auto-proposal"]`);
    expect(await marker.count(), 'the cell shows the auto marker').toBe(1);
    expect(await marker.getAttribute('title')).toBe(`proposed by ${ALGORITHM}; edit or review to accept`);
    await page.locator('[data-testid="lesion-table"]').screenshot({ path: artifactPath('lesion-measure-table.png') });
  });

  it('becomes the reader\'s measurement when a handle is dragged: algorithm dropped, long axis re-measured, segment values kept', async () => {
    const m = measured;
    const [ax, ay] = await voxa<[number, number, number]>(page, 'worldToPage', axial, m.points[1]);
    const [bx, by] = await voxa<[number, number, number]>(page, 'worldToPage', axial, m.points[0]);
    // 40 CSS px outwards along the long axis (away from its other end): 12 mm at the view's 0.3 mm a pixel.
    const len = Math.hypot(ax - bx, ay - by);
    const to = [ax + (40 * (ax - bx)) / len, ay + (40 * (ay - by)) / len];
    await page.mouse.move(ax, ay);
    await page.mouse.down();
    for (let t = 1; t <= 5; t++) await page.mouse.move(ax + ((to[0] - ax) * t) / 5, ay + ((to[1] - ay) * t) / 5);
    await page.mouse.up();
    await expect.poll(async () => (await serverMeasurements()).find((s) => s.id === m.id)?.algorithm, { timeout: 30_000 }).toBeUndefined();

    const saved = (await serverMeasurements()).find((s) => s.id === m.id)!;
    expect(saved.kind).toBe('bidirectional');
    expect(Math.abs(saved.values.longMm - m.values.longMm - 12), 'dragged 40 px × 0.3 mm outwards: the long axis grew 12 mm').toBeLessThan(0.5);
    expect(saved.values.longMm, 'recomputed from the moved points').toBeCloseTo(lengthMm(saved.points[0], saved.points[1]), 6);
    expect(saved.values.shortMm).toBeCloseTo(m.values.shortMm, 6);
    expect(saved.values.volumeMm3, 'the segment\'s volume stays').toBe(m.values.volumeMm3);
    expect(saved.values.meanHu, 'the segment\'s mean stays').toBe(m.values.meanHu);
    expect(saved.label).toBe(m.label);
    expect(await autoMarkers(m.id), 'no longer marked auto').toBe(0);
    expect(await page.locator(`.lesion-table td[data-measurement-id="${m.id}"] [data-testid="auto-proposal"]`).count(), 'nor in the lesion table').toBe(0);
    expect(saved.lesion, 'the tag stays').toEqual({ id: 'T1', kind: 'target', organ: 'liver' });
    await page.screenshot({ path: artifactPath('lesion-measure-edited.png') });
  });
});
