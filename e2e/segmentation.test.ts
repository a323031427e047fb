// Segmentation in the workstation: tools run in the page (brush) and in the segmentation worker
// (threshold, region growing, one-click lesion, rule-based CT structures) on the image fetched from
// WADO-RS; the label layers must equal core's result on the CPU voxel for voxel, and the GPU
// overlay must show them where they are (read back as label values).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addSegment, connectedThreshold, createSegmentation, dice, fillBetweenSlices, growFromSeeds, levelTrace, marginMm, segmentMask, spacingMm, generatePhantomTimePoint, mat4Invert, paintBrush, phantomCtSeriesInfo, PHANTOM_LABEL,
  scissors, segmentCtStructures, segmentVoxelCount, threshold, transformPoint, type ReslicePlane, type Vec3,
} from '@voxa/core';
import { artifactPath, canRunE2e, launchBrowser, openStudy, startWorkstation, voxa, type Workstation } from './util/workstation.ts';

interface SegState { error?: string; layers: number; segments: { number: number; label: string; layer: number; value: number; review: string; algorithmType: string; voxels: number }[] }
interface Values { width: number; height: number; labels: number[] }

describe.runIf(canRunE2e())('segmentation in the workstation', () => {
  let ws: Workstation;
  let page: Page;
  let close: () => Promise<void>;
  const tp = generatePhantomTimePoint(0, { size: 'small' });
  const grid = { dimensions: tp.ct.dimensions, indexToWorld: tp.ct.indexToWorld };
  const [nx, ny] = tp.ct.dimensions;
  const worldToIndex = mat4Invert(tp.ct.indexToWorld);

  /** For each pixel of a slot's plane, the label of the voxel nearest its centre (what the shader looks up). */
  const expectedLabels = (plane: ReslicePlane, layer: Uint8Array): Uint8Array => {
    const [width, height] = plane.size;
    const out = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const w = [0, 1, 2].map((i) => plane.origin[i] + x * plane.spacing[0] * plane.row[i] + y * plane.spacing[1] * plane.column[i]) as Vec3;
        const c = transformPoint(worldToIndex, w).map((v) => Math.floor(v + 0.5));
        if (c.every((v, a) => v >= 0 && v < tp.ct.dimensions[a])) out[y * width + x] = layer[c[0] + nx * (c[1] + ny * c[2])];
      }
    }
    return out;
  };

  /** Fraction of a slot's pixels whose drawn label differs from the CPU lookup. */
  const overlayMismatch = async (slot: number, layer: Uint8Array) => {
    const plane = await voxa<ReslicePlane>(page, 'plane', slot);
    const gpu = await voxa<Values>(page, 'readValues', slot);
    const want = expectedLabels(plane, layer);
    let diff = 0, labelled = 0;
    for (let n = 0; n < want.length; n++) {
      if (want[n]) labelled++;
      if ((want[n] ? 1 : 0) !== (gpu.labels[n] ? 1 : 0)) diff++;
    }
    return { mismatch: diff / want.length, labelled };
  };

  const layerOf = async (layer: number) => new Uint8Array(Buffer.from(await voxa<string>(page, 'segLayerBase64', layer), 'base64'));
  const binary = (a: Uint8Array, value: number) => Uint8Array.from(a, (v) => (v === value ? 1 : 0));
  /** Voxels that differ (a count, not toEqual: a diff of millions of elements would take minutes to print). */
  const differing = (a: Uint8Array | undefined, b: Uint8Array) => {
    if (!a || a.length !== b.length) return Infinity;
    let d = 0;
    for (let n = 0; n < b.length; n++) if (a[n] !== b[n]) d++;
    return d;
  };

  beforeAll(async () => {
    ws = await startWorkstation();
    ({ page, close } = await launchBrowser());
    await openStudy(page, ws.base, tp.uids.studyInstanceUid, phantomCtSeriesInfo(tp).seriesInstanceUid);
  }, 240_000);

  afterAll(async () => {
    await close?.();
    await ws?.stop();
  });

  it('paints a disc on the axial plane exactly where core paints it, overlays it on the GPU, and undoes it', async () => {
    const centre = tp.truth.lesions.find((l) => l.id === 'liver-1')!.centreLps;
    await voxa(page, 'setCentre', centre);
    const axial = (await voxa<{ slot: number; content: string }[]>(page, 'slots')).find((s) => s.content === 'axial')!.slot;
    expect(await voxa<number>(page, 'segAdd', 'Manual')).toBe(1);
    const dabs: Vec3[] = [centre, [centre[0] + 6, centre[1], centre[2]]];
    expect(await voxa<boolean>(page, 'segPaint', axial, dabs, 10)).toBe(true);

    const cpu = createSegmentation(grid);
    addSegment(cpu, { label: 'Manual' });
    for (const p of dabs) paintBrush(cpu, 1, p, 10, { planeNormal: [0, 0, 1] });
    const layer = await layerOf(0);
    expect(differing(layer, cpu.layers[0])).toBe(0);
    const painted = layer.reduce((t, v) => t + v, 0);
    expect(painted, 'a 10 mm disc of 2.8 mm voxels, stretched 6 mm: about (π·100 + 120)/7.84 voxels').toBeGreaterThan(45);

    const shown = await overlayMismatch(axial, layer);
    expect(shown.labelled, 'the disc is on the axial plane').toBeGreaterThan(100);
    expect(shown.mismatch, 'pixels whose overlay differs from the CPU nearest-voxel lookup').toBeLessThan(0.002);
    await page.screenshot({ path: artifactPath('segmentation-paint.png') });

    await voxa(page, 'segUndo');
    expect((await layerOf(0)).some((v) => v !== 0), 'undo removed the stroke').toBe(false);
    expect((await overlayMismatch(axial, new Uint8Array(layer.length))).mismatch).toBe(0);
    await voxa(page, 'segRedo');
    expect(differing(await layerOf(0), cpu.layers[0])).toBe(0);
  });

  it('thresholds bone and grows a region from a click in the worker, voxel for voxel as core does', async () => {
    const bone = await voxa<number>(page, 'segRun', 'Bone', { op: 'threshold', lo: 150, hi: 3000 });
    const state = (await voxa<SegState>(page, 'segState'))!;
    expect(state.error).toBeUndefined();
    const g = state.segments.find((s) => s.number === bone)!;
    const want = threshold(tp.ct.voxels, 150, 3000);
    expect(differing(binary(await layerOf(g.layer), g.value), want)).toBe(0);

    // A click on a vertebra voxel (the middle one, in label order) that is within the range.
    const candidates: number[] = [];
    tp.labels.voxels.forEach((v, n) => { if (v === PHANTOM_LABEL.vertebrae && tp.ct.voxels[n] >= 150) candidates.push(n); });
    const seedIndex = candidates[Math.floor(candidates.length / 2)];
    const ijk: Vec3 = [seedIndex % nx, Math.floor(seedIndex / nx) % ny, Math.floor(seedIndex / (nx * ny))];
    const seed = transformPoint(tp.ct.indexToWorld, ijk);
    const grown = connectedThreshold(tp.ct.voxels, tp.ct.dimensions, [seedIndex], 150, 3000);
    const number = await voxa<number>(page, 'segRun', 'Spine', { op: 'grow', seedLps: seed, lo: 150, hi: 3000 });
    const s2 = (await voxa<SegState>(page, 'segState'))!.segments.find((s) => s.number === number)!;
    expect(s2.voxels, 'the click grew a bony region').toBeGreaterThan(500);
    expect(differing(binary(await layerOf(s2.layer), s2.value), grown)).toBe(0);
    // The intervertebral discs (90 HU) are below the range: the region is the clicked vertebra and what touches it. Partial-volume
    // edges put bone HU into the voxels around the labelled bone, so "bone" here is the label grown by one voxel.
    const skeleton = Uint8Array.from(tp.labels.voxels, (v) => (v === PHANTOM_LABEL.vertebrae || v === PHANTOM_LABEL.ribs ? 1 : 0));
    const nearBone = marginMm(skeleton, tp.ct.dimensions, spacingMm(tp.ct), Math.max(...spacingMm(tp.ct)));
    let inBone = 0;
    grown.forEach((v, n) => { if (v && nearBone[n]) inBone++; });
    expect(inBone / s2.voxels, 'fraction of the grown region on or next to the phantom\'s bones').toBeGreaterThan(0.99);
  });

  it('traces a level on a slice and fills between drawn slices in the worker, as core does', async () => {
    const nodule = tp.truth.lesions.find((l) => l.id === 'lung-1')!;
    const c = transformPoint(worldToIndex, nodule.centreLps).map(Math.round);
    const level = await voxa<number>(page, 'segRun', 'Level', { op: 'level', seedLps: nodule.centreLps, normal: [0, 0, 1] });
    const g = (await voxa<SegState>(page, 'segState'))!.segments.find((s) => s.number === level)!;
    const want = levelTrace(tp.ct.voxels, tp.ct.dimensions, c as Vec3, 2);
    expect(g.voxels, 'the nodule\'s section on its slice').toBeGreaterThan(3);
    expect(differing(binary(await layerOf(g.layer), g.value), want)).toBe(0);

    // Discs drawn on two axial slices 5 apart, then the slices between them filled.
    const liver = tp.truth.lesions.find((l) => l.id === 'liver-1')!.centreLps;
    const axial = (await voxa<{ slot: number; content: string }[]>(page, 'slots')).find((s) => s.content === 'axial')!.slot;
    const drawn = await voxa<number>(page, 'segAdd', 'Drawn');
    const dz = 5 * spacingMm(tp.ct)[2];
    for (const z of [liver[2] - dz / 2, liver[2] + dz / 2]) {
      await voxa(page, 'setCentre', [liver[0], liver[1], z]);
      await voxa(page, 'segPaint', axial, [[liver[0], liver[1], z]], 12);
    }
    await voxa(page, 'segMaskOp', 'fill between', drawn, { op: 'fill-between', axis: 2 });
    const cpu = createSegmentation(grid);
    addSegment(cpu, { label: 'Drawn' });
    for (const z of [liver[2] - dz / 2, liver[2] + dz / 2]) paintBrush(cpu, 1, [liver[0], liver[1], z], 12, { planeNormal: [0, 0, 1] });
    const filled = fillBetweenSlices(segmentMask(cpu, 1), tp.ct.dimensions, spacingMm(tp.ct), { axis: 2 });
    const d = (await voxa<SegState>(page, 'segState'))!.segments.find((s) => s.number === drawn)!;
    expect(d.voxels, 'six slices of a 12 mm disc').toBeGreaterThan(5 * segmentVoxelCount(cpu, 1) / 2);
    expect(differing(binary(await layerOf(d.layer), d.value), filled)).toBe(0);
  });

  it('grows from seeds painted in two segments, in the worker, as core does', async () => {
    const liverIndex = tp.labels.voxels.indexOf(PHANTOM_LABEL.liver, Math.floor(tp.labels.voxels.length / 2));
    const liverSeed = transformPoint(tp.ct.indexToWorld, [liverIndex % nx, Math.floor(liverIndex / nx) % ny, Math.floor(liverIndex / (nx * ny))]);
    const axial = (await voxa<{ slot: number; content: string }[]>(page, 'slots')).find((s) => s.content === 'axial')!.slot;
    const liver = await voxa<number>(page, 'segAdd', 'Liver (seeded)');
    await voxa(page, 'segPaint', axial, [liverSeed], 6, { sphere: true });
    const other = await voxa<number>(page, 'segAdd', 'Other (seeded)');
    await voxa(page, 'segPaint', axial, [[liverSeed[0], liverSeed[1] + 60, liverSeed[2]], [liverSeed[0] + 60, liverSeed[1], liverSeed[2]]], 6, { sphere: true });
    const before = (await voxa<SegState>(page, 'segState'))!;
    const layer = before.segments.find((g) => g.number === liver)!.layer;
    expect(before.segments.find((g) => g.number === other)!.layer).toBe(layer);
    const seeds = await layerOf(layer);
    const grown = growFromSeeds(tp.ct.voxels, tp.ct.dimensions, seeds, { spacingMm: spacingMm(tp.ct), extentGrowth: 0.1 });
    const want = Uint8Array.from(seeds, (v, n) => grown[n] || v);
    await voxa(page, 'segGrowFromSeeds', liver);
    const after = (await voxa<SegState>(page, 'segState'))!;
    expect(after.error).toBeUndefined();
    expect(differing(await layerOf(layer), want)).toBe(0);
    expect(after.segments.find((g) => g.number === liver)!.voxels, 'the liver seed grew').toBeGreaterThan(10 * before.segments.find((g) => g.number === liver)!.voxels);
  });

  it('cuts the selected segment with scissors drawn by the mouse: through the volume, then filling one slice, as core does', async () => {
    const liver = tp.truth.lesions.find((l) => l.id === 'liver-1')!.centreLps;
    await voxa(page, 'setCentre', liver);
    await voxa(page, 'renderNow');
    const axial = (await voxa<{ slot: number; content: string }[]>(page, 'slots')).find((s) => s.content === 'axial')!.slot;
    const soft = await voxa<number>(page, 'segRun', 'Soft tissue', { op: 'threshold', lo: -100, hi: 200 });
    await page.click('[data-tool="scissors"]');

    /** Drag a closed outline through LPS corners with the mouse; answers the LPS points the page recorded (the event positions). */
    const drawOutline = async (corners: Vec3[]): Promise<Vec3[]> => {
      const pagePts: [number, number][] = [];
      const at = await Promise.all(corners.map(async (p) => (await voxa<[number, number, number]>(page, 'worldToPage', axial, p)).map(Math.round)));
      for (let e = 0; e < at.length; e++) {
        const a = at[e], b = at[(e + 1) % at.length];
        const steps = Math.max(1, Math.floor(Math.hypot(b[0] - a[0], b[1] - a[1]) / 10));
        for (let t = 0; t < steps; t++) pagePts.push([Math.round(a[0] + ((b[0] - a[0]) * t) / steps), Math.round(a[1] + ((b[1] - a[1]) * t) / steps)]);
      }
      await page.mouse.move(...pagePts[0]);
      await page.mouse.down();
      for (const q of pagePts.slice(1)) await page.mouse.move(...q);
      await page.mouse.up();
      return Promise.all(pagePts.map((q) => voxa<Vec3>(page, 'pageToWorld', axial, q[0], q[1])));
    };
    const voxelsOf = async () => (await voxa<SegState>(page, 'segState'))!.segments.find((g) => g.number === soft)!;
    const settle = async (before: number) => {
      await expect.poll(async () => (await voxelsOf()).voxels, { timeout: 30_000 }).not.toBe(before);
      expect((await voxa<SegState>(page, 'segState'))!.error).toBeUndefined();
    };

    // Erase inside a 60 mm square, through the whole volume.
    let g = await voxelsOf();
    const mask = binary(await layerOf(g.layer), g.value);
    const square = await drawOutline([[-30, -30, 0], [30, -30, 0], [30, 30, 0], [-30, 30, 0]].map((d) => [liver[0] + d[0], liver[1] + d[1], liver[2]] as Vec3));
    await settle(g.voxels);
    const cut = scissors(mask, tp.ct.dimensions, tp.ct.indexToWorld, square, [0, 0, 1], 'erase-inside');
    expect(cut.changed, 'the square held soft tissue on many slices').toBeGreaterThan(10_000);
    g = await voxelsOf();
    expect(differing(binary(await layerOf(g.layer), g.value), mask)).toBe(0);
    expect(cut.box!.lo[2], 'through the volume: from the first slice').toBe(0);

    // Fill a triangle on this slice only (the slab is one slice step thick).
    await page.selectOption('[data-control="scissors-operation"]', 'fill-inside');
    await page.selectOption('[data-control="scissors-depth"]', 'slice');
    const triangle = await drawOutline([[-20, -20, 0], [25, -10, 0], [0, 25, 0]].map((d) => [liver[0] + d[0], liver[1] + d[1], liver[2]] as Vec3));
    await settle(g.voxels);
    const m = tp.ct.indexToWorld;
    const step = Math.max(Math.abs(m[2]), Math.abs(m[6]), Math.abs(m[10]));
    const filled = scissors(mask, tp.ct.dimensions, m, triangle, [0, 0, 1], 'fill-inside', { slabMm: [-step / 2, step / 2] });
    expect(filled.changed).toBeGreaterThan(100);
    expect(filled.box!.lo[2], 'one slice').toBe(filled.box!.hi[2]);
    g = await voxelsOf();
    expect(differing(binary(await layerOf(g.layer), g.value), mask)).toBe(0);
    await page.screenshot({ path: artifactPath('segmentation-scissors.png') });
    await page.click('[data-tool="crosshair"]');
  });

  it('segments the CT structures by rules and a lung nodule from one click in the worker: proposals equal to core\'s', async () => {
    await voxa(page, 'segAutoCt');
    const state = (await voxa<SegState>(page, 'segState'))!;
    expect(state.error).toBeUndefined();
    const cpu = segmentCtStructures(tp.ct);
    expect(cpu.segments.length, 'body, skin, fat ×2, muscle, bones, lungs ×2, airway').toBe(9);
    for (const g of cpu.segments) {
      const got = state.segments.find((s) => s.label === g.label);
      expect(got, g.label).toBeDefined();
      expect(got!.review, 'automatic segments are proposals until reviewed').toBe('proposal');
      expect(got!.algorithmType).toBe('AUTOMATIC');
      expect(got!.voxels, g.label).toBe(segmentVoxelCount(cpu, g.number));
    }
    const nodule = tp.truth.lesions.find((l) => l.id === 'lung-1')!;
    const number = await voxa<number>(page, 'segRun', 'Nodule', { op: 'lesion', seedLps: nodule.centreLps });
    const g = (await voxa<SegState>(page, 'segState'))!.segments.find((s) => s.number === number)!;
    const truth = Uint8Array.from(tp.labels.voxels, (v) => (v === nodule.labelId ? 1 : 0));
    expect(dice(binary(await layerOf(g.layer), g.value), truth), 'Dice of the one-click nodule against the phantom').toBeGreaterThan(0.95);
    await voxa(page, 'setCentre', nodule.centreLps);
    await voxa(page, 'renderNow');
    await page.screenshot({ path: artifactPath('segmentation-auto-ct.png') });
  });

  it('stores the segments as a DICOM SEG series by STOW-RS and loads them back voxel for voxel', async () => {
    const before = (await voxa<SegState>(page, 'segState'))!;
    const masks = async (st: SegState) => {
      const layers = await Promise.all(Array.from({ length: st.layers }, (_, l) => layerOf(l)));
      return new Map(st.segments.map((g) => [g.label, binary(layers[g.layer], g.value)]));
    };
    const want = await masks(before);
    const uid = await voxa<string>(page, 'segSave');
    expect(uid, 'a new series UID').toMatch(/^2\.25\.\d+$/);
    const series = await voxa<{ seriesUid: string; modality: string }[]>(page, 'series');
    expect(series.find((s) => s.seriesUid === uid)?.modality).toBe('SEG');
    await voxa(page, 'segLoad', uid);
    const after = (await voxa<SegState>(page, 'segState'))!;
    expect(after.error).toBeUndefined();
    expect(after.segments.map((g) => g.label).sort()).toEqual(before.segments.map((g) => g.label).sort());
    const got = await masks(after);
    for (const [label, mask] of want) expect(differing(got.get(label), mask), `${label}: voxels that differ after the round trip`).toBe(0);
  });
});
