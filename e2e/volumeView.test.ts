// The workstation's 3D view renders the demo CT's volume: with the bone preset the skeleton and
// nothing softer (checked pixel by pixel against the phantom's label map projected the same way),
// with the lung preset the lungs and their airways; cinematic mode is labelled not for diagnosis
// and one click goes back to ray casting and to the slices. Screenshots are saved as artefacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePhantomTimePoint, mat4Invert, phantomCtSeriesInfo, PHANTOM_LABEL, transformPoint, type Vec3 } from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

interface Colors { width: number; height: number; rgba: string }

describe.runIf(canRunE2e())('volume rendering in the 3D view', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  let slot3d: number;
  const tp = generatePhantomTimePoint(0, { size: 'small' });
  const labels = tp.labels.voxels as Uint8Array;
  const [nx, ny, nz] = tp.labels.dimensions;
  const worldToIndex = mat4Invert(tp.labels.indexToWorld);
  const mid = transformPoint(tp.ct.indexToWorld, [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2]);
  const heightMm = 420;

  beforeAll(async () => {
    ws = await startWorkstation();
    ({ page, close } = await launchBrowser());
    await openStudy(page, ws.base, tp.uids.studyInstanceUid, phantomCtSeriesInfo(tp).seriesInstanceUid);
    const slots = await voxa<{ slot: number; content: string }[]>(page, 'slots');
    slot3d = slots.find((s) => s.content === '3d')!.slot;
    await page.uncheck('[data-control="planes"]');
    await voxa(page, 'setSurfaceCamera', { target: mid, direction: [0, -1, 0], up: [0, 0, 1], heightMm, projection: 'orthographic' });
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  /** Per pixel of the 3D view (anterior, orthographic), which labels the ray from the front crosses. */
  const project = (width: number, height: number, test: (label: number) => boolean): Uint8Array => {
    const out = new Uint8Array(width * height);
    const mmPerPx = heightMm / height;
    for (let row = 0; row < height; row++) for (let col = 0; col < width; col++) {
      const x = mid[0] + (col + 0.5 - width / 2) * mmPerPx, z = mid[2] + (height / 2 - row - 0.5) * mmPerPx; // screen right = +x (patient left)
      const [fi, , fk] = transformPoint(worldToIndex, [x, mid[1], z] as Vec3);
      const i = Math.round(fi), k = Math.round(fk);
      if (i < 0 || k < 0 || i >= nx || k >= nz) continue;
      for (let j = 0; j < ny; j++) if (test(labels[i + nx * (j + ny * k)])) { out[row * width + col] = 1; break; }
    }
    return out;
  };
  /**
   * Pixels well inside a class (every pixel within a voxel's width shares it): within a voxel of
   * a rim, trilinear sampling legitimately differs from the nearest-voxel projection.
   */
  const interior = (mask: Uint8Array, w: number, h: number, value: number) => {
    const voxelMm = Math.max(...[0, 1, 2].map((a) => Math.hypot(tp.labels.indexToWorld[a * 4], tp.labels.indexToWorld[a * 4 + 1], tp.labels.indexToWorld[a * 4 + 2])));
    const r = Math.ceil(voxelMm / (heightMm / h));
    const idx: number[] = [];
    for (let y = r; y < h - r; y++) for (let x = r; x < w - r; x++) {
      let same = true;
      for (let dy = -r; dy <= r && same; dy++) for (let dx = -r; dx <= r; dx++) if (mask[(y + dy) * w + x + dx] !== value) { same = false; break; }
      if (same) idx.push(y * w + x);
    }
    return idx;
  };
  const shot = async () => {
    const c = (await voxa<Colors>(page, 'readColors', slot3d))!;
    const rgba = Buffer.from(c.rgba, 'base64');
    const bright = Float32Array.from({ length: c.width * c.height }, (_, i) => Math.max(rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]));
    return { ...c, bright };
  };

  it('the bone preset shows the skeleton, and the soft tissue around it not at all', async () => {
    const r = await voxa<{ preset: string; range: { low: number; high: number }; histogramTotal: number }>(page, 'setVolume3d', { preset: 'ct-bone' });
    expect(r.preset).toBe('ct-bone');
    expect(r.histogramTotal).toBeGreaterThan(1000);
    const s = await shot();
    await page.locator('.viewport').nth(slot3d).screenshot({ path: artifactPath('volume-ct-bone.png') });
    const bone = project(s.width, s.height, (l) => l === PHANTOM_LABEL.vertebrae || l === PHANTOM_LABEL.ribs);
    const body = project(s.width, s.height, (l) => l !== 0);
    const soft = bone.map((b, i) => (b === 0 && body[i] === 1 ? 1 : 0));
    const boneIn = interior(bone, s.width, s.height, 1), softIn = interior(soft, s.width, s.height, 1);
    const shown = boneIn.filter((i) => s.bright[i] > 40).length / boneIn.length;
    const hidden = softIn.filter((i) => s.bright[i] < 16).length / softIn.length;
    console.log(`bone preset: ${(shown * 100).toFixed(1)}% of ${boneIn.length} skeleton pixels drawn, ${(hidden * 100).toFixed(1)}% of ${softIn.length} soft-tissue-only pixels black`);
    expect(boneIn.length).toBeGreaterThan(500);
    expect(shown).toBeGreaterThanOrEqual(0.9);
    expect(hidden).toBeGreaterThanOrEqual(0.97);
  });

  it('the crop box, set in the view, keeps only that part of the grid', async () => {
    await voxa(page, 'setVolume3d', { preset: 'ct-bone' });
    await page.click('[data-action="crop"]');
    await page.locator('[data-control="crop-hi-0"]').fill('50'); // keep i < 50% of the grid: x below the middle
    await voxa(page, 'setVolume3d', {});
    const s = await shot();
    const bone = project(s.width, s.height, (l) => l === PHANTOM_LABEL.vertebrae || l === PHANTOM_LABEL.ribs);
    const inner = interior(bone, s.width, s.height, 1);
    const mmPerPx = heightMm / s.height;
    const margin = Math.ceil(4 / mmPerPx); // a voxel and a half each side of the cut
    const col = (i: number) => i % s.width;
    const kept = inner.filter((i) => col(i) < s.width / 2 - margin), cut = inner.filter((i) => col(i) > s.width / 2 + margin);
    const shownKept = kept.filter((i) => s.bright[i] > 40).length / kept.length;
    const shownCut = cut.filter((i) => s.bright[i] > 16).length;
    console.log(`crop box: ${(shownKept * 100).toFixed(1)}% of ${kept.length} skeleton pixels inside it drawn, ${shownCut} of ${cut.length} beyond it`);
    expect(shownKept).toBeGreaterThanOrEqual(0.9);
    expect(shownCut).toBe(0);
    await page.locator('.viewport').nth(slot3d).screenshot({ path: artifactPath('volume-crop.png') });
    await page.locator('[data-control="crop-hi-0"]').fill('100');
    await page.click('[data-action="crop"]');
  });

  it('a click on the volume rendering picks the bone under the mouse (the slices go there)', async () => {
    await voxa(page, 'setVolume3d', { preset: 'ct-bone' });
    const s = await shot();
    // The middle column of the view crosses the spine: pick there at the height of the volume's middle.
    const x = s.width / 2, y = s.height / 2;
    const p = (await voxa<Vec3 | undefined>(page, 'pickVolume', slot3d, x, y))!;
    expect(p).toBeDefined();
    const mmPerPx = heightMm / s.height;
    expect(Math.abs(p[0] - (mid[0] + (x + 0.5 - s.width / 2) * mmPerPx))).toBeLessThan(mmPerPx);
    expect(Math.abs(p[2] - (mid[2] + (s.height / 2 - y - 0.5) * mmPerPx))).toBeLessThan(mmPerPx);
    // Seen from the front, the first bone along the ray: the voxel there (or one in front) is bone, none before it is.
    const [fi, fj, fk] = transformPoint(worldToIndex, p);
    const i = Math.round(fi), k = Math.round(fk), j = Math.round(fj);
    const bone = (jj: number) => [PHANTOM_LABEL.vertebrae, PHANTOM_LABEL.ribs].includes(labels[i + nx * (jj + ny * k)] as 5 | 8);
    let firstBone = -1;
    for (let jj = 0; jj < ny && firstBone < 0; jj++) if (bone(jj)) firstBone = jj;
    const voxelMm = Math.hypot(tp.labels.indexToWorld[4], tp.labels.indexToWorld[5], tp.labels.indexToWorld[6]);
    console.log(`pick at the view's centre: (${p.map((v) => v.toFixed(1)).join(', ')}) mm, voxel row j ${fj.toFixed(2)}, first bone voxel along the ray at j ${firstBone}`);
    expect(firstBone).toBeGreaterThanOrEqual(0);
    expect(Math.abs(fj - firstBone) * voxelMm).toBeLessThanOrEqual(1.5 * voxelMm);
    expect(j).toBeGreaterThanOrEqual(0);
  });

  it('shows the MPR planes as slices painted with the same voxels and window as the 2D views', async () => {
    const centre = tp.truth.lesions.find((l) => l.id === 'liver-1')!.centreLps;
    await voxa(page, 'setCentre', centre);
    await voxa(page, 'setVolume3d', { enabled: false });
    await page.check('[data-control="slices"]');
    try {
      await voxa(page, 'setSurfaceCamera', { target: mid, direction: [0, -1, 0], up: [0, 0, 1], heightMm, projection: 'orthographic' });
      const s = await shot();
      const slots = await voxa<{ slot: number; content: string; rect: { left: number; top: number } }[]>(page, 'slots');
      const coronal = slots.find((q) => q.content === 'coronal')!;
      const [px, py] = (await voxa<number[]>(page, 'worldToPage', coronal.slot, centre))!;
      const el = (await page.locator(`.viewport[data-slot="${coronal.slot}"]`).boundingBox())!;
      const mpr = (await voxa<Colors>(page, 'readColors', coronal.slot))!;
      const mprRgba = Buffer.from(mpr.rgba, 'base64');
      // Mean grey of a 5 × 5 patch at the lesion's centre: in the coronal view, and where the coronal slice shows it in 3D (seen from the front).
      const patch = (grey: (x: number, y: number) => number, x0: number, y0: number) => {
        let t = 0;
        for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) t += grey(Math.round(x0) + dx, Math.round(y0) + dy);
        return t / 25;
      };
      const in2d = patch((x, y) => mprRgba[(y * mpr.width + x) * 4], px - el.x, py - el.y);
      const mmPerPx = heightMm / s.height;
      const in3d = patch((x, y) => s.bright[y * s.width + x], s.width / 2 + (centre[0] - mid[0]) / mmPerPx, s.height / 2 - (centre[2] - mid[2]) / mmPerPx);
      console.log(`lesion centre: grey ${in2d.toFixed(1)} in the coronal view, ${in3d.toFixed(1)} on the coronal slice in 3D`);
      expect(in2d).toBeGreaterThan(40);
      expect(Math.abs(in3d - in2d)).toBeLessThan(10);
      await page.locator('.viewport').nth(slot3d).screenshot({ path: artifactPath('volume-slices-3d.png') });
    } finally {
      await page.uncheck('[data-control="slices"]');
      await voxa(page, 'setVolume3d', { enabled: true });
    }
  });

  it('draws segments inside the volume in their colours', async () => {
    // A ball painted in the liver (soft tissue: invisible with the bone preset), then shown inside the volume.
    const centre = tp.truth.lesions.find((l) => l.id === 'liver-1')!.centreLps;
    const slots = await voxa<{ slot: number; content: string }[]>(page, 'slots');
    const axial = slots.find((q) => q.content === 'axial')!.slot;
    await voxa(page, 'setCentre', centre);
    await voxa(page, 'segAdd', 'Ball');
    await voxa(page, 'segPaint', axial, [centre], 20, { sphere: true });
    await voxa(page, 'surfacesSettled');
    await page.uncheck('[data-control="planes"]');
    await voxa(page, 'setSurfaceCamera', { target: mid, direction: [0, -1, 0], up: [0, 0, 1], heightMm, projection: 'orthographic' });
    // No surface shown (isolate a segment that does not exist), so what shows is the volume's own label.
    await voxa(page, 'isolateSurface', 999);
    const off = await voxa<{ preset: string }>(page, 'setVolume3d', { preset: 'ct-bone', labelOpacity: 0 });
    expect(off.preset).toBe('ct-bone');
    const s = await shot();
    const mmPerPx = heightMm / s.height;
    const cx = Math.round(s.width / 2 + (centre[0] - mid[0]) / mmPerPx), cy = Math.round(s.height / 2 - (centre[2] - mid[2]) / mmPerPx);
    await voxa(page, 'setVolume3d', { labelOpacity: 0.6 });
    const on = await voxa<Colors>(page, 'readColors', slot3d);
    const rgba = Buffer.from(on.rgba, 'base64');
    const at = (x: number, y: number) => [...rgba.subarray((y * on.width + x) * 4, (y * on.width + x) * 4 + 3)];
    const before = s.bright[cy * s.width + cx];
    console.log(`at the ball's centre: ${before} without the segment, rgb ${at(cx, cy)} with it inside the volume (segment colour ${(await voxa<{ segments: { color: number[] }[] }>(page, 'segState')).segments[0].color})`);
    expect(before).toBeLessThan(16); // soft tissue: nothing with the bone preset
    const [r, g, b] = at(cx, cy);
    expect(Math.max(r, g, b)).toBeGreaterThan(60);
    // The segment's own colour, scaled by the lighting: the same direction in RGB.
    const state = await voxa<{ segments: { color: [number, number, number] }[] }>(page, 'segState');
    const c = state.segments[0].color;
    const cosine = (r * c[0] + g * c[1] + b * c[2]) / (Math.hypot(r, g, b) * Math.hypot(...c));
    expect(cosine).toBeGreaterThan(0.98);
    await page.locator('.viewport').nth(slot3d).screenshot({ path: artifactPath('volume-segment-inside.png') });
    await voxa(page, 'setVolume3d', { labelOpacity: 0 });
    await voxa(page, 'isolateSurface', undefined);
  });

  it('the lung preset shows the lungs and the airways', async () => {
    await voxa(page, 'setVolume3d', { preset: 'ct-lung' });
    const s = await shot();
    await page.locator('.viewport').nth(slot3d).screenshot({ path: artifactPath('volume-ct-lung.png') });
    const lung = project(s.width, s.height, (l) => l === PHANTOM_LABEL.rightLung || l === PHANTOM_LABEL.leftLung);
    const lungIn = interior(lung, s.width, s.height, 1), outside = interior(lung, s.width, s.height, 0);
    const mean = (idx: number[]) => idx.reduce((t, i) => t + s.bright[i], 0) / idx.length;
    const lungMean = mean(lungIn), outsideMean = mean(outside);
    // The airways outside the lungs (trachea, main bronchi): their walls show against the mediastinum.
    const airway = project(s.width, s.height, (l) => l === PHANTOM_LABEL.airway);
    const airwayOnly = interior(airway, s.width, s.height, 1).filter((i) => !lung[i]);
    const neither = outside.filter((i) => !airway[i]);
    const airwayMean = mean(airwayOnly), neitherMean = mean(neither);
    console.log(`lung preset: mean brightness over the lungs ${lungMean.toFixed(1)}, over the airways outside them ${airwayMean.toFixed(1)} (${airwayOnly.length} px), elsewhere ${neitherMean.toFixed(1)}`);
    expect(lungMean).toBeGreaterThan(60);
    expect(outsideMean).toBeLessThan(lungMean / 4);
    expect(airwayOnly.length).toBeGreaterThan(50);
    expect(airwayMean).toBeGreaterThan(1.5 * neitherMean);
  });

  it('cinematic mode is labelled not for diagnosis, refines while still, and one click goes back to ray casting and to the slices', async () => {
    const before = await shot();
    const r = await voxa<{ cinematic: boolean; samples: number }>(page, 'setVolume3d', { preset: 'ct-bone', cinematic: true, maxSamples: 6 });
    expect(r.cinematic).toBe(true);
    expect(r.samples).toBe(6);
    const label = page.getByTestId('cinematic-label');
    await expect.poll(() => label.textContent()).toMatch(/Cinematic rendering — not for diagnosis · 6 samples/);
    const after = await shot();
    let differ = 0;
    for (let i = 0; i < after.bright.length; i++) if (Math.abs(after.bright[i] - before.bright[i]) > 20) differ++;
    expect(differ).toBeGreaterThan(1000); // path traced light, not the ray caster's image
    await page.locator('.viewport').nth(slot3d).screenshot({ path: artifactPath('volume-ct-bone-cinematic.png') });
    await page.click('[data-action="raycast"]');
    expect(await label.count()).toBe(0);
    await voxa(page, 'setVolume3d', { cinematic: true, maxSamples: 2 });
    await page.click('[data-action="to-slices"]');
    const slots = await voxa<{ content: string }[]>(page, 'slots');
    expect(slots.map((s) => s.content)).not.toContain('3d');
  });
});
