// The 3D view shows the segments as surfaces: a painted ball seen from the front (orthographic)
// covers the disc its sphere projects to, on the side of the patient it lies on, and a click on
// it moves the slices to the point of the surface under the mouse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePhantomTimePoint, mat4Invert, phantomCtSeriesInfo, transformPoint, type Vec3 } from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

interface Colors { width: number; height: number; rgba: string }
interface Camera { target: Vec3; direction: Vec3; up: Vec3; heightMm: number; projection: 'perspective' | 'orthographic' }

describe.runIf(canRunE2e())('segment surfaces in the 3D view', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const tp = generatePhantomTimePoint(0, { size: 'small' });
  const [nx, ny, nz] = tp.ct.dimensions;
  const radius = 20;
  // The ball: centred on the liver lesion, which lies in the patient's right half (LPS x < 0).
  const centre = tp.truth.lesions.find((l) => l.id === 'liver-1')!.centreLps;

  beforeAll(async () => {
    ws = await startWorkstation();
    ({ page, close } = await launchBrowser());
    await openStudy(page, ws.base, tp.uids.studyInstanceUid, phantomCtSeriesInfo(tp).seriesInstanceUid);
    await page.uncheck('[data-control="volume"]'); // the surfaces alone (the volume rendering has its own tests)
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  it('draws a painted ball where its sphere projects, on the patient\'s right, and a click on it moves the slices there', async () => {
    expect(centre[0], 'the liver lesion lies in the patient\'s right half').toBeLessThan(-20);
    const slots = await voxa<{ slot: number; content: string; rect: { width: number; height: number } }[]>(page, 'slots');
    const axial = slots.find((s) => s.content === 'axial')!.slot;
    const view3d = slots.find((s) => s.content === '3d')!;
    await voxa(page, 'setCentre', centre);
    await voxa(page, 'segAdd', 'Ball');
    await voxa(page, 'segPaint', axial, [centre], radius, { sphere: true });
    const built = await voxa<{ ids: number[]; status: string; triangles: number[] }>(page, 'surfacesSettled');
    expect(built.ids).toEqual([1]);
    expect(built.triangles[0]).toBeGreaterThan(500);
    expect(built.status).toMatch(/1 segment surface/);

    // From the front, orthographic, 300 mm high, looking at the middle of the volume.
    const m = tp.ct.indexToWorld;
    const mid = transformPoint(m, [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2]);
    const camera: Camera = { target: mid, direction: [0, -1, 0], up: [0, 0, 1], heightMm: 300, projection: 'orthographic' };
    await voxa(page, 'setSurfaceCamera', camera);
    // Without the MPR planes' outlines, which cross the view.
    await page.uncheck('[data-control="planes"]');
    const shot = (await voxa<Colors>(page, 'readColors', view3d.slot))!;
    const rgba = Buffer.from(shot.rgba, 'base64');
    const { width, height } = shot;
    const mmPerPixel = camera.heightMm / height;
    // Screen right is the patient's left (+x), screen up is superior (+z).
    const right: Vec3 = [1, 0, 0], up: Vec3 = [0, 0, 1];
    const along = (p: Vec3, a: Vec3) => (p[0] - mid[0]) * a[0] + (p[1] - mid[1]) * a[1] + (p[2] - mid[2]) * a[2];
    const cx = width / 2 + along(centre, right) / mmPerPixel, cy = height / 2 - along(centre, up) / mmPerPixel;
    let both = 0, drawn = 0, disc = 0, sx = 0, sy = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const q = 4 * (y * width + x);
        const lit = rgba[q] + rgba[q + 1] + rgba[q + 2] > 30 ? 1 : 0;
        const inDisc = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) * mmPerPixel <= radius ? 1 : 0;
        drawn += lit; disc += inDisc; both += lit & inDisc;
        if (lit) { sx += x + 0.5; sy += y + 0.5; }
      }
    }
    const iou = both / (drawn + disc - both);
    // Measured 0.981 and 0.2 mm on the 1.4 × 1.4 × 5 mm grid (the voxelised ball, meshed and smoothed, against the exact sphere).
    expect(iou, `IoU of the drawn ball with the sphere's projected disc (${drawn} vs ${disc} px)`).toBeGreaterThan(0.95);
    expect(Math.hypot(sx / drawn - cx, sy / drawn - cy) * mmPerPixel, 'centroid of the drawn ball vs the sphere centre (mm)').toBeLessThan(0.6);
    expect(sx / drawn, 'the patient\'s right is on the screen\'s left seen from the front').toBeLessThan(width / 2);
    await page.screenshot({ path: artifactPath('surfaces-3d-ball.png') });

    // A click on the ball's middle: the slices go to the ball's front surface under the mouse.
    const box = (await page.locator(`.viewport[data-slot="${view3d.slot}"]`).boundingBox())!;
    const pr = width / box.width;
    await page.mouse.click(box.x + cx / pr, box.y + cy / pr);
    await expect.poll(async () => (await voxa<{ centre: Vec3 }>(page, 'mpr')).centre[1], { timeout: 10_000 }).toBeLessThan(centre[1] - radius / 2);
    const picked = (await voxa<{ centre: Vec3 }>(page, 'mpr')).centre;
    const d = Math.hypot(picked[0] - centre[0], picked[1] - centre[1], picked[2] - centre[2]);
    expect(d, `picked point ${picked.map((v) => v.toFixed(1))} vs centre ${centre.map((v) => v.toFixed(1))}`).toBeGreaterThan(radius - 1.5);
    expect(d).toBeLessThan(radius + 2.5);
    expect(Math.hypot(picked[0] - centre[0], picked[2] - centre[2]), 'straight in front of the centre').toBeLessThan(2);
    // The picked point's voxel is the ball's front voxel (or its outside neighbour: the surface lies between them).
    const ijk = transformPoint(mat4Invert(m), picked).map(Math.round);
    const front = transformPoint(mat4Invert(m), [centre[0], centre[1] - radius, centre[2]]).map(Math.round);
    expect(Math.abs(ijk[0] - front[0]) + Math.abs(ijk[1] - front[1]) + Math.abs(ijk[2] - front[2])).toBeLessThanOrEqual(2);
  });

  it('measures the 3D distance between two surfaces, isolates one and explodes them, picks staying on the anatomy', async () => {
    const slots = await voxa<{ slot: number; content: string }[]>(page, 'slots');
    const axial = slots.find((s) => s.content === 'axial')!.slot;
    const view3d = slots.find((s) => s.content === '3d')!.slot;
    // A second ball 60 mm to the patient's left of the first, in its own segment.
    const second: Vec3 = [centre[0] + 60, centre[1], centre[2]];
    await voxa(page, 'segAdd', 'Ball 2');
    await voxa(page, 'segPaint', axial, [second], radius, { sphere: true });
    expect((await voxa<{ ids: number[] }>(page, 'surfacesSettled')).ids).toEqual([1, 2]);
    const box = (await page.locator(`.viewport[data-slot="${view3d}"]`).boundingBox())!;
    const camera = (await voxa<Camera>(page, 'surfaceCamera'))!;
    /** Page position of an LPS point in the orthographic front view (screen right = +x, up = +z). */
    const onPage = (p: Vec3): [number, number] => [
      box.x + box.width / 2 + ((p[0] - camera.target[0]) / camera.heightMm) * box.height,
      box.y + box.height / 2 - ((p[2] - camera.target[2]) / camera.heightMm) * box.height,
    ];
    await page.click('[data-action="measure-3d"]');
    await page.mouse.click(...onPage(centre));
    await page.mouse.click(...onPage(second));
    const status = await page.locator('[data-testid="surface-status"]').innerText();
    const measured = Number(/3D distance ([\d.]+) mm/.exec(status)?.[1]);
    // Both points are the balls' front poles: 60 mm apart, up to the surfaces' own error.
    expect(measured, status).toBeGreaterThan(59);
    expect(measured).toBeLessThan(61);
    expect(status).toMatch(/Ball 2 at/);
    await page.click('[data-action="measure-3d"]');

    // Isolate the second ball: the first one's pixels go dark.
    const litAt = async (p: Vec3) => {
      const shot = (await voxa<Colors>(page, 'readColors', view3d))!;
      const rgba = Buffer.from(shot.rgba, 'base64');
      const pr = shot.width / box.width;
      const [x, y] = onPage(p);
      const q = 4 * (Math.round((y - box.y) * pr) * shot.width + Math.round((x - box.x) * pr));
      return rgba[q] + rgba[q + 1] + rgba[q + 2] > 30;
    };
    expect(await litAt(centre)).toBe(true);
    await page.click('[data-segment="2"]');
    await page.click('[data-action="isolate"]');
    expect(await litAt(centre), 'the first ball is hidden while the second is isolated').toBe(false);
    expect(await litAt(second)).toBe(true);
    await page.click('[data-action="isolate"]');

    // Explode ×1: each ball moves away from their middle by its own offset (30 mm each along x);
    // a click on the moved ball still answers its anatomical front pole.
    await page.locator('[data-control="explode"]').fill('100');
    const moved: Vec3 = [second[0] + 30, second[1], second[2]];
    expect(await litAt(second), 'the second ball left its place').toBe(false);
    expect(await litAt(moved)).toBe(true);
    await page.mouse.click(...onPage(moved));
    await expect.poll(async () => (await voxa<{ centre: Vec3 }>(page, 'mpr')).centre[0], { timeout: 10_000 }).toBeGreaterThan(second[0] - 2);
    const picked = (await voxa<{ centre: Vec3 }>(page, 'mpr')).centre;
    expect(Math.abs(picked[0] - second[0]), `picked ${picked.map((v) => v.toFixed(1))}: the anatomy, not the exploded copy`).toBeLessThan(2);
    expect(Math.abs(picked[1] - (second[1] - radius))).toBeLessThan(2.5);
    await page.screenshot({ path: artifactPath('surfaces-3d-exploded.png') });
    await page.locator('[data-control="explode"]').fill('0');
  });

  it('shows the rule-based CT structures as surfaces with the MPR planes (artefact to look at)', async () => {
    await voxa(page, 'segAutoCt');
    const built = await voxa<{ ids: number[]; status: string }>(page, 'surfacesSettled');
    const state = await voxa<{ segments: { number: number; label: string }[] }>(page, 'segState');
    // Every segment but the body (hidden by default) has a surface.
    expect(built.ids.length, built.status).toBe(state.segments.filter((g) => g.label !== 'Body').length);
    // Hide the body wall (as a reader would) to see the organs and the skeleton inside.
    for (const g of state.segments.filter((q) => /skin|fat|muscle/i.test(q.label))) await page.uncheck(`[data-segment="${g.number}"] input[title="visible"], [data-segment="${g.number}"] label[title="visible"] input`);
    await page.check('[data-control="planes"]');
    await page.click('[data-camera="anterior"]');
    await page.selectOption('[data-control="projection"]', 'perspective');
    await voxa(page, 'renderNow');
    await page.screenshot({ path: artifactPath('surfaces-3d-auto-ct.png') });
  });
});
