// The browser workstation end to end: `voxa serve` (what `npm start` runs) with the small demo
// phantom, driven in headless Debian chromium. GPU output is read back as real values and compared
// with core's CPU reslicing of the same planes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  aortaCentrelineBody, AORTA_RADIUS_MM, encodeCtSlice, generatePhantomTimePoint, phantomCtSeriesInfo, reslice, rotatePlane,
  straightenedReformat, stretchedReformat, cross, type PhantomTimePoint, type ReslicePlane, type Vec3,
} from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

interface Values { width: number; height: number; values: number[]; inside: number[] }

/** Compare GPU values with a CPU image of the same size: inside masks and mean absolute error. */
function compare(gpu: Values, cpu: Float32Array) {
  let both = 0, maskDiff = 0, absErr = 0, sum = 0, sum2 = 0;
  for (let i = 0; i < cpu.length; i++) {
    const cIn = !Number.isNaN(cpu[i]);
    if (cIn !== (gpu.inside[i] === 1)) { maskDiff++; continue; }
    if (!cIn) continue;
    both++;
    absErr += Math.abs(cpu[i] - gpu.values[i]);
    sum += cpu[i]; sum2 += cpu[i] * cpu[i];
  }
  const mean = sum / both;
  return { both, maskDiffFraction: maskDiff / cpu.length, mae: absErr / both, sd: Math.sqrt(sum2 / both - mean * mean) };
}

/** A slot's plane has the expected axes, passes through the crosshair centre, and the GPU draws it as the CPU reslices it. */
async function expectPlane(page: Page, slot: number, expected: ReslicePlane, centre: Vec3, ct: PhantomTimePoint['ct']): Promise<ReslicePlane> {
  const plane = await voxa<ReslicePlane>(page, 'plane', slot);
  for (let i = 0; i < 3; i++) {
    expect(plane.row[i]).toBeCloseTo(expected.row[i], 6);
    expect(plane.column[i]).toBeCloseTo(expected.column[i], 6);
  }
  // Through the crosshair centre (the picture's middle stays where it was).
  const n = cross(plane.row, plane.column);
  expect((centre[0] - plane.origin[0]) * n[0] + (centre[1] - plane.origin[1]) * n[1] + (centre[2] - plane.origin[2]) * n[2]).toBeCloseTo(0, 4);
  const r = compare(await voxa<Values>(page, 'readValues', slot), reslice(ct, plane));
  expect(r.sd, 'the plane has structure').toBeGreaterThan(50);
  expect(r.maskDiffFraction).toBeLessThan(0.005);
  expect(r.mae, 'mean absolute error in HU').toBeLessThan(0.5);
  return plane;
}

/** A multipart/related STOW body of Part 10 files. */
function stowBody(files: Uint8Array[], boundary: string): Buffer {
  return Buffer.concat([...files.flatMap((f) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.from(f), Buffer.from('\r\n')]),
    Buffer.from(`--${boundary}--\r\n`)]);
}

/** The phantom CT again as a second series of the same frame of reference, 100 HU brighter (so the tests can tell which one a view shows). */
function brighterSeries(tp: PhantomTimePoint): { uid: string; files: Uint8Array[] } {
  const uid = `${tp.uids.studyInstanceUid}.998`;
  const info = { ...phantomCtSeriesInfo(tp), seriesInstanceUid: uid, seriesNumber: 98, seriesDescription: 'CT +100 HU' };
  const ct = { ...tp.ct, voxels: Int16Array.from(tp.ct.voxels as Int16Array, (v) => v + 100) };
  return { uid, files: Array.from({ length: ct.dimensions[2] }, (_, k) => encodeCtSlice(ct, k, info, `${uid}.${k + 1}`)) };
}

/** A copy of one phantom slice as a new series whose pixel data is a corrupt RLE stream. */
function corruptSeries(tp: PhantomTimePoint): Uint8Array {
  const info = { ...phantomCtSeriesInfo(tp), seriesInstanceUid: `${tp.uids.studyInstanceUid}.999`, seriesNumber: 99, seriesDescription: 'corrupt RLE' };
  const bytes = encodeCtSlice(tp.ct, 10, info, `${tp.uids.studyInstanceUid}.999.1`);
  const text = Buffer.from(bytes).toString('latin1');
  const ts = text.indexOf('1.2.840.10008.1.2.1\0');
  if (ts < 0) throw new Error('phantom slice is not Explicit VR Little Endian');
  const pixel = text.lastIndexOf('\xe0\x7f\x10\x00');
  const head = Buffer.from(bytes.subarray(0, pixel));
  head.write('1.2.840.10008.1.2.5\0', ts, 'latin1'); // RLE Lossless, same length: the meta group length still holds
  const item = (len: number) => Buffer.from([0xfe, 0xff, 0x00, 0xe0, len & 255, (len >> 8) & 255, 0, 0]);
  const garbage = Buffer.alloc(64, 0x7f); // an RLE header claiming 127 segments
  return Buffer.concat([head, Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]), item(0), item(64), garbage,
    Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])]);
}

