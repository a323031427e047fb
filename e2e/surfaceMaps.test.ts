// Per-vertex maps on the 3D view's surfaces: two painted balls at a known distance. The distance
// map of one to the other spans from the near pole (centre distance − rA − rB) to the far pole
// (centre distance + rA − rB), a ball's thickness is its diameter, the view's pixels take the map's
// colours, and a colour legend with the unit sits in the view clear of its controls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { colorMapScalars, generatePhantomTimePoint, mat4Invert, phantomCtSeriesInfo, transformPoint, type ColorLegend, type Vec3 } from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

interface Colors { width: number; height: number; rgba: string }
interface Camera { target: Vec3; direction: Vec3; up: Vec3; heightMm: number; projection: 'perspective' | 'orthographic' }
interface MapState {
  map?: { kind: string; segment: number; other?: number; legend: ColorLegend; stats: { min: number; mean: number; max: number; count: number; missing: number } };
  status: string;
  colored: number[];
}

describe.runIf(canRunE2e())('per-vertex maps on the 3D view\'s surfaces', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const tp = generatePhantomTimePoint(0, { size: 'small' });
  const m = tp.ct.indexToWorld;
  const [nx, ny, nz] = tp.ct.dimensions;
  const spacingX = m[0];
  // Ball centres on voxel centres, 22 voxels apart along x (the small phantom's 2.8 mm in-plane
  // axis), radii half a voxel past a voxel centre along x: the painted ball's surface crosses the
  // x axis midway between its last voxel inside and its first outside, exactly at the radius.
  const voxelCentre = (p: Vec3) => transformPoint(m, transformPoint(mat4Invert(m), p).map(Math.round) as Vec3);
  const a = voxelCentre(tp.truth.lesions.find((l) => l.id === 'liver-1')!.centreLps);
  const b: Vec3 = [a[0] + 22 * spacingX, a[1], a[2]];
  const centreDistance = 22 * spacingX;
  const rA = 7.5 * spacingX, rB = 4.5 * spacingX, rBGrown = 5.5 * spacingX;
  let axial = 0, view3d = 0;
  const mid = transformPoint(m, [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2]);
  // From the front, orthographic, 300 mm high: screen right is the patient's left (+x), up is +z.
  const camera: Camera = { target: mid, direction: [0, -1, 0], up: [0, 0, 1], heightMm: 300, projection: 'orthographic' };

  beforeAll(async () => {
    ws = await startWorkstation();
    ({ page, close } = await launchBrowser());
    await openStudy(page, ws.base, tp.uids.studyInstanceUid, phantomCtSeriesInfo(tp).seriesInstanceUid);
    await page.uncheck('[data-control="volume"]'); // the surfaces alone (the volume rendering has its own tests)
    const slots = await voxa<{ slot: number; content: string }[]>(page, 'slots');
    axial = slots.find((s) => s.content === 'axial')!.slot;
    view3d = slots.find((s) => s.content === '3d')!.slot;
    await voxa(page, 'setCentre', a);
    await voxa(page, 'segAdd', 'Ball A');
    await voxa(page, 'segPaint', axial, [a], rA, { sphere: true });
    await voxa(page, 'segAdd', 'Ball B');
    await voxa(page, 'segPaint', axial, [b], rB, { sphere: true });
    expect((await voxa<{ ids: number[] }>(page, 'surfacesSettled')).ids).toEqual([1, 2]);
    await voxa(page, 'setSurfaceCamera', camera);
    await page.uncheck('[data-control="planes"]');
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  /** The 3D slot's pixels now: the colour at an LPS point seen from the front, and ball A's disc. */
  async function shoot() {
    const shot = (await voxa<Colors>(page, 'readColors', view3d))!;
    const rgba = Buffer.from(shot.rgba, 'base64');
    const mmPerPixel = camera.heightMm / shot.height;
    const at = (p: Vec3) => {
      const x = Math.floor(shot.width / 2 + (p[0] - mid[0]) / mmPerPixel), y = Math.floor(shot.height / 2 - (p[2] - mid[2]) / mmPerPixel);
      const q = 4 * (y * shot.width + x);
      return [rgba[q], rgba[q + 1], rgba[q + 2]];
    };
    /** Pixels of ball A's projected disc, 2 mm inside its rim (off the silhouette, where the surface turns away and goes dark). */
    const discA: number[][] = [];
    for (let y = 0; y < shot.height; y++) {
      for (let x = 0; x < shot.width; x++) {
        const px = mid[0] + (x + 0.5 - shot.width / 2) * mmPerPixel, pz = mid[2] - (y + 0.5 - shot.height / 2) * mmPerPixel;
        if (Math.hypot(px - a[0], pz - a[2]) > rA - 2) continue;
        const q = 4 * (y * shot.width + x);
        discA.push([rgba[q], rgba[q + 1], rgba[q + 2]]);
      }
    }
    return { at, discA };
  }

  /** The largest distance of a pixel's chromaticity (r, g, b / their sum) from the mean chromaticity over a set of pixels. */
  function chromaSpread(pixels: number[][]): number {
    const chroma = pixels.map((p) => { const s = p[0] + p[1] + p[2] || 1; return p.map((c) => c / s); });
    const mean = [0, 1, 2].map((c) => chroma.reduce((t, q) => t + q[c], 0) / chroma.length);
    return Math.max(...chroma.map((q) => Math.hypot(q[0] - mean[0], q[1] - mean[1], q[2] - mean[2])));
  }

  let flat: number[][] = [];

  it('maps the distance of ball A to ball B from the near pole (d − rA − rB) to the far pole (d + rA − rB), chosen in the 3D view', async () => {
    flat = (await shoot()).discA;
    expect(flat.length, 'ball A covers its disc on the screen').toBeGreaterThan(500);
    expect(flat.every((p) => p[0] + p[1] + p[2] > 30), 'and every pixel of it is lit').toBe(true);
    // The segment's flat colour, shaded: one chromaticity all over the ball.
    // Measured 0.003 flat, 0.41 with the map.
    expect(chromaSpread(flat), 'flat colour: shading scales the colour, it does not change its hue').toBeLessThan(0.05);

    await page.click('[data-segment="1"]');
    await page.selectOption('[data-control="surface-map"]', 'distance');
    await page.selectOption('[data-control="surface-map-other"]', '2');
    const s = (await voxa<MapState>(page, 'surfaceMapSettled'))!;
    expect(s.map, s.status).toMatchObject({ kind: 'distance', segment: 1, other: 2 });
    const { stats, legend } = s.map!;
    // Analytic: 61.6 − 21 − 12.6 = 28 mm and 61.6 + 21 − 12.6 = 70 mm; the surfaces lie within half
    // a voxel (1.4 mm) of the spheres and the poles are where the voxels meet the radius exactly.
    // Measured 27.97 and 70.24 mm.
    expect(stats.min, `nearest ${stats.min.toFixed(2)} mm`).toBeGreaterThan(centreDistance - rA - rB - 1.5);
    expect(stats.min).toBeLessThan(centreDistance - rA - rB + 1.5);
    expect(stats.max, `farthest ${stats.max.toFixed(2)} mm`).toBeGreaterThan(centreDistance + rA - rB - 2);
    expect(stats.max).toBeLessThan(centreDistance + rA - rB + 2);
    expect(stats.missing, 'every vertex has a distance').toBe(0);
    expect(legend).toMatchObject({ unit: 'mm', min: stats.min, max: stats.max, map: 'viridis' });
    expect(s.colored, 'only ball A carries map colours').toEqual([1]);
    expect(s.status).toMatch(/distance of Ball A to Ball B: [\d.]+–[\d.]+ mm/);
  });

  it('draws the map\'s colours on the ball and a legend with the unit, clear of the view\'s controls (artefact to look at)', async () => {
    const shot = await shoot();
    expect(chromaSpread(shot.discA), 'the map varies the hue across the ball').toBeGreaterThan(0.15);
    const legend = (await voxa<MapState>(page, 'surfaceMapSettled'))!.map!.legend;
    // Points of A's front surface on its horizontal midline, at u mm right of its centre: their distance to B's
    // surface is |(u, −√(rA² − u²), 0) − (d, 0, 0)| − rB; the pixel should show that value's map colour,
    // shaded by the headlight (the surface faces the camera at u = 0 and turns away towards the rim).
    for (const u of [-0.6 * rA, 0, 0.6 * rA]) {
      const expected = Math.hypot(centreDistance - u, Math.sqrt(rA * rA - u * u)) - rB;
      const want = Array.from(colorMapScalars([expected], { min: legend.min, max: legend.max }).rgb);
      const got = shot.at([a[0] + u, a[1], a[2]]);
      // Compare hues: the directions of the two colours, since shading scales brightness (measured cos ≥ 0.997).
      const cos = (want[0] * got[0] + want[1] * got[1] + want[2] * got[2]) / (Math.hypot(...want) * Math.hypot(...got));
      expect(cos, `u = ${u.toFixed(1)} mm: pixel ${got} vs the map's colour ${want} for ${expected.toFixed(1)} mm`).toBeGreaterThan(0.98);
    }
    // The far side of A (screen left, large distances: viridis' yellow-green) against the near side (small: blue-purple).
    const far = shot.at([a[0] - 0.6 * rA, a[1], a[2]]), near = shot.at([a[0] + 0.6 * rA, a[1], a[2]]);
    expect(far[1] - far[2], `far side ${far}: green over blue`).toBeGreaterThan(60);
    expect(near[2] - near[1], `near side ${near}: blue over green`).toBeGreaterThan(20);

    const el = page.locator('[data-testid="surface-map-legend"]');
    await expect.poll(() => el.isVisible()).toBe(true);
    const text = await el.innerText();
    expect(text).toMatch(/distance of Ball A to Ball B/);
    expect(text).toMatch(/\bmm\b/);
    expect(text).toContain(legend.min.toFixed(1));
    expect(text).toContain(legend.max.toFixed(1));
    expect(text).toMatch(/mean [\d.]+ mm/);
    // Inside the 3D view, overlapping neither its controls nor its status text.
    const box = (await el.boundingBox())!;
    const slotBox = (await page.locator(`.viewport[data-slot="${view3d}"]`).boundingBox())!;
    expect(box.x >= slotBox.x && box.y >= slotBox.y && box.x + box.width <= slotBox.x + slotBox.width && box.y + box.height <= slotBox.y + slotBox.height, 'legend inside the 3D view').toBe(true);
    const overlaps = (q: { x: number; y: number; width: number; height: number }) =>
      box.x < q.x + q.width && q.x < box.x + box.width && box.y < q.y + q.height && q.y < box.y + box.height;
    for (const selector of ['.surface-controls', '[data-testid="surface-status"]', '[data-camera="anterior"]']) {
      const other = (await page.locator(`.viewport[data-slot="${view3d}"] ${selector}`).boundingBox())!;
      expect(overlaps(other), `legend vs ${selector}`).toBe(false);
    }
    // The artefact closer up: both balls, 120 mm high.
    await voxa(page, 'setSurfaceCamera', { ...camera, target: [(a[0] + b[0]) / 2, a[1], a[2]], heightMm: 120 });
    await voxa(page, 'renderNow');
    await page.screenshot({ path: artifactPath('surfaces-3d-distance-map.png') });
    await voxa(page, 'setSurfaceCamera', camera);
  });

  it('recomputes the map when the surfaces are rebuilt: ball B grown by a voxel brings the near pole closer', async () => {
    await page.click('[data-segment="2"]');
    await voxa(page, 'segPaint', axial, [b], rBGrown, { sphere: true });
    const s = (await voxa<MapState>(page, 'surfaceMapSettled'))!;
    expect(s.map?.other).toBe(2);
    // 61.6 − 21 − 15.4 = 25.2 mm (measured 25.03).
    expect(s.map!.stats.min, s.status).toBeGreaterThan(centreDistance - rA - rBGrown - 1.5);
    expect(s.map!.stats.min).toBeLessThan(centreDistance - rA - rBGrown + 1.5);
    expect(s.colored).toEqual([1]);
  });

  it('maps a ball\'s thickness to its diameter, and removing the map brings the flat colour back', async () => {
    const s = (await voxa<MapState>(page, 'surfaceMap', 'thickness', 1))!;
    expect(s.map, s.status).toMatchObject({ kind: 'thickness', segment: 1 });
    // A ball's largest inscribed ball at any surface point is the ball itself: thickness 2 rA = 42 mm,
    // read a little thin where the inscribed ball touches the voxel surface's small bumps (measured 39.3 mm).
    const { mean } = s.map!.stats;
    expect(Math.abs(mean - 2 * rA) / (2 * rA), `mean thickness ${mean.toFixed(2)} mm vs ${2 * rA} mm`).toBeLessThan(0.1);
    expect(await page.locator('[data-testid="surface-map-legend"]').innerText()).toMatch(/thickness of Ball A/);

    const off = (await voxa<MapState>(page, 'surfaceMap', 'none'))!;
    expect(off.map).toBeUndefined();
    expect(off.colored).toEqual([]);
    expect(await page.locator('[data-testid="surface-map-legend"]').count()).toBe(0);
    // Ball A has not changed since the first picture: the same pixels as before any map.
    expect((await shoot()).discA).toEqual(flat);
  });
});
