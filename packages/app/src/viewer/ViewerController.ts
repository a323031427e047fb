import { cross, dot, length, mat4Invert, mat4Multiply, normalize, transformPoint, type Mat4, type Vec3 } from '@voxa/core';
import {
  planeOfView, ViewportRenderer, type CurvedView, type DisplaySettings, type FusionSettings, type GpuVolume, type PlaneView,
  type SurfaceDraw, type ViewportDraw, type ViewportRect, type ViewportValues,
} from '@voxa/render';
import { listSeries, NOT_IMAGE_MODALITIES, seriesMetadata, type SeriesSummary, type StudySummary } from '../api/archive.ts';
import { FrameWorkerPool } from '../loading/FrameWorkerPool.ts';
import { FullResolutionSlice } from '../loading/FullResolutionSlice.ts';
import { loadSeries, type LoadProgress } from '../loading/loadSeries.ts';
import { planSeries, type SeriesPlan } from '../loading/planSeries.ts';
import { SegmentationSession } from '../segmentation/SegmentationSession.ts';
import { gridBounds } from '../viewer3d/gridBounds.ts';
import { SurfaceView } from '../viewer3d/SurfaceView.ts';
import { VolumeView } from '../viewer3d/VolumeView.ts';
import { Comparison } from './Comparison.ts';
import type { CurvedPath } from './curvedPath.ts';
import { LAYOUTS, type LayoutName, type ViewportContent } from './layouts.ts';
import { initialMprState, planeNormalOf, scrollMpr, type MprState, type Orientation } from './MprState.ts';
import { initialWindow } from './windowPresets.ts';

/** A series of the open study and how far it got. */
export interface SeriesEntry {
  summary: SeriesSummary;
  status: 'idle' | 'planning' | 'loading' | 'ready' | 'error' | 'not-an-image';
  plan?: SeriesPlan;
  gpu?: GpuVolume;
  progress?: LoadProgress;
  error?: string;
  /** ms from the start of loading to the first slice on the GPU, and to the whole volume. */
  firstSliceMs?: number;
  completeMs?: number;
  /** Where the texture is decimated: the acquired slice a view rests on, at full resolution. */
  fullRes?: FullResolutionSlice;
  /** performance.now() (from navigation start) of the first frame drawn with a slice, and of the last slice's arrival. */
  firstImageAt?: number;
  completeAt?: number;
  /** A series of another study, registered: its LPS → the primary's LPS (see Comparison). */
  toPrimary?: Mat4;
}

/** Per-slot view: zoom (mm per device pixel) and pan (mm along the view's row and column). */
export interface SlotView {
  mmPerPixel?: number;
  pan: [number, number];
}

/** Shortest interval between redraws caused by arriving slices. */
const PROGRESS_MS = 400;


/**
 * The open study's state outside React: series and their GPU volumes, the shared MPR state,
 * per-slot zoom and pan, display settings, and the one renderer that draws every viewport.
 * Components read it and call its methods; `subscribe` tells them to re-render.
 */
export class ViewerController {
  readonly studyUid: string;
  series: SeriesEntry[] = [];
  primary?: SeriesEntry;
  fusion?: SeriesEntry;
  fusionSettings: FusionSettings = { window: { center: 2.5, width: 5 }, colorMap: 'hot', opacity: 0.5 };
  layout: LayoutName = 'mpr3d';
  mpr?: MprState;
  slots: SlotView[] = [];
  display: DisplaySettings = { window: { center: 40, width: 400 }, invert: false, colorMap: 'grey' };
  curved?: CurvedPath;
  /** The segmentation being edited on the primary series, once started. */
  segmentation?: SegmentationSession;
  /** The 3D view's surfaces and camera, once a layout shows a 3D slot. */
  surfaces?: SurfaceView;
  /** The 3D view's volume rendering of the primary series (same camera, same scene). */
  volume3d?: VolumeView;
  /** The point the planar views are centred on before panning (the volume's middle). */
  viewAnchor?: Vec3;
  /** Another study of the patient, registered onto the primary series (see compareWith). */
  comparison?: Comparison;
  /** The compared study's series, placed in the primary's space. */
  private compared?: SeriesEntry;
  error?: string;
  private renderer?: ViewportRenderer;
  private canvas?: HTMLCanvasElement;
  private readonly rects = new Map<number, ViewportRect>();
  private readonly listeners = new Set<() => void>();
  private readonly pool = new FrameWorkerPool();
  /** `?maxTexture=N` in the page URL stores axes longer than N decimated (to exercise that path on any GPU). */
  private readonly maxTextureSize = Number(new URLSearchParams(location.search).get('maxTexture')) || undefined;
  private frame = 0;
  private readonly opened = performance.now();
  private completeWaiters: (() => void)[] = [];

