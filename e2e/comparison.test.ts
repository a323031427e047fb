// Comparing two studies of one patient in the workstation: the demo phantom's follow-up is
// registered onto its baseline on the server, placed in the baseline's space and shown beside it,
// linked; the two views then show the same anatomy at the same place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePhantomTimePoint, phantomCtSeriesInfo, transformPoint, type Vec3 } from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

interface ComparisonInfo { status: string; error?: string; seriesUid?: string; fixedToMoving?: number[]; seconds?: number }
interface Values { width: number; height: number; values: number[]; inside: number[] }
interface Plane { origin: Vec3; row: Vec3; column: Vec3; spacing: [number, number] }

/** Device pixel (x right, y down) of an LPS point on a slot's plane. */
function pixelOf(plane: Plane, p: Vec3): [number, number] {
  const d = [0, 1, 2].map((i) => p[i] - plane.origin[i]);
  return [(d[0] * plane.row[0] + d[1] * plane.row[1] + d[2] * plane.row[2]) / plane.spacing[0], (d[0] * plane.column[0] + d[1] * plane.column[1] + d[2] * plane.column[2]) / plane.spacing[1]];
}

describe.runIf(canRunE2e())('comparison with another study of the patient', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const baseline = generatePhantomTimePoint(0, { size: 'small' });
  const followUp = generatePhantomTimePoint(1, { size: 'small' });
  let compared = '';

  beforeAll(async () => {
    ws = await startWorkstation();
    ({ page, close } = await launchBrowser());
    await openStudy(page, ws.base, baseline.uids.studyInstanceUid, phantomCtSeriesInfo(baseline).seriesInstanceUid);
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  it('registers the follow-up onto the baseline (TRE < 0.5 mm at the lesions) and shows it beside it, linked', async () => {
    await page.waitForSelector('[data-control="compare"]');
    await page.selectOption('[data-control="compare"]', followUp.uids.studyInstanceUid);
    await page.waitForFunction(() => ['ready', 'error'].includes((globalThis as unknown as { __voxa: { comparison: () => { status: string } | undefined } }).__voxa.comparison()?.status ?? ''), undefined, { timeout: 180_000 });
    const info = (await voxa<ComparisonInfo>(page, 'comparison'));
    expect(info.error).toBeUndefined();
    expect(info.status).toBe('ready');
    const m = Float64Array.from(info.fixedToMoving!);
    for (const lesion of baseline.truth.lesions) {
      const got = transformPoint(m, lesion.centreLps), want = transformPoint(followUp.truth.baselineToTimePoint, lesion.centreLps);
      expect(Math.hypot(got[0] - want[0], got[1] - want[1], got[2] - want[2])).toBeLessThan(0.5);
    }
    expect(await page.textContent('[data-testid="comparison-status"]')).toBe('registered (rigid)');

    // Both slots axial, centred on the baseline liver lesion: the same anatomy pixel by pixel.
    const slots = await voxa<{ slot: number; content: string }[]>(page, 'slots');
    expect(slots.map((s) => s.content)).toEqual(['axial', 'axial']);
    const liver = baseline.truth.lesions.find((l) => l.id === 'liver-1')!;
    await voxa(page, 'setCentre', liver.centreLps as Vec3);
    await page.screenshot({ path: artifactPath('comparison-side-by-side.png') });
    compared = info.seriesUid!;
    // Linked: the same plane, zoom and pan in both slots.
    expect(await voxa(page, 'plane', 1)).toEqual(await voxa(page, 'plane', 0));
    const [a, b] = [await voxa<Values>(page, 'readValues', 0), await voxa<Values>(page, 'readValues', 1)];
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (let i = 0; i < a.values.length; i++) {
      if (!a.inside[i] || !b.inside[i]) continue;
      const x = a.values[i], y = b.values[i];
      n++; sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
    }
    const r = (sab - (sa * sb) / n) / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
    // Measured 0.9993 over 185,691 pixels: everything but the shrunken lesions and the noise matches.
    expect(n).toBeGreaterThan(0.3 * a.values.length);
    expect(r).toBeGreaterThan(0.9);
    // At the crosshair (the baseline lesion's centre) both show lesion, about 25 HU: the follow-up's
    // smaller lesion is found in place.
    const [cx, cy] = pixelOf(await voxa<Plane>(page, 'plane', 0), liver.centreLps as Vec3);
    const centre = Math.round(cy) * a.width + Math.round(cx);
    expect(Math.abs(a.values[centre] - 25)).toBeLessThan(30);
    expect(Math.abs(b.values[centre] - 25)).toBeLessThan(30);
  }, 240_000);

  it('overlays the registered follow-up as a checkerboard fixed in the patient, and as a difference that is mid grey where nothing changed', async () => {
    const colours = async (slot: number) => {
      const c = await voxa<{ width: number; height: number; rgba: string }>(page, 'readColors', slot);
      return { ...c, grey: Uint8Array.from(Buffer.from(c.rgba, 'base64')).filter((_, i) => i % 4 === 0) };
    };
    await voxa(page, 'setFusion', undefined);
    const [plain0, plain1] = [await colours(0), await colours(1)];
    const plane = await voxa<Plane>(page, 'plane', 0);
    const liver = baseline.truth.lesions.find((l) => l.id === 'liver-1')!;
    const [cx, cy] = pixelOf(plane, liver.centreLps as Vec3);
    const values = await voxa<Values>(page, 'readValues', 0);
    const tile = 20;
    await voxa(page, 'setFusion', compared, { mode: 'checkerboard', tileMm: tile });
    const board = await colours(0);
    expect([board.width, board.height]).toEqual([plain0.width, plain0.height]);
    const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    let checked = 0, matched = 0, fromSecond = 0;
    for (let y = 0; y < board.height; y++) for (let x = 0; x < board.width; x++) {
      const w: Vec3 = [0, 1, 2].map((i) => plane.origin[i] + x * plane.spacing[0] * plane.row[i] + y * plane.spacing[1] * plane.column[i]) as Vec3;
      const u = dot(w, plane.row) / tile, v = dot(w, plane.column) / tile;
      // Away from the squares' edges (a pixel's width) and from the crosshair lines drawn over the image.
      const edge = plane.spacing[0] / tile;
      if (Math.abs(u - Math.round(u)) < edge || Math.abs(v - Math.round(v)) < edge) continue;
      if (Math.abs(x - cx) < 3 || Math.abs(y - cy) < 3) continue;
      const second = (Math.floor(u) + Math.floor(v)) % 2 !== 0;
      const want = (second ? plain1 : plain0).grey[y * board.width + x];
      checked++;
      if (second) fromSecond++;
      if (Math.abs(board.grey[y * board.width + x] - want) <= 3) matched++;
    }
    expect(fromSecond / checked).toBeGreaterThan(0.4);
    expect(matched / checked).toBeGreaterThan(0.99); // measured 295,236 of 295,236

    await voxa(page, 'setFusion', compared, { mode: 'difference' });
    const diff = await colours(0);
    await page.screenshot({ path: artifactPath('comparison-difference.png') });
    let body = 0, unchanged = 0;
    // Around the crosshair (the liver lesion's centre): within 9 mm both scans show lesion; from 13.5
    // to 15.5 mm the baseline still shows lesion (semi-axes 20 × 16 mm) but the follow-up liver (13 × 10.4).
    const inner: number[] = [], band: number[] = [];
    const mmPerPx = plane.spacing[0];
    for (let y = 0; y < diff.height; y++) for (let x = 0; x < diff.width; x++) {
      const i = y * diff.width + x;
      if (!values.inside[i] || values.values[i] < -500) continue; // the body only
      if (Math.abs(x - cx) < 3 || Math.abs(y - cy) < 3) continue;
      body++;
      const d = Math.abs(diff.grey[i] - 128);
      if (d <= 20) unchanged++;
      const r = Math.hypot(x - cx, y - cy) * mmPerPx;
      if (r < 9) inner.push(diff.grey[i]);
      else if (r > 13.5 && r < 15.5) band.push(diff.grey[i]);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Noise (σ 10 HU in each scan) is ±9 grey in a 400 HU window.
    expect(unchanged / body).toBeGreaterThan(0.9); // measured 95.5%
    expect(Math.abs(mean(inner) - 128)).toBeLessThan(6); // measured 126.2
    // Liver (60 HU) where lesion (25 HU) was: +35 HU, +22 grey.
    expect(mean(band) - 128).toBeGreaterThan(12); // measured 146.5
  }, 120_000);

  it('keeps the two studies linked when the reader zooms or pans either view', async () => {
    await voxa(page, 'setFusion', undefined);
    const drag = async (slot: number, tool: string, dx: number, dy: number) => {
      await page.click(`[data-tool="${tool}"]`);
      const box = (await page.locator(`.viewport[data-slot="${slot}"]`).boundingBox())!;
      const x = box.x + box.width / 2, y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + dx, y + dy, { steps: 5 });
      await page.mouse.up();
    };
    const before = await voxa<Plane>(page, 'plane', 0);
    await drag(0, 'zoom', 0, -60);
    const zoomed = await voxa<Plane>(page, 'plane', 0);
    expect(zoomed.spacing[0]).toBeLessThan(0.8 * before.spacing[0]);
    expect(await voxa(page, 'plane', 1)).toEqual(zoomed);
    await drag(1, 'pan', 40, 25);
    const panned = await voxa<Plane>(page, 'plane', 1);
    expect(Math.hypot(...[0, 1, 2].map((i) => panned.origin[i] - zoomed.origin[i]))).toBeGreaterThan(10 * zoomed.spacing[0]);
    expect(await voxa(page, 'plane', 0)).toEqual(panned);
    await page.click('[data-tool="crosshair"]');
  }, 60_000);
});
