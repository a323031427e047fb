import type { Vec3 } from '@voxa/core';
import { planeOfView, type SlabMode } from '@voxa/render';
import type { MeasurementList } from '../measure/MeasurementList.ts';
import { CurvedPath } from '../viewer/curvedPath.ts';
import type { LayoutName } from '../viewer/layouts.ts';
import { rotateCrosshairs, type Orientation } from '../viewer/MprState.ts';
import type { ViewerController } from '../viewer/ViewerController.ts';

/**
 * `window.__voxa`: what the e2e tests and the viewer benchmark drive and read — the same
 * controller methods the UI calls, plus the values the GPU drew (for comparison with core's CPU
 * reslicing) and a render-complete point (no sleeps).
 */
export function installTestApi(c: ViewerController, list: MeasurementList): void {
  const api = {
    settled: () => c.settled(),
    series: () => c.series.map((s) => ({
      seriesUid: s.summary.seriesUid, modality: s.summary.modality, status: s.status, error: s.error,
      firstSliceMs: s.firstSliceMs, completeMs: s.completeMs, firstImageAt: s.firstImageAt, completeAt: s.completeAt, gpuBytes: s.gpu?.bytes ?? 0, dimensions: s.plan?.plan.dimensions,
    })),
    primary: () => c.primary?.summary.seriesUid,
    showSeries: (uid: string) => c.showSeries(uid),
    loadAll: () => c.loadAll(),
    showInSlot: (slot: number, uid: string | undefined) => c.showInSlot(slot, uid),
    setSlotOrientation: (slot: number, o: Orientation | undefined) => { c.setSlotOrientation(slot, o); },
    setLayout: (l: LayoutName) => { c.setLayout(l); },
    slots: () => c.slotContents.map((content, slot) => ({ slot, content, rect: c.rectOf(slot) })),
    mpr: () => c.mpr,
    setCentre: (p: Vec3) => { c.setMpr({ ...c.mpr!, centre: p }); },
    scroll: (o: Orientation, steps: number) => { c.scroll(o, steps); },
    rotate: (o: Orientation, deg: number) => { c.setMpr(rotateCrosshairs(c.mpr!, o, (deg * Math.PI) / 180)); },
    setSlab: (mode: SlabMode | 'none', thicknessMm: number) => {
      c.setMpr({ ...c.mpr!, slab: mode === 'none' ? undefined : { mode, thicknessMm, stepMm: c.minSpacing } });
    },
    /** Zoom a slot and centre it on the crosshair centre. */
    setZoom: (slot: number, mmPerDevicePixel: number) => { c.slotView(slot).mmPerPixel = mmPerDevicePixel; c.centreOn(slot, c.mpr!.centre); },
    setCurved: (points: Vec3[], options: { pixelMm: number; widthMm?: number; angleDeg?: number; mode?: 'straightened' | 'stretched' }) => {
      c.curved = new CurvedPath(points, { ...options, angleRad: ((options.angleDeg ?? 0) * Math.PI) / 180 });
      c.notify();
      return { rows: c.curved.rows, width: c.curved.imageWidth };
    },
    /** Fit the curved image at 1 image pixel per device pixel from the top-left (what the CPU reference computes). */
    curvedOneToOne: () => { if (c.curved) { c.curved.scale = 1; c.curved.offset = [0, 0]; c.notify(); } },
    /** The plane a slot shows, in device pixels (core ReslicePlane). */
    plane: (slot: number) => {
      const v = c.viewOf(slot), r = c.rectOf(slot);
      if (!v || v.kind !== 'plane' || !r) return undefined;
      return planeOfView(v, Math.round(r.width * c.pixelRatio), Math.round(r.height * c.pixelRatio));
    },
    /** Render now and read the slot's real values (row-major, top row first). */
    readValues: (slot: number) => {
      c.render();
      const v = c.readValues(slot);
      return v && { width: v.width, height: v.height, values: Array.from(v.values), inside: Array.from(v.inside) };
    },
    /** Page coordinates (CSS px) of an LPS point on a slot, and its distance from the plane. */
    worldToPage: (slot: number, p: Vec3) => {
      const s = c.worldToScreen(slot, p);
      const el = document.querySelector(`.viewport[data-slot="${slot}"]`)?.getBoundingClientRect();
      return s && el ? [el.left + s[0], el.top + s[1], s[2]] : undefined;
    },
    measurements: () => list.items,
    renderNow: () => { c.render(); return new Promise((r) => requestAnimationFrame(() => r(true))); },
    /** Draw now and block until the GPU is done (the viewer benchmark's frame time). */
    renderSync: () => { c.render(); c.finishGpu(); },
    gpuBytes: () => c.gpuBytes,
    showsFullResolution: (slot: number) => c.showsFullResolution(slot),
  };
  (window as unknown as { __voxa: typeof api }).__voxa = api;
}