describe.runIf(canRunE2e())('the workstation in headless chromium', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const tp = generatePhantomTimePoint(0, { size: 'small' }); // what `voxa serve --demo-size small` seeds first
  const studyUid = tp.uids.studyInstanceUid;
  const brighter = brighterSeries(tp);

  beforeAll(async () => {
    ws = await startWorkstation();
    const boundary = 'e2e-boundary';
    const body = stowBody([corruptSeries(tp), ...brighter.files], boundary);
    const stow = await fetch(`${ws.base}/dicom-web/studies`, { method: 'POST', body, headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: 'application/dicom+json' } });
    expect(stow.status, 'the corrupt series and the brighter copy are stored (only the former\'s pixels are bad)').toBe(200);
    ({ page, close } = await launchBrowser());
    // The study opens its first CT; the tests below read the demo CT as the main series.
    await openStudy(page, ws.base, studyUid, phantomCtSeriesInfo(tp).seriesInstanceUid);
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  it('opens the demo CT from WADO-RS frames into a 128×128×150 GPU volume of 1× the voxel data', async () => {
    const series = await voxa<{ modality: string; status: string; dimensions: number[]; gpuBytes: number; firstSliceMs: number; completeMs: number }[]>(page, 'series');
    const ct = series.find((s) => s.modality === 'CT' && s.status === 'ready')!;
    expect(ct.dimensions).toEqual([128, 128, 150]);
    expect(ct.gpuBytes, 'int16 texture: 2 bytes a voxel, no float copy').toBe(128 * 128 * 150 * 2);
    expect(ct.firstSliceMs).toBeLessThan(ct.completeMs);
  });

  it('draws axial, coronal and sagittal planes that match the CPU reslice of the same planes', async () => {
    const lesion = tp.truth.lesions.find((l) => l.id === 'liver-1')!;
    await voxa(page, 'setCentre', lesion.centreLps);
    const slots = await voxa<{ slot: number; content: string }[]>(page, 'slots');
    for (const { slot, content } of slots.filter((s) => ['axial', 'coronal', 'sagittal'].includes(s.content))) {
      const gpu = await voxa<Values>(page, 'readValues', slot);
      const plane = await voxa<ReslicePlane>(page, 'plane', slot);
      const r = compare(gpu, reslice(tp.ct, plane));
      expect(r.both, `${content}: most of the view shows the volume`).toBeGreaterThan(gpu.width * gpu.height * 0.2);
      expect(r.sd, `${content}: the plane has structure (a test that can fail)`).toBeGreaterThan(50);
      expect(r.maskDiffFraction, `${content}: same extent`).toBeLessThan(0.005);
      expect(r.mae, `${content}: mean absolute error in HU`).toBeLessThan(0.5);
    }
  });

  it('rotating the axial crosshairs by 30° turns the coronal plane by 30° about the axial normal', async () => {
    const before = await voxa<ReslicePlane>(page, 'plane', 2);
    const centre = (await voxa<{ centre: Vec3 }>(page, 'mpr')).centre;
    await voxa(page, 'rotate', 'axial', 30);
    const expected = rotatePlane(before, [0, 0, 1], Math.PI / 6, centre);
    const after = await expectPlane(page, 2, expected, centre, tp.ct);
    const cosAngle = before.row[0] * after.row[0] + before.row[1] * after.row[1] + before.row[2] * after.row[2];
    expect(Math.acos(cosAngle) * 180 / Math.PI).toBeCloseTo(30, 4);
    await voxa(page, 'rotate', 'axial', -30);
  });

  it('rotating in the axial and then the coronal view gives a double-oblique sagittal plane that matches the CPU reslice', async () => {
    const centre = (await voxa<{ centre: Vec3 }>(page, 'mpr')).centre;
    const sagittal0 = await voxa<ReslicePlane>(page, 'plane', 3); // MPR + 3D: axial, 3D, coronal, sagittal
    await voxa(page, 'rotate', 'axial', 30);
    const coronal = await voxa<ReslicePlane>(page, 'plane', 2);
    const n = cross(coronal.row, coronal.column);
    await voxa(page, 'rotate', 'coronal', 20);
    const expected = rotatePlane(rotatePlane(sagittal0, [0, 0, 1], Math.PI / 6, centre), n, Math.PI / 9, centre);
    const after = await expectPlane(page, 3, expected, centre, tp.ct);
    // Double oblique: the normal leans out of the axial plane and away from every patient axis.
    const normal = cross(after.row, after.column);
    expect(Math.max(...normal.map(Math.abs))).toBeLessThan(0.95);
    expect(Math.abs(normal[2])).toBeGreaterThan(0.1);
    await voxa(page, 'rotate', 'coronal', -20);
    await voxa(page, 'rotate', 'axial', -30);
  });

  it('a 10 mm MIP slab matches the CPU MIP', async () => {
    await voxa(page, 'setSlab', 'mip', 10);
    const plane = await voxa<ReslicePlane>(page, 'plane', 0);
    const gpu = await voxa<Values>(page, 'readValues', 0);
    const thin = reslice(tp.ct, plane);
    const mip = reslice(tp.ct, plane, { slab: { mode: 'mip', thicknessMm: 10, stepMm: 2.8 } });
    const r = compare(gpu, mip);
    expect(r.mae).toBeLessThan(0.5);
    expect(r.maskDiffFraction).toBeLessThan(0.005);
    // The slab is really a MIP: brighter than the thin plane on average.
    let gain = 0, n = 0;
    for (let i = 0; i < thin.length; i++) if (!Number.isNaN(thin[i]) && gpu.inside[i]) { gain += gpu.values[i] - thin[i]; n++; }
    expect(gain / n).toBeGreaterThan(5);
    await voxa(page, 'setSlab', 'none', 0);
  });

  it('a curved path along the aorta gives a straightened image with the aorta as a straight band', async () => {
    await voxa(page, 'setLayout', '2x2');
    await page.waitForFunction(() => (globalThis as unknown as { __voxa: { slots(): { rect?: unknown }[] } }).__voxa.slots().every((s) => s.rect));
    const path = aortaCentrelineBody().slice(0, 23); // root, arch, descending aorta to z = 20 (in the field of view)
    const pixelMm = 2, widthMm = 81;
    const size = await voxa<{ rows: number; width: number }>(page, 'setCurved', path, { pixelMm, widthMm });
    await voxa(page, 'curvedOneToOne');
    const gpu = await voxa<Values>(page, 'readValues', 3);
    await page.screenshot({ path: artifactPath('layout-2x2-cpr.png') });
    const cpu = straightenedReformat(tp.ct, path, { pixelMm, widthMm });
    const rows = Math.min(cpu.height, gpu.height), cols = Math.min(cpu.width, gpu.width);
    expect(rows, 'the viewport shows most of the path').toBeGreaterThan(cpu.height * 0.8);
    let absErr = 0, n = 0;
    for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) {
      const c = cpu.image[y * cpu.width + x];
      if (Number.isNaN(c) || !gpu.inside[y * gpu.width + x]) continue;
      absErr += Math.abs(c - gpu.values[y * gpu.width + x]); n++;
    }
    expect(absErr / n, 'GPU CPR = CPU CPR (HU)').toBeLessThan(0.5);
    // The lumen (40 HU, σ 10 noise) fills the columns within r − 2 px of the centre column in every row.
    const labels = straightenedReformat(tp.labels, path, { pixelMm, widthMm });
    const half = Math.floor((AORTA_RADIUS_MM - 2 * pixelMm) / pixelMm);
    let straightRows = 0;
    for (let y = 0; y < rows; y++) {
      let ok = true;
      for (let dx = -half; dx <= half; dx++) {
        const x = cpu.centreColumn + dx;
        if (labels.image[y * labels.width + x] !== 13 || Math.abs(gpu.values[y * gpu.width + x] - 40) > 45) ok = false;
      }
      if (ok) straightRows++;
    }
    // A few rows at the polyline's sharp corners (arch into the descending aorta) cut the tube's
    // wall on the outer side of the bend; everywhere else the band is aorta.
    expect(straightRows / rows, 'rows whose centre band is aorta').toBeGreaterThan(0.95);
    await page.screenshot({ path: artifactPath('layout-2x2-cpr.png') });
  });

  it('the stretched CPR of the same path matches the CPU stretched reformat', async () => {
    const path = aortaCentrelineBody().slice(0, 23);
    const pixelMm = 2, widthMm = 81;
    await voxa(page, 'setCurved', path, { pixelMm, widthMm, mode: 'stretched' });
    await voxa(page, 'curvedOneToOne');
    const gpu = await voxa<Values>(page, 'readValues', 3);
    const cpu = stretchedReformat(tp.ct, path, { pixelMm, widthMm });
    const rows = Math.min(cpu.height, gpu.height), cols = Math.min(cpu.width, gpu.width);
    expect(rows).toBeGreaterThan(cpu.height * 0.8);
    let absErr = 0, n = 0, maskDiff = 0, sum = 0, sum2 = 0;
    for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) {
      const c = cpu.image[y * cpu.width + x];
      if (Number.isNaN(c) !== !gpu.inside[y * gpu.width + x]) { maskDiff++; continue; }
      if (Number.isNaN(c)) continue;
      absErr += Math.abs(c - gpu.values[y * gpu.width + x]); n++; sum += c; sum2 += c * c;
    }
    expect(n, 'most of the image lies in the volume').toBeGreaterThan(rows * cols * 0.5);
    expect(Math.sqrt(sum2 / n - (sum / n) ** 2), 'the image has structure').toBeGreaterThan(50);
    expect(maskDiff / (rows * cols)).toBeLessThan(0.01);
    expect(absErr / n, 'GPU stretched CPR = CPU (HU)').toBeLessThan(0.5);
    await page.screenshot({ path: artifactPath('layout-2x2-cpr-stretched.png') });
  });

  it('a length drawn across the liver lesion reads its true diameter within one voxel, and is saved with the study', async () => {
    await voxa(page, 'setLayout', '1x1');
    await page.waitForFunction(() => (globalThis as unknown as { __voxa: { slots(): { rect?: unknown }[] } }).__voxa.slots().every((s) => s.rect));
    const lesion = tp.truth.lesions.find((l) => l.id === 'liver-1')!;
    await voxa(page, 'setCentre', lesion.centreLps);
    await voxa(page, 'setZoom', 0, 0.5);
    // The lesion's first semi-axis lies in the axial plane (its frame turns about the superior axis).
    const axis = lesion.axesLps[0];
    expect(Math.abs(axis[2])).toBeLessThan(1e-9);
    const a = lesion.centreLps.map((c, i) => c - lesion.semiAxesMm[0] * axis[i]) as Vec3;
    const b = lesion.centreLps.map((c, i) => c + lesion.semiAxesMm[0] * axis[i]) as Vec3;
    const pa = await voxa<number[]>(page, 'worldToPage', 0, a);
    const pb = await voxa<number[]>(page, 'worldToPage', 0, b);
    await page.click('button[data-tool="length"]');
    await page.mouse.move(pa[0], pa[1]);
    await page.mouse.down();
    await page.mouse.move(pb[0], pb[1], { steps: 5 });
    await page.mouse.up();
    const ms = await voxa<{ id: string; kind: string; values: { lengthMm: number } }[]>(page, 'measurements');
    const m = ms.find((x) => x.kind === 'length')!;
    expect(Math.abs(m.values.lengthMm - 2 * lesion.semiAxesMm[0]), `measured ${m.values.lengthMm} mm`).toBeLessThanOrEqual(2.8);
    await expect.poll(async () => {
      const r = await fetch(`${ws.base}/voxa/studies/${studyUid}/measurements`);
      return ((await r.json()) as { measurements: { id: string; values: { lengthMm: number } }[] }).measurements.find((x) => x.id === m.id)?.values.lengthMm;
    }).toBeCloseTo(m.values.lengthMm, 6);
    // The panel lists it with its value.
    await expect.poll(() => page.locator(`[data-testid="measurements"] .measurement[data-id="${m.id}"] .values`).textContent())
      .toContain(m.values.lengthMm.toFixed(1));
    await page.screenshot({ path: artifactPath('layout-1x1-length.png') });
  });

  it('a second series of the same frame of reference, side by side, scrolls with the first (linked)', async () => {
    await voxa(page, 'setLayout', '1x2');
    await page.waitForFunction(() => (globalThis as unknown as { __voxa: { slots(): { rect?: unknown }[] } }).__voxa.slots().every((s) => s.rect));
    await voxa(page, 'setSlotOrientation', 1, 'axial');
    await voxa(page, 'showInSlot', 1, brighter.uid);
    await voxa(page, 'settled');
    const before = [await voxa<ReslicePlane>(page, 'plane', 0), await voxa<ReslicePlane>(page, 'plane', 1)];
    await voxa(page, 'scroll', 'axial', 5);
    const after = [await voxa<ReslicePlane>(page, 'plane', 0), await voxa<ReslicePlane>(page, 'plane', 1)];
    const sliceMm = Math.abs(tp.ct.indexToWorld[10]);
    for (const v of [0, 1]) expect(Math.abs(after[v].origin[2] - before[v].origin[2]), `view ${v} moved 5 slices`).toBeCloseTo(5 * sliceMm, 6);
    // The left view shows the demo CT, the right one the brighter copy, each on its own moved plane.
    const left = compare(await voxa<Values>(page, 'readValues', 0), reslice(tp.ct, after[0]));
    expect(left.mae).toBeLessThan(0.5);
    expect(left.sd).toBeGreaterThan(50);
    const right = await voxa<Values>(page, 'readValues', 1);
    const cpu = reslice(tp.ct, after[1]);
    const minus100 = compare({ ...right, values: right.values.map((x) => x - 100) }, cpu);
    expect(minus100.both).toBeGreaterThan(right.width * right.height * 0.2);
    expect(minus100.mae, 'right view = demo CT + 100 HU on the same plane').toBeLessThan(0.5);
    await voxa(page, 'renderNow');
    await page.screenshot({ path: artifactPath('layout-1x2-linked.png') });
    await voxa(page, 'showInSlot', 1, undefined);
  });

  it('a grid beyond the texture limit is stored decimated; a view resting on an acquired slice shows that slice at full resolution', async () => {
    const second = await launchBrowser();
    try {
      const p2 = second.page;
      await p2.goto(`${ws.base}/?maxTexture=64#/study/${studyUid}`); // as if MAX_3D_TEXTURE_SIZE were 64
      await p2.waitForFunction(() => !!(globalThis as unknown as { __voxa?: unknown }).__voxa);
      const demo = phantomCtSeriesInfo(tp).seriesInstanceUid;
      await voxa(p2, 'settled');
      if (await voxa<string>(p2, 'primary') !== demo) await voxa(p2, 'showSeries', demo);
      await voxa(p2, 'settled');
      const s = (await voxa<{ seriesUid: string; gpuBytes: number }[]>(p2, 'series')).find((x) => x.seriesUid === demo)!;
      expect(s.gpuBytes, 'texture 64×64×50 (decimated ×2×2×3)').toBe(64 * 64 * 50 * 2);
      await voxa(p2, 'renderNow');
      await p2.waitForFunction(() => (globalThis as unknown as { __voxa: { showsFullResolution(s: number): boolean; renderNow(): unknown } }).__voxa.showsFullResolution(0));
      // Axial (slot 0) rests on slice 75: drawn from the full-resolution slice, equal to the CPU reslice.
      const axial = compare(await voxa<Values>(p2, 'readValues', 0), reslice(tp.ct, await voxa<ReslicePlane>(p2, 'plane', 0)));
      expect(axial.sd).toBeGreaterThan(50);
      expect(axial.maskDiffFraction).toBeLessThan(0.005);
      expect(axial.mae, 'full-resolution axial slice (HU)').toBeLessThan(0.5);
      // Coronal (slot 2) comes from the decimated texture: visibly coarser than the full grid.
      const coronal = compare(await voxa<Values>(p2, 'readValues', 2), reslice(tp.ct, await voxa<ReslicePlane>(p2, 'plane', 2)));
      expect(coronal.mae, 'the decimated view really is decimated (a test that can fail)').toBeGreaterThan(2);
      await expect.poll(() => p2.locator('.viewport[data-slot="0"] [data-testid="render-mode"]').textContent()).toMatch(/texture decimated ×2×2×3; this view: slice 75 at full resolution/);
      await p2.screenshot({ path: artifactPath('decimated-full-resolution-slice.png') });
    } finally {
      await second.close();
    }
  });

  it('a series that fails to decode shows its error while the CT stays open; screenshots of every layout', async () => {
    await voxa(page, 'loadAll');
    const series = await voxa<{ modality: string; status: string; error?: string }[]>(page, 'series');
    const bad = series.find((s) => s.status === 'error');
    expect(bad?.error, 'the corrupt series is reported').toMatch(/RLE|segment|decode/i);
    expect(series.filter((s) => s.status === 'ready').length).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.locator('[data-testid="series-error"]').count()).toBe(1);
    for (const layout of ['1x1', '1x2', '2x2', 'mpr3d']) {
      await voxa(page, 'setLayout', layout);
      await page.waitForFunction(() => (globalThis as unknown as { __voxa: { slots(): { rect?: unknown }[] } }).__voxa.slots().every((s) => s.rect));
      await voxa(page, 'renderNow');
      await page.screenshot({ path: artifactPath(`layout-${layout}.png`) });
    }
  });
});
