import type { Vec3 } from '@voxa/core';
import { planeOfView, type FusionSettings, type OrbitCamera, type SlabMode, type VolumeRenderMode } from '@voxa/render';
import type { MeasurementList } from '../measure/MeasurementList.ts';
import type { ResponseSession } from '../response/ResponseSession.ts';
import type { MaskJob } from '../segmentation/segJobs.ts';
import { CurvedPath } from '../viewer/curvedPath.ts';
import type { LayoutName } from '../viewer/layouts.ts';
import { rotateCrosshairs, type Orientation } from '../viewer/MprState.ts';
import type { ViewerController } from '../viewer/ViewerController.ts';
import type { VolumeClip } from '../viewer3d/VolumeView.ts';

/**
 * `window.__voxa`: what the e2e tests and the viewer benchmark drive and read — the same
 * controller methods the UI calls, plus the values the GPU drew (for comparison with core's CPU
 * reslicing) and a render-complete point (no sleeps).
 */
export function installTestApi(c: ViewerController, list: MeasurementList, response: ResponseSession): void {
  const api = {
    settled: () => c.settled(),
    series: () => c.series.map((s) => ({
      seriesUid: s.summary.seriesUid, modality: s.summary.modality, status: s.status, error: s.error,
      firstSliceMs: s.firstSliceMs, completeMs: s.completeMs, firstImageAt: s.firstImageAt, completeAt: s.completeAt, gpuBytes: s.gpu?.bytes ?? 0, dimensions: s.plan?.plan.dimensions,
    })),
    primary: () => c.primary?.summary.seriesUid,
    fusion: () => c.fusion && { seriesUid: c.fusion.summary.seriesUid, status: c.fusion.status, settings: c.fusionSettings },
    setFusion: async (uid: string | undefined, settings: Partial<FusionSettings> = {}) => {
      await c.setFusion(uid);
      c.fusionSettings = { ...c.fusionSettings, ...settings };
      c.notify();
    },
    comparison: () => c.comparison && {
      status: c.comparison.status, error: c.comparison.error, studyUid: c.comparison.study.studyUid,
      seriesUid: c.comparison.series?.seriesUid, fixedToMoving: c.comparison.answer?.fixedToMoving, seconds: c.comparison.answer?.seconds,
    },
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
      return v && { width: v.width, height: v.height, values: Array.from(v.values), inside: Array.from(v.inside), labels: Array.from(v.labels) };
    },
    /** Page coordinates (CSS px) of an LPS point on a slot, and its distance from the plane. */
    worldToPage: (slot: number, p: Vec3) => {
      const s = c.worldToScreen(slot, p);
      const el = document.querySelector(`.viewport[data-slot="${slot}"]`)?.getBoundingClientRect();
      return s && el ? [el.left + s[0], el.top + s[1], s[2]] : undefined;
    },
    /** The LPS point under page coordinates (CSS px) on a slot: what a pointer event there hits. */
    pageToWorld: (slot: number, x: number, y: number) => {
      const el = document.querySelector(`.viewport[data-slot="${slot}"]`)?.getBoundingClientRect();
      return el ? c.screenToWorld(slot, x - el.left, y - el.top) : undefined;
    },
    measurements: () => list.items,
    selectedMeasurement: () => list.selectedId,
    /** Resolves when the response panel's loads and workflow requests so far are done. */
    responseSettled: () => response.settled(),
    /** The last carry of the baseline's lesions into the open study, and why the button is disabled now. */
    carry: () => ({ ...response.carry, blocker: response.carryBlocker() }),
    /**
     * The response panel as it stands: the assessment, the time points with their sums and
     * categories, one row per lesion with its cells, the best overall response, issues and error.
     */
    response: () => {
      const { table } = response.view();
      const a = response.current;
      return {
        assessment: a && { id: a.assessment.id, revision: a.revision, state: a.assessment.state, criterion: a.assessment.criterion, steps: a.assessment.steps },
        actionError: response.actionError,
        studies: response.studies.map((s) => ({ studyUid: s.studyUid, studyDate: s.studyDate })),
        timePoints: table.columns.map((col) => ({
          studyUid: col.studyUid, dateIso: col.dateIso, label: col.label, days: col.interval.days, category: col.category,
          sum: col.measure?.value ?? null, changeFromBaselinePercent: col.measure?.changeFromBaselinePercent ?? null, changeFromNadirPercent: col.measure?.changeFromNadirPercent ?? null,
          firings: col.firings.map((f) => f.ruleId),
        })),
        rows: table.rows.map((r) => ({
          id: r.id, kind: r.kind, organ: r.organ, isLymphNode: r.isLymphNode,
          cells: r.cells.map((cell) => ({ text: cell.text, measurementIds: cell.measurements.map((m) => m.id), counted: cell.counted, problem: cell.problem, proposedBy: cell.proposedBy })),
        })),
        best: table.best?.category,
        issues: table.issues.map((i) => ({ severity: i.severity, code: i.code, lesionId: i.lesionId, message: i.message })),
        error: table.error,
      };
    },
    renderNow: () => { c.render(); return new Promise((r) => requestAnimationFrame(() => r(true))); },
    /** Draw now and block until the GPU is done (the viewer benchmark's frame time). */
    renderSync: () => { c.render(); c.finishGpu(); },
    gpuBytes: () => c.gpuBytes,
    showsFullResolution: (slot: number) => c.showsFullResolution(slot),
    // Segmentation: the same session methods the panel and the tools call.
    segStart: () => { c.startSegmentation(); },
    segAdd: (label: string) => c.startSegmentation()!.add({ label }).number,
    /** One brush stroke of dabs at LPS points (a disc on the slot's plane, or spheres). */
    segPaint: (slot: number, points: Vec3[], radiusMm: number, options: { erase?: boolean; sphere?: boolean } = {}) => {
      const seg = c.startSegmentation()!;
      const v = c.viewOf(slot);
      if (!v || v.kind !== 'plane' || !seg.beginStroke(!!options.erase)) return false;
      const n = [v.row[1] * v.column[2] - v.row[2] * v.column[1], v.row[2] * v.column[0] - v.row[0] * v.column[2], v.row[0] * v.column[1] - v.row[1] * v.column[0]] as Vec3;
      for (const p of points) seg.paint(p, radiusMm, { erase: options.erase, planeNormal: options.sphere ? undefined : n });
      seg.endStroke();
      return true;
    },
    segRun: (label: string, job: MaskJob, segment?: number) => c.startSegmentation()!.runMaskOp(label, job, segment === undefined ? { create: { label } } : { segment }),
    /** Run a job on a segment's own mask (islands, margin, fill between slices…) and write the result back into it. */
    segMaskOp: (label: string, segment: number, job: Record<string, unknown> & { op: string }) => {
      const seg = c.startSegmentation()!;
      return seg.runMaskOp(label, { ...job, mask: seg.maskOf(segment) } as MaskJob, { segment });
    },
    segAutoCt: () => c.startSegmentation()!.autoCt(),
    segGrowFromSeeds: (segment: number) => { const seg = c.startSegmentation()!; seg.selected = segment; return seg.growFromSeeds(); },
    /** Store as DICOM SEG (STOW-RS); resolves with the new series UID. */
    segSave: async () => { const uid = await c.startSegmentation()!.save(); await c.refreshSeries(); return uid; },
    segLoad: (seriesUid: string) => c.startSegmentation()!.load(seriesUid),
    segUndo: () => { c.segmentation?.undo(); },
    segRedo: () => { c.segmentation?.redo(); },
    /** Segments with their voxel counts, review state and the worker's last error. */
    segState: () => {
      const seg = c.segmentation;
      if (!seg) return undefined;
      return {
        error: seg.error, layers: seg.segmentation.layers.length, gpuBytes: seg.gpu.bytes,
        segments: seg.segments.map((g) => ({ number: g.number, label: g.label, color: g.color, layer: g.layer, value: g.value, review: g.review.status, algorithmType: g.algorithmType, voxels: seg.maskOf(g.number).reduce((t, x) => t + x, 0) })),
      };
    },
    /**
     * Run a server model (/api/models/:id) on the primary series in the page's model worker;
     * resolves when its segments are in (or it was cancelled), with the session's error and the
     * segmentation grid (to map the layer onto a reference).
     */
    segRunModel: async (modelId: string) => {
      const seg = c.startSegmentation()!;
      const result = await seg.runModel(modelId);
      return { result, error: seg.error, grid: { dimensions: seg.segmentation.dimensions, indexToWorld: Array.from(seg.segmentation.indexToWorld) } };
    },
    /** The model run in progress (stage, fraction), if any. */
    segModelRun: () => c.segmentation?.modelRun,
    segCancelModel: () => { c.segmentation?.cancelModel(); },
    /** Resolves when the 3D view's surfaces match the segmentation; answers the surface ids and the view's status. */
    surfacesSettled: async () => {
      c.render();
      if (c.surfaces && c.segmentation) await c.surfaces.settled(c.segmentation);
      return { ids: c.surfaces?.scene.ids() ?? [], status: c.surfaces?.status, triangles: (c.surfaces?.scene.ids() ?? []).map((id) => c.surfaces!.scene.triangles(id)) };
    },
    setSurfaceCamera: (camera: OrbitCamera) => { if (c.surfaces) { c.surfaces.camera = camera; c.notify(); } },
    surfaceCamera: () => c.surfaces?.camera,
    // Volume rendering in the 3D view: the same VolumeView calls its controls make.
    /** Show only one segment's surface (undefined: all), as the Isolate button does. */
    isolateSurface: (n: number | undefined) => { c.surfaces?.isolate(n); c.render(); },
    /** The LPS point a click at (x, y) CSS px on the 3D slot's volume rendering picks. */
    pickVolume: (slot: number, x: number, y: number) => c.pickVolume(slot, x, y),
    /** Change the 3D view's volume rendering; resolves after a full-quality frame with it is drawn. */
    setVolume3d: async (o: { enabled?: boolean; preset?: string; mode?: VolumeRenderMode; clip?: VolumeClip; cinematic?: boolean; labelOpacity?: number; maxSamples?: number }) => {
      c.render();
      const v = c.volume3d;
      if (!v) return undefined;
      if (o.preset) v.setPreset(o.preset);
      for (const k of ['enabled', 'mode', 'clip', 'cinematic', 'labelOpacity'] as const) if (o[k] !== undefined) v.set(k, o[k] as never);
      if (o.maxSamples) v.cinematicSettings = { ...v.cinematicSettings, maxSamples: o.maxSamples };
      await new Promise((r) => setTimeout(r, 250)); // past the interactive level of detail
      c.render();
      while (v.cinematic && c.cinematicSamples < v.cinematicSettings.maxSamples) { await new Promise((r) => requestAnimationFrame(r)); }
      c.render();
      return { preset: v.preset.name, mode: v.mode, cinematic: v.cinematic, samples: c.cinematicSamples, range: v.range, histogramTotal: v.histogram?.total };
    },
    // Surface maps: the same SurfaceView methods the 3D view's map selects call.
    /**
     * Put a per-vertex map on a segment's surface ('none' removes it) once the surfaces are built;
     * resolves when it is on, with its legend, value summary (mm), the view's map status and the
     * surfaces that carry map colours.
     */
    surfaceMap: async (kind: 'thickness' | 'distance' | 'none', segment?: number, other?: number) => {
      c.render();
      const v = c.surfaces;
      if (!v || !c.segmentation) return undefined;
      await v.settled(c.segmentation);
      v.setMap(kind === 'none' || segment === undefined ? undefined : { kind, segment, other });
      await v.mapSettled();
      c.render();
      return { map: v.map, status: v.mapStatus, colored: v.scene.ids().filter((id) => v.scene.hasVertexColors(id)) };
    },
    /** Resolves when the map asked for (through the UI or `surfaceMap`) is on the surfaces; answers as `surfaceMap`. */
    surfaceMapSettled: async () => {
      c.render();
      const v = c.surfaces;
      if (!v || !c.segmentation) return undefined;
      await v.settled(c.segmentation);
      await v.mapSettled();
      c.render();
      return { map: v.map, status: v.mapStatus, colored: v.scene.ids().filter((id) => v.scene.hasVertexColors(id)) };
    },
    /** Render now and read the colours a slot shows (RGBA bytes, top row first) as base64. */
    readColors: (slot: number) => {
      c.render();
      const v = c.readColors(slot);
      if (!v) return undefined;
      let text = '';
      for (let n = 0; n < v.rgba.length; n += 0x8000) text += String.fromCharCode(...v.rgba.subarray(n, n + 0x8000));
      return { width: v.width, height: v.height, rgba: btoa(text) };
    },
    /** One layer's voxels as base64: a 256³ layer as a number array would be ~40 MB of JSON. */
    segLayerBase64: (layer: number) => {
      const a = c.segmentation?.segmentation.layers[layer] ?? new Uint8Array(0);
      let text = '';
      for (let n = 0; n < a.length; n += 0x8000) text += String.fromCharCode(...a.subarray(n, n + 0x8000));
      return btoa(text);
    },
  };
  (window as unknown as { __voxa: typeof api }).__voxa = api;
}
