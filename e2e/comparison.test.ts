// Comparing two studies of one patient in the workstation: the demo phantom's follow-up is
// registered onto its baseline on the server, placed in the baseline's space and shown beside it,
// linked; the two views then show the same anatomy at the same place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePhantomTimePoint, phantomCtSeriesInfo, transformPoint, type Vec3 } from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

interface ComparisonInfo { status: string; error?: string; seriesUid?: string; fixedToMoving?: number[]; seconds?: number }
interface Values { width: number; height: number; values: number[]; inside: number[] }

describe.runIf(canRunE2e())('comparison with another study of the patient', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const baseline = generatePhantomTimePoint(0, { size: 'small' });
  const followUp = generatePhantomTimePoint(1, { size: 'small' });

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
    // The crosshair centre lies in the lesion in both: the follow-up's (smaller) lesion is found in place.
    const centre = Math.floor(a.height / 2) * a.width + Math.floor(a.width / 2);
    expect(Math.abs(a.values[centre] - b.values[centre])).toBeLessThan(40); // measured 54.1 vs 60.7 HU
  }, 240_000);
});