  constructor(studyUid: string) {
    this.studyUid = studyUid;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  notify(): void {
    for (const fn of this.listeners) fn();
    this.requestRender();
  }

  /**
   * notify() at most every PROGRESS_MS while slices stream in: each redraw of the views queues GPU
   * work ahead of the next slice's upload, so drawing every slice would slow the load itself.
   */
  private notifySoon(): void {
    if (this.progressTimer) return;
    const wait = Math.max(0, this.lastProgress + PROGRESS_MS - performance.now());
    this.progressTimer = window.setTimeout(() => {
      this.progressTimer = 0;
      this.lastProgress = performance.now();
      this.notify();
    }, wait);
  }

  private progressTimer = 0;
  private lastProgress = 0;

  attachCanvas(canvas: HTMLCanvasElement): void {
    if (this.canvas === canvas) return;
    this.canvas = canvas;
    this.renderer = new ViewportRenderer(canvas);
    this.resize();
  }

  resize(): void {
    if (!this.canvas || !this.renderer) return;
    const r = this.canvas.getBoundingClientRect();
    this.renderer.setSize(Math.max(1, Math.round(r.width)), Math.max(1, Math.round(r.height)), window.devicePixelRatio || 1);
    this.requestRender();
  }

  /** A viewport pane reports where it is, relative to the canvas. */
  setRect(slot: number, rect: ViewportRect | undefined): void {
    if (rect) this.rects.set(slot, rect);
    else this.rects.delete(slot);
    this.requestRender();
  }

  rectOf(slot: number): ViewportRect | undefined {
    return this.rects.get(slot);
  }

  get pixelRatio(): number {
    return this.renderer?.pixelRatio ?? 1;
  }

  /** Each slot's content: the layout's, or the orientation the user picked for that slot. */
  get slotContents(): ViewportContent[] {
    return LAYOUTS[this.layout].slots.map((content, slot) => (content === '3d' || content === 'curved' ? content : this.slotOrientation.get(slot) ?? content));
  }

  /** Per-slot choices: another orientation, another series of the same frame of reference. */
  private readonly slotOrientation = new Map<number, Orientation>();
  private readonly slotSeriesUid = new Map<number, string>();

  /**
   * Image series that share the primary's frame of reference (fusion, side-by-side linked views),
   * and the compared study's series once registered into it.
   */
  get sameFrameSeries(): SeriesEntry[] {
    const frame = this.primary?.plan?.frameOfReferenceUid;
    const same = this.series.filter((s) => s !== this.primary && s.status !== 'not-an-image' && s.status !== 'error' && (!s.plan || s.plan.frameOfReferenceUid === frame));
    return this.compared && this.compared.status !== 'error' ? [...same, this.compared] : same;
  }

  /**
   * Compare with another study of the patient: its image series is registered onto the primary
   * on the server, loaded into the primary's space, and shown beside it (1×2, linked); it can
   * also be blended over it with the fusion control.
   */
  async compareWith(study: StudySummary | undefined): Promise<void> {
    this.compared?.gpu?.dispose();
    this.compared = undefined;
    this.comparison = study && new Comparison(study);
    this.notify();
    const comparison = this.comparison, primary = this.primary;
    if (!comparison || !primary) return;
    try {
      await comparison.register({ studyUid: this.studyUid, seriesUid: primary.summary.seriesUid });
      if (this.comparison !== comparison) return;
      comparison.status = 'loading';
      this.compared = { summary: comparison.series!, status: 'idle', toPrimary: comparison.toPrimary };
      this.notify();
      await this.ensureLoaded(this.compared);
      comparison.status = this.compared.status === 'ready' ? 'ready' : 'error';
      comparison.error = this.compared.error;
      if (comparison.status === 'ready') {
        // Side by side in the same plane: the left slot the open study, the right the compared one.
        this.setLayout('1x2');
        this.slots = []; // both slots fit the same new pane size: same zoom, no pan, linked
        this.setSlotOrientation(1, this.slotContents[0] as Orientation);
        await this.showInSlot(1, this.compared.summary.seriesUid);
      }
    } catch (e) {
      comparison.status = 'error';
      comparison.error = e instanceof Error ? e.message : String(e);
    }
    this.notify();
  }

  /** The series a slot shows: its own pick when that shares the primary's frame of reference, else the primary. */
  seriesOfSlot(slot: number): SeriesEntry | undefined {
    const uid = this.slotSeriesUid.get(slot);
    const own = uid ? this.sameFrameSeries.find((s) => s.summary.seriesUid === uid) : undefined;
    return own ?? this.primary;
  }

  /**
   * Show another series of the same frame of reference in one slot. All slots share the crosshair
   * centre in patient coordinates, so scrolling any of them scrolls the others: linked scrolling.
   */
  async showInSlot(slot: number, seriesUid: string | undefined): Promise<void> {
    const entry = seriesUid ? this.sameFrameSeries.find((s) => s.summary.seriesUid === seriesUid) : undefined;
    if (entry) this.slotSeriesUid.set(slot, entry.summary.seriesUid);
    else this.slotSeriesUid.delete(slot);
    this.notify();
    if (entry) await this.ensureLoaded(entry);
    this.notify();
  }

  setSlotOrientation(slot: number, o: Orientation | undefined): void {
    if (o) this.slotOrientation.set(slot, o);
    else this.slotOrientation.delete(slot);
    this.slots[slot] = { pan: [0, 0] };
    this.notify();
  }

  setLayout(l: LayoutName): void {
    if (this.layout === l) return;
    this.layout = l;
    this.slotOrientation.clear();
    this.rects.clear(); // the new panes report theirs when they mount
    this.notify();
  }

  /** List the study's series and open the first CT (or the largest image series). */
  async open(): Promise<void> {
    try {
      const list = await listSeries(this.studyUid);
      this.series = list.map((summary) => ({ summary, status: NOT_IMAGE_MODALITIES.has(summary.modality) ? 'not-an-image' : 'idle' }));
      this.notify();
      const images = this.series.filter((s) => s.status === 'idle');
      const first = images.find((s) => s.summary.modality === 'CT') ?? [...images].sort((a, b) => b.summary.instanceCount - a.summary.instanceCount)[0];
      if (!first) throw new Error('this study has no image series');
      await this.showSeries(first.summary.seriesUid);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.notify();
      for (const w of this.completeWaiters.splice(0)) w();
    }
  }

  /** List the study's series again (after storing a new one), keeping the loaded ones. */
  async refreshSeries(): Promise<void> {
    const list = await listSeries(this.studyUid);
    const known = new Map(this.series.map((s) => [s.summary.seriesUid, s]));
    this.series = list.map((summary) => known.get(summary.seriesUid) ?? { summary, status: NOT_IMAGE_MODALITIES.has(summary.modality) ? 'not-an-image' : 'idle' });
    this.notify();
  }

  /** Plan, allocate and stream a series; `onPlanned` runs once its geometry is known, before any slice arrives. */
  private async ensureLoaded(entry: SeriesEntry, onPlanned?: () => void): Promise<void> {
    if (entry.status !== 'idle' || !this.renderer) return;
    try {
      entry.status = 'planning';
      this.notify();
      entry.plan = planSeries(await seriesMetadata(entry.summary.studyUid, entry.summary.seriesUid));
      // A registered series of another study sits in the primary's space: same voxels, moved grid.
      if (entry.toPrimary) entry.plan.plan.indexToWorld = mat4Multiply(entry.toPrimary, entry.plan.plan.indexToWorld);
      entry.gpu = this.renderer.createVolume({
        dimensions: entry.plan.plan.dimensions, indexToWorld: entry.plan.plan.indexToWorld, voxelType: entry.plan.voxelType, maxTextureSize: this.maxTextureSize,
      });
      if (entry.gpu.decimation.some((f) => f > 1)) {
        entry.fullRes = new FullResolutionSlice(this.renderer, entry.summary.studyUid, entry.summary.seriesUid, entry.plan, this.pool, () => this.notify());
      }
      entry.status = 'loading';
      onPlanned?.();
      this.notify();
      const started = performance.now();
      const progress = await loadSeries(entry.summary.studyUid, entry.summary.seriesUid, entry.plan, entry.gpu, this.pool, {
        onSlice: (p) => {
          entry.progress = { ...p };
          if (entry.firstSliceMs === undefined && p.loaded > 0) {
            entry.firstSliceMs = performance.now() - started;
            this.notify();
          } else this.notifySoon();
        },
      });
      entry.completeAt = performance.now();
      entry.completeMs = entry.completeAt - started;
      entry.progress = progress;
      if (progress.loaded === 0) throw new Error(progress.firstError ?? 'no slice could be loaded');
      entry.status = 'ready';
      if (progress.failed > 0) entry.error = `${progress.failed} of ${progress.total} slices failed: ${progress.firstError}`;
    } catch (e) {
      entry.status = 'error';
      entry.error = e instanceof Error ? e.message : String(e);
      entry.gpu?.dispose();
      entry.gpu = undefined;
      entry.fullRes?.dispose();
      entry.fullRes = undefined;
    }
    this.notify();
    if (this.allSettled) for (const w of this.completeWaiters.splice(0)) w();
  }

  /** The shown series has loaded (or failed) and no other series is planning or loading. */
  private get allSettled(): boolean {
    const done = (s: SeriesEntry) => s.status !== 'planning' && s.status !== 'loading';
    return (!!this.error || (!!this.primary && this.primary.status !== 'idle' && done(this.primary))) && this.series.every(done);
  }

  /** Resolves once the shown series is on the GPU (or failed) and nothing else is loading. */
  settled(): Promise<void> {
    return this.allSettled ? Promise.resolve() : new Promise((r) => this.completeWaiters.push(r));
  }

  /** Show a series in the MPR views (loads it if needed); the crosshairs reset to its centre. */
  async showSeries(seriesUid: string): Promise<void> {
    const entry = this.series.find((s) => s.summary.seriesUid === seriesUid);
    if (!entry) return;
    this.primary = entry;
    // A comparison was registered onto the previous primary series.
    if (this.comparison) void this.compareWith(undefined);
    this.volume3d?.dispose();
    this.volume3d = undefined; // the next series gets its modality's preset and its own histogram
    this.slotSeriesUid.clear();
    this.mpr = undefined;
    this.curved = undefined;
    this.notify();
    // The views are set up as soon as the geometry is known, so the first slice shows when it arrives.
    const setUp = () => {
      if (this.primary !== entry || !entry.plan || this.mpr) return;
      this.mpr = initialMprState(entry.plan.plan.dimensions, entry.plan.plan.indexToWorld);
      this.viewAnchor = this.mpr.centre;
      this.display = { ...this.display, window: initialWindow(entry.plan.modality, entry.plan.window) };
      this.slots = [];
    };
    await this.ensureLoaded(entry, setUp);
    setUp();
    this.notify();
  }

  /** Start (or return) the segmentation of the primary series: label layers on its grid. */
  startSegmentation(): SegmentationSession | undefined {
    const p = this.primary;
    if (!this.renderer || !p?.plan) return undefined;
    if (this.segmentation?.seriesUid !== p.summary.seriesUid) {
      this.segmentation?.dispose();
      this.segmentation = new SegmentationSession(this.renderer, p.plan, { studyUid: this.studyUid, seriesUid: p.summary.seriesUid, pool: this.pool }, () => this.notify());
      this.notify();
    }
    return this.segmentation;
  }

  /** Blend a second series (same frame of reference) over the primary one; undefined removes it. */
  async setFusion(seriesUid: string | undefined): Promise<void> {
    const entry = seriesUid ? this.sameFrameSeries.find((s) => s.summary.seriesUid === seriesUid) : undefined;
    this.fusion = entry;
    this.notify();
    if (entry) await this.ensureLoaded(entry);
    if (entry?.plan?.modality === 'PT') this.fusionSettings = { ...this.fusionSettings, window: { center: 2.5, width: 5 } };
    this.notify();
  }

  /** Load every other image series too (so a failing one shows its error while the rest work). */
  async loadAll(): Promise<void> {
    await Promise.all(this.series.filter((s) => s.status === 'idle').map((s) => this.ensureLoaded(s)));
  }

  setMpr(m: MprState): void {
    this.mpr = m;
    this.notify();
  }

  slotView(slot: number): SlotView {
    return (this.slots[slot] ??= { pan: [0, 0] });
  }

  /**
   * Change a slot's zoom or pan. While another study is compared, the slots of the same
   * orientation take the same zoom and pan: the two studies stay linked as the reader moves.
   */
  adjustView(slot: number, change: (sv: SlotView) => void): void {
    const sv = this.slotView(slot);
    change(sv);
    if (this.comparison?.status !== 'ready') return;
    const content = this.slotContents[slot];
    this.slotContents.forEach((other, s) => {
      if (s !== slot && other === content) this.slots[s] = { pan: [...sv.pan], mmPerPixel: sv.mmPerPixel };
    });
  }

  /** The plane or curved view a slot shows now, or undefined (nothing loaded, 3D slot). */
  viewOf(slot: number): PlaneView | CurvedView | undefined {
    const content = this.slotContents[slot];
    const rect = this.rects.get(slot);
    const gpu = this.primary?.gpu;
    if (!rect || !gpu || !this.mpr) return undefined;
    if (content === 'curved') return this.curved?.view(rect, this.pixelRatio);
    if (content === '3d') return undefined;
    const axes = this.mpr.axes[content];
    const sv = this.slotView(slot);
    sv.mmPerPixel ??= this.fitZoom(content, rect);
    // The viewport's middle: the view's anchor moved by its pan, projected onto the plane through
    // the crosshair centre. Scrolling or moving the crosshairs moves the plane, not the picture.
    const a = this.viewAnchor ?? this.mpr.centre;
    const base: Vec3 = [0, 1, 2].map((i) => a[i] - sv.pan[0] * axes.row[i] - sv.pan[1] * axes.column[i]) as Vec3;
    const n = planeNormalOf(axes);
    const c = this.mpr.centre;
    const d = (c[0] - base[0]) * n[0] + (c[1] - base[1]) * n[1] + (c[2] - base[2]) * n[2];
    const centre: Vec3 = [base[0] + d * n[0], base[1] + d * n[1], base[2] + d * n[2]];
    return { kind: 'plane', centre, row: axes.row, column: axes.column, mmPerPixel: sv.mmPerPixel, slab: this.mpr.slab };
  }

  /** Pan a planar slot so that LPS point p sits in its middle. */
  centreOn(slot: number, p: Vec3): void {
    const content = this.slotContents[slot];
    if (!this.mpr || content === 'curved' || content === '3d') return;
    const { row, column } = this.mpr.axes[content];
    const a = this.viewAnchor ?? this.mpr.centre;
    const rel: Vec3 = [a[0] - p[0], a[1] - p[1], a[2] - p[2]];
    this.adjustView(slot, (sv) => { sv.pan = [rel[0] * row[0] + rel[1] * row[1] + rel[2] * row[2], rel[0] * column[0] + rel[1] * column[1] + rel[2] * column[2]]; });
    this.notify();
  }

  /** Zoom that fits the volume's extent along the view's axes into the viewport. */
  private fitZoom(o: Orientation, rect: ViewportRect): number {
    const p = this.primary!.plan!.plan;
    const m = p.indexToWorld;
    const ext = (dir: Vec3) => {
      let e = 0;
      for (let a = 0; a < 3; a++) {
        const col: Vec3 = [m[a * 4], m[a * 4 + 1], m[a * 4 + 2]];
        e += Math.abs(col[0] * dir[0] + col[1] * dir[1] + col[2] * dir[2]) * p.dimensions[a];
      }
      return e;
    };
    const axes = this.mpr!.axes[o];
    const pr = this.pixelRatio;
    return 1.05 * Math.max(ext(axes.row) / (rect.width * pr), ext(axes.column) / (rect.height * pr));
  }

  private drawOf(slot: number): ViewportDraw | undefined {
    const view = this.viewOf(slot);
    const rect = this.rects.get(slot);
    const shown = this.seriesOfSlot(slot);
    if (!view || !rect || !shown?.gpu) return undefined;
    const fusion = this.fusion?.gpu && this.fusion !== shown ? { volume: this.fusion.gpu, settings: this.fusionSettings } : undefined;
    // Label layers are drawn by world position, so they overlay any series of the frame of reference.
    const labels = this.segmentation && this.segmentation.segments.length > 0 ? this.segmentation.overlay : undefined;
    return { rect, volume: this.fullResolution(shown, view) ?? shown.gpu, view, display: this.display, fusion, labels };
  }

  /**
   * For a decimated series, the full-resolution slice when the view is a thin plane through an
   * acquired slice's centre (fetched on first use; the decimated texture shows meanwhile).
   */
  private fullResolution(entry: SeriesEntry, view: PlaneView | CurvedView): GpuVolume | undefined {
    if (!entry.fullRes || !entry.plan || view.kind !== 'plane' || view.slab) return undefined;
    const m = entry.plan.plan.indexToWorld;
    const kAxis = normalize([m[8], m[9], m[10]]);
    const n = normalize(cross(view.row, view.column));
    if (Math.abs(dot(kAxis, n)) < 0.9999) return undefined;
    const k = transformPoint(mat4Invert(m), view.centre)[2];
    const slice = Math.round(k);
    if (Math.abs(k - slice) > 1e-3 || slice < 0 || slice >= entry.plan.plan.dimensions[2]) return undefined;
    return entry.fullRes.get(slice);
  }

  /** Whether a slot shows a full-resolution slice beside a decimated texture. */
  showsFullResolution(slot: number): boolean {
    const d = this.drawOf(slot);
    return !!d && d.volume === this.seriesOfSlot(slot)?.fullRes?.gpu;
  }

  requestRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Draw now (tests call it for a render-complete point). */
  render(): void {
    if (!this.renderer) return;
    const draws: (ViewportDraw | SurfaceDraw)[] = [];
    this.slotContents.forEach((content, slot) => {
      const d = content === '3d' ? this.surfaceDraw(slot) : this.drawOf(slot);
      if (d) draws.push(d);
    });
    this.renderer.draw(draws);
    const refining = this.renderer.refining;
    if (refining) this.requestRender(); // a cinematic view adds samples while it rests
    // Its label's sample count follows twice a second, and once more when the image is final.
    if ((refining && performance.now() - this.lastRefineNotice > 500) || (!refining && this.wasRefining)) {
      this.lastRefineNotice = performance.now();
      for (const fn of this.listeners) fn();
    }
    this.wasRefining = refining;
    const p = this.primary;
    if (p && p.firstImageAt === undefined && (p.progress?.loaded ?? 0) > 0 && draws.length > 0) p.firstImageAt = performance.now();
  }

  /** A 3D slot: the segment surfaces around the primary volume. */
  private surfaceDraw(slot: number): SurfaceDraw | undefined {
    const rect = this.rects.get(slot);
    const plan = this.primary?.plan?.plan;
    if (!rect || !plan) return undefined;
    this.surfaces ??= new SurfaceView(() => this.notify());
    const gpu = this.primary?.gpu;
    this.surfaces.sync(this.segmentation, gridBounds(plan.dimensions, plan.indexToWorld), this.mpr, gpu && { volume: gpu, window: this.display.window });
    const d = this.surfaces.draw(rect);
    if (!d) return undefined;
    this.volume3d ??= new VolumeView(this.primary?.plan?.modality, () => this.notify());
    const labels = this.segmentation && this.segmentation.segments.length > 0 ? this.segmentation.overlay.map : undefined;
    const f = this.fusion;
    return this.renderer && this.volume3d.decorate(d, this.renderer.view3d.raycaster, {
      volume: this.primary?.gpu, labels, mpr: this.mpr,
      fused: f?.gpu && { volume: f.gpu, seriesUid: f.summary.seriesUid, modality: f.plan?.modality ?? '' },
    });
  }

  private lastRefineNotice = 0;
  private wasRefining = false;

  /** Paths per pixel the cinematic 3D view has accumulated. */
  get cinematicSamples(): number {
    return this.renderer?.view3d.pathTracer.samples ?? 0;
  }

  /** The point of the 3D slot's volume rendering under a CSS pixel of it (LPS mm), where it is opaque enough. */
  pickVolume(slot: number, x: number, y: number): Vec3 | undefined {
    const d = this.surfaceDraw(slot);
    if (!d || !this.renderer) return undefined;
    const pr = this.renderer.pixelRatio;
    return this.renderer.view3d.pickVolume(d, x * pr, y * pr, Math.round(d.rect.width * pr), Math.round(d.rect.height * pr));
  }

  /** Wait until the GPU has finished the frames drawn so far (benchmarks time real frames, not command submission). */
  finishGpu(): void {
    this.renderer?.finish();
  }

  /** The colours a slot shows now (any content, 3D included), from the canvas. */
  readColors(slot: number): { width: number; height: number; rgba: Uint8Array } | undefined {
    const rect = this.rects.get(slot);
    return rect && this.renderer?.readColors(rect);
  }

  /** The real values a slot shows, one per device pixel (probe, ROI statistics, tests). */
  readValues(slot: number, view?: PlaneView, rect?: ViewportRect): ViewportValues | undefined {
    const d = this.drawOf(slot);
    if (!d || !this.renderer) return undefined;
    return this.renderer.readValues({ ...d, view: view ?? d.view, rect: rect ?? d.rect, fusion: undefined });
  }

  /** Screen (CSS px within the viewport) → LPS, on a planar slot. */
  screenToWorld(slot: number, x: number, y: number): Vec3 | undefined {
    const view = this.viewOf(slot);
    const rect = this.rects.get(slot);
    if (!view || view.kind !== 'plane' || !rect) return undefined;
    const pr = this.pixelRatio;
    const plane = planeOfView(view, Math.round(rect.width * pr), Math.round(rect.height * pr));
    const px = x * pr - 0.5, py = y * pr - 0.5;
    return [0, 1, 2].map((i) => plane.origin[i] + px * plane.spacing[0] * plane.row[i] + py * plane.spacing[1] * plane.column[i]) as Vec3;
  }

  /** LPS → screen (CSS px within the viewport) and the distance from the plane in mm. */
  worldToScreen(slot: number, p: Vec3): [number, number, number] | undefined {
    const view = this.viewOf(slot);
    const rect = this.rects.get(slot);
    if (!view || view.kind !== 'plane' || !rect) return undefined;
    const pr = this.pixelRatio;
    const plane = planeOfView(view, Math.round(rect.width * pr), Math.round(rect.height * pr));
    const d: Vec3 = [p[0] - plane.origin[0], p[1] - plane.origin[1], p[2] - plane.origin[2]];
    const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    const n = planeNormalOf({ row: plane.row, column: plane.column });
    return [(dot(d, plane.row) / plane.spacing[0] + 0.5) / pr, (dot(d, plane.column) / plane.spacing[1] + 0.5) / pr, dot(d, n)];
  }

  /** Smallest voxel spacing of the primary volume (scroll step, slab step). */
  get minSpacing(): number {
    const m = this.primary?.plan?.plan.indexToWorld;
    if (!m) return 1;
    return Math.min(length([m[0], m[1], m[2]]), length([m[4], m[5], m[6]]), length([m[8], m[9], m[10]]));
  }

  /**
   * One scroll step along a view's normal: the largest projection of a voxel's edge on it, so
   * scrolling an acquired plane moves one slice and an oblique one about one voxel.
   */
  scrollStepMm(o: Orientation): number {
    const m = this.primary?.plan?.plan.indexToWorld;
    if (!m || !this.mpr) return this.minSpacing;
    const n = planeNormalOf(this.mpr.axes[o]);
    return Math.max(...[0, 4, 8].map((i) => Math.abs(m[i] * n[0] + m[i + 1] * n[1] + m[i + 2] * n[2])), 1e-3);
  }

  /** Scroll a view by whole steps (mouse wheel, cine, keyboard). */
  scroll(o: Orientation, steps: number): void {
    if (this.mpr) this.setMpr(scrollMpr(this.mpr, o, steps * this.scrollStepMm(o)));
  }

  /** GPU bytes of the loaded volumes and label layers. */
  get gpuBytes(): number {
    return this.series.reduce((n, s) => n + (s.gpu?.bytes ?? 0) + (s.fullRes?.bytes ?? 0), 0) + (this.segmentation?.gpu.bytes ?? 0);
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.progressTimer);
    this.pool.dispose();
    for (const s of this.series) { s.gpu?.dispose(); s.fullRes?.dispose(); }
    this.compared?.gpu?.dispose();
    this.segmentation?.dispose();
    this.surfaces?.dispose();
    this.volume3d?.dispose();
    this.renderer?.dispose();
  }
}
