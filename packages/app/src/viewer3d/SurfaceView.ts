import type { ColorLegend, Vec3 } from '@voxa/core';
import { orbitCamera, panCamera, presetCamera, SurfaceScene, type CameraPreset, type SliceSource, type OrbitCamera, type SurfaceDraw, type ViewportRect } from '@voxa/render';
import type { SegmentationSession } from '../segmentation/SegmentationSession.ts';
import { ORIENTATIONS, planeNormalOf, type MprState } from '../viewer/MprState.ts';
import { planeBoxOutline } from './planeBoxOutline.ts';
import type { SurfaceRequest, SurfaceResponse, SurfaceResult } from './surfaceJobs.ts';
import type { SurfaceMapKind, SurfaceMapStats } from './surfaceMap.ts';
import type { SurfaceMapRequest, SurfaceMapResponse } from './surfaceMapJobs.ts';

/** The MPR planes' colours, as their crosshair lines in the planar views. */
const PLANE_RGB = { axial: [255, 92, 92], coronal: [92, 214, 92], sagittal: [240, 208, 0] } as const;

/** Wait this long after the last voxel change before rebuilding surfaces (a brush stroke is many changes). */
const REBUILD_DELAY_MS = 250;

/** Which per-vertex map to show: on `segment`'s surface, its thickness or its distance to `other`'s. */
export interface SurfaceMapSpec {
  kind: SurfaceMapKind;
  segment: number;
  other?: number;
}

/** A map on the view: what was asked, its legend and its values' summary (mm). */
export interface SurfaceMapState extends SurfaceMapSpec {
  legend: ColorLegend;
  stats: SurfaceMapStats;
}

/**
 * The 3D view: the segmentation's visible segments as smoothed surfaces (built in a worker
 * whenever the voxels change), an orbit camera with the six standard presets, and picking — a
 * click on a surface answers its LPS point, which the planar views jump to. A per-vertex map
 * (thickness, distance to another segment) colours one surface, computed in its own worker and
 * again whenever the surfaces are rebuilt.
 */
export class SurfaceView {
  readonly scene = new SurfaceScene();
  camera?: OrbitCamera;
  /** What the view says about itself: building, how many surfaces, or an error. */
  status = '';
  /** A click picks (and moves the slices there), or marks a point of a 3D distance. */
  mode: 'pick' | 'measure' = 'pick';
  /** The last surface picked: which segment, where (LPS mm). */
  picked?: { number: number; label: string; point: Vec3 };
  /** The 3D distance's points (at most two). */
  measure: Vec3[] = [];
  /** Only this segment is shown (undefined: all visible ones). */
  isolated?: number;
  /** Explode factor: 0 keeps the anatomy, 1 doubles each surface's distance from the middle. */
  explode = 0;
  showPlanes = true;
  showSlices = false;
  /** The map asked for (it stays asked while its surfaces are rebuilt). */
  mapSpec?: SurfaceMapSpec;
  /** The map on the surfaces now, once computed. */
  map?: SurfaceMapState;
  /** What the view says about the map: computing, its range, or why there is none. */
  mapStatus = '';
  private worker?: Worker;
  private mapWorker?: Worker;
  /** The last build's surfaces (shared with the scene's geometry), the map's input. */
  private built = new Map<number, SurfaceResult>();
  private mapJob: Promise<void> = Promise.resolve();
  private mapToken = 0;
  private builtVersion = -1;
  private styledVersion = -1;
  private requested = -1;
  private timer = 0;
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private session?: SegmentationSession;

  constructor(private readonly onChange: () => void) {}

  /** Called on every render: rebuild surfaces when the voxels changed, restyle when colours did. */
  sync(seg: SegmentationSession | undefined, volumeBounds: { lo: Vec3; hi: Vec3 } | undefined, mpr?: MprState, slice?: SliceSource): void {
    this.camera ??= volumeBounds && presetCamera('anterior', volumeBounds.lo, volumeBounds.hi);
    this.syncPlanes(mpr, volumeBounds);
    this.syncSlices(mpr, volumeBounds, slice);
    if (!seg) return;
    if (seg !== this.session) {
      // Another series' segmentation: its versions start again.
      this.session = seg;
      this.requested = this.builtVersion = this.styledVersion = -1;
      this.mapSpec = this.map = undefined;
      this.mapStatus = '';
    }
    if (seg.voxelVersion !== this.requested) {
      this.requested = seg.voxelVersion;
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.build(seg), REBUILD_DELAY_MS);
    } else if (seg.styleVersion !== this.styledVersion && this.builtVersion === seg.voxelVersion) {
      this.restyle(seg);
    }
  }

  /** Resolves once the surfaces match the segmentation's voxels (tests; no sleeps). */
  settled(seg: SegmentationSession): Promise<void> {
    if (this.builtVersion === seg.voxelVersion && this.requested === seg.voxelVersion) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The MPR planes' cuts through the volume box, redrawn when the planes move. */
  private syncPlanes(mpr: MprState | undefined, b: { lo: Vec3; hi: Vec3 } | undefined): void {
    const key = mpr && b && this.showPlanes ? `${mpr.centre}|${ORIENTATIONS.map((o) => planeNormalOf(mpr.axes[o])).join('|')}` : '';
    if (key === this.planesKey) return;
    this.planesKey = key;
    this.scene.setOutlines(!key ? [] : ORIENTATIONS.map((o) => ({ corners: planeBoxOutline(mpr!.centre, planeNormalOf(mpr!.axes[o]), b!.lo, b!.hi), rgb: [...PLANE_RGB[o]] as [number, number, number] })));
  }

  private planesKey = '';

  /** The MPR planes as slices painted with the voxels (off by default: they hide what lies behind them). */
  private syncSlices(mpr: MprState | undefined, b: { lo: Vec3; hi: Vec3 } | undefined, source: SliceSource | undefined): void {
    const on = mpr && b && source && this.showSlices;
    const key = on ? `${mpr.centre}|${ORIENTATIONS.map((o) => planeNormalOf(mpr.axes[o])).join('|')}|${source.volume.id}.${source.volume.complete}|${source.window.center},${source.window.width}` : '';
    if (key === this.slicesKey) return;
    this.slicesKey = key;
    this.scene.setSlices(on ? ORIENTATIONS.map((o) => planeBoxOutline(mpr.centre, planeNormalOf(mpr.axes[o]), b.lo, b.hi)) : [], on ? source : undefined);
  }

  private slicesKey = '';

  /**
   * A click on the view: in 'pick' mode answers the surface point (the caller moves the slices
   * there) and remembers which segment it was; in 'measure' mode adds a point of the distance.
   */
  click(x: number, y: number, rect: ViewportRect): Vec3 | undefined {
    const hit = this.pick(x, y, rect);
    if (!hit) return undefined;
    const g = this.session?.segments.find((q) => q.number === hit.id);
    this.picked = { number: hit.id, label: g?.label ?? `segment ${hit.id}`, point: hit.point };
    if (this.mode === 'measure') {
      this.measure = this.measure.length >= 2 ? [hit.point] : [...this.measure, hit.point];
      this.scene.setMarkers(this.measure, Math.max(0.5, (this.camera?.heightMm ?? 300) / 250));
    }
    this.onChange();
    return hit.point;
  }

  /** The 3D distance between the two measured points (mm), once both are set. */
  get distanceMm(): number | undefined {
    const [a, b] = this.measure;
    return b && Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  }

  setMode(mode: SurfaceView['mode']): void {
    this.mode = mode;
    if (mode === 'pick') {
      this.measure = [];
      this.scene.setMarkers([], 1);
    }
    this.onChange();
  }

  /** Show one segment alone (or all again with undefined). */
  isolate(number: number | undefined): void {
    this.isolated = number;
    if (this.session) this.restyle(this.session);
  }

  setExplode(factor: number): void {
    this.explode = factor;
    this.applyExplode();
    this.onChange();
  }

  /** Each surface moved away from the middle of all of them by `explode` × its centre's offset. */
  private applyExplode(): void {
    const ids = this.scene.ids();
    const centres = new Map(ids.map((id) => [id, this.scene.centreOf(id)] as const));
    const known = [...centres.values()].filter((c): c is Vec3 => !!c);
    const mid: Vec3 = [0, 1, 2].map((i) => known.reduce((t, c) => t + c[i], 0) / Math.max(1, known.length)) as Vec3;
    const offsets = new Map<number, Vec3>();
    for (const [id, c] of centres) if (c && this.explode > 0) offsets.set(id, [0, 1, 2].map((i) => this.explode * (c[i] - mid[i])) as Vec3);
    this.scene.setOffsets(offsets);
  }

  draw(rect: ViewportRect): SurfaceDraw | undefined {
    return this.camera && { rect, surfaces: this.scene, camera: this.camera };
  }

  preset(p: CameraPreset, volumeBounds?: { lo: Vec3; hi: Vec3 }): void {
    const b = this.scene.bounds() ?? volumeBounds;
    if (!b) return;
    this.camera = presetCamera(p, b.lo, b.hi, this.camera?.projection);
    this.onChange();
  }

  setProjection(projection: OrbitCamera['projection']): void {
    if (this.camera) this.camera = { ...this.camera, projection };
    this.onChange();
  }

  /** Mouse drags: rotate by pixels (0.5° per pixel), pan by pixels, zoom by a factor. */
  rotate(dx: number, dy: number): void {
    if (this.camera) this.camera = orbitCamera(this.camera, (-dx * Math.PI) / 360, (-dy * Math.PI) / 360);
    this.onChange();
  }

  pan(dx: number, dy: number, rect: ViewportRect): void {
    if (!this.camera) return;
    const mmPerPixel = this.camera.heightMm / rect.height;
    this.camera = panCamera(this.camera, -dx * mmPerPixel, dy * mmPerPixel);
    this.onChange();
  }

  zoom(factor: number): void {
    if (this.camera) this.camera = { ...this.camera, heightMm: Math.max(1, this.camera.heightMm * factor) };
    this.onChange();
  }

  /** The segment and LPS point under a viewport point (CSS px from its top-left). */
  pick(x: number, y: number, rect: ViewportRect): { id: number; point: Vec3 } | undefined {
    if (!this.camera) return undefined;
    return this.scene.pick(this.camera, rect.width / rect.height, (2 * x) / rect.width - 1, 1 - (2 * y) / rect.height);
  }

  private async build(seg: SegmentationSession): Promise<void> {
    const version = seg.voxelVersion;
    const s = seg.segmentation;
    const shown = s.segments.filter((g) => g.visible && g.opacity > 0);
    const used = [...new Set(shown.map((g) => g.layer))];
    const request: SurfaceRequest = {
      id: this.nextId++, dimensions: s.dimensions, indexToWorld: s.indexToWorld,
      // Copies: the worker owns them, the label layers stay editable meanwhile.
      layers: s.layers.map((l, i) => (used.includes(i) ? l.slice() : new Uint8Array(0))),
      segments: shown.map((g) => ({ number: g.number, layer: g.layer, value: g.value })),
    };
    this.status = shown.length ? `building ${shown.length} surface${shown.length === 1 ? '' : 's'}…` : '';
    this.onChange();
    const r = await this.post(request);
    if (version !== seg.voxelVersion) return; // edited meanwhile: a newer build is on its way
    if (!r.ok) {
      this.status = `surfaces: ${r.error}`;
    } else {
      const keep = new Set(r.surfaces.map((m) => m.number));
      for (const id of this.scene.ids()) if (!keep.has(id)) this.scene.remove(id);
      this.built = new Map(r.surfaces.map((m) => [m.number, m]));
      for (const m of r.surfaces) {
        const g = s.segments.find((q) => q.number === m.number);
        if (g) this.scene.setSurface(m.number, m, { rgb: g.color, opacity: g.opacity, visible: g.visible && (this.isolated === undefined || this.isolated === g.number) });
      }
      this.applyExplode();
      const triangles = r.surfaces.reduce((t, m) => t + m.indices.length / 3, 0);
      this.status = `${r.surfaces.length} segment surface${r.surfaces.length === 1 ? '' : 's'}, ${triangles.toLocaleString('en')} triangles, ${Math.round(r.ms)} ms`;
    }
    this.builtVersion = version;
    this.styledVersion = seg.styleVersion;
    // New geometry dropped the old colours; started before the waiters run, so mapSettled sees it.
    if (r.ok && this.mapSpec) this.mapJob = this.computeMap(this.mapSpec);
    this.onChange();
    if (this.requested === version) for (const w of this.waiters.splice(0)) w();
  }

  /** Show a per-vertex map on a segment's surface (undefined removes it); `mapSettled` resolves when it is on. */
  setMap(spec: SurfaceMapSpec | undefined): void {
    this.mapSpec = spec;
    this.mapJob = this.computeMap(spec);
  }

  /** Resolves once the asked map is on the surfaces, or has failed (tests; no sleeps). */
  async mapSettled(): Promise<void> {
    let job: Promise<void>;
    do {
      job = this.mapJob;
      await job;
    } while (job !== this.mapJob);
  }

  private async computeMap(spec: SurfaceMapSpec | undefined): Promise<void> {
    const token = ++this.mapToken;
    this.map = undefined;
    const exists = (n: number | undefined) => n === undefined || !!this.session?.segments.some((g) => g.number === n);
    if (spec && !(exists(spec.segment) && exists(spec.other))) spec = this.mapSpec = undefined; // a segment was removed
    const name = (n: number | undefined) => this.session?.segments.find((g) => g.number === n)?.label ?? `segment ${n}`;
    const mesh = spec && this.built.get(spec.segment), other = spec?.other === undefined ? undefined : this.built.get(spec.other);
    if (!spec || !mesh || (spec.kind === 'distance' && !other)) {
      this.showMapColors(undefined);
      this.mapStatus = !spec ? '' : spec.kind === 'distance' && spec.other === undefined ? 'distance map: pick the other segment'
        : `${spec.kind} map: ${name(mesh ? spec.other : spec.segment)} has no surface (hidden or empty)`;
      this.onChange();
      return;
    }
    const what = spec.kind === 'thickness' ? `thickness of ${name(spec.segment)}` : `distance of ${name(spec.segment)} to ${name(spec.other)}`;
    this.mapStatus = `computing the ${what}…`;
    this.onChange();
    // Copies: the scene keeps drawing the originals; normals only where thickness needs them.
    const request: SurfaceMapRequest = {
      id: token, kind: spec.kind,
      mesh: { positions: mesh.positions.slice(), indices: mesh.indices.slice(), normals: spec.kind === 'thickness' ? mesh.normals.slice() : undefined },
      other: other && { positions: other.positions.slice(), indices: other.indices.slice() },
    };
    const r = await this.postMap(request);
    if (token !== this.mapToken) return; // asked again or rebuilt meanwhile
    if (!r.ok) {
      this.showMapColors(undefined);
      this.mapStatus = `${spec.kind} map: ${r.error}`;
    } else {
      this.showMapColors(spec.segment, r.rgb);
      this.map = { ...spec, legend: r.legend, stats: r.stats };
      const { min, mean, max } = r.stats;
      this.mapStatus = `${what}: ${min.toFixed(1)}–${max.toFixed(1)} mm, mean ${mean.toFixed(1)} mm (${Math.round(r.ms)} ms)`;
    }
    this.onChange();
  }

  /** Colours on one surface, the style's colour back on every other. */
  private showMapColors(id: number | undefined, rgb?: Uint8Array): void {
    for (const s of this.scene.ids()) if (s !== id && this.scene.hasVertexColors(s)) this.scene.setVertexColors(s, undefined);
    if (id !== undefined) this.scene.setVertexColors(id, rgb);
  }

  /** Colours, opacity and visibility; a segment shown for the first time needs its surface built. */
  private restyle(seg: SegmentationSession): void {
    this.styledVersion = seg.styleVersion;
    let missing = false;
    for (const g of seg.segments) {
      const shown = g.visible && (this.isolated === undefined || this.isolated === g.number);
      if (this.scene.ids().includes(g.number)) this.scene.setStyle(g.number, { rgb: g.color, opacity: g.opacity, visible: shown });
      else if (g.visible && g.opacity > 0) missing = true;
    }
    if (missing) {
      this.requested = -1; // the next sync rebuilds
    }
    this.onChange();
  }

  private post(request: SurfaceRequest): Promise<SurfaceResponse> {
    this.worker ??= new Worker(new URL('./surfaceWorker.ts', import.meta.url), { type: 'module', name: 'voxa-surfaces' });
    const w = this.worker;
    return new Promise((resolve) => {
      const on = (e: MessageEvent<SurfaceResponse>) => {
        if (e.data.id !== request.id) return;
        w.removeEventListener('message', on);
        resolve(e.data);
      };
      w.addEventListener('message', on);
      w.postMessage(request, request.layers.map((l) => l.buffer));
    });
  }

  private postMap(request: SurfaceMapRequest): Promise<SurfaceMapResponse> {
    this.mapWorker ??= new Worker(new URL('./surfaceMapWorker.ts', import.meta.url), { type: 'module', name: 'voxa-surface-maps' });
    const w = this.mapWorker;
    return new Promise((resolve) => {
      const done = (r: SurfaceMapResponse) => {
        w.removeEventListener('message', on);
        w.removeEventListener('error', failed);
        resolve(r);
      };
      const on = (e: MessageEvent<SurfaceMapResponse>) => { if (e.data.id === request.id) done(e.data); };
      // A worker that fails to load answers nothing: say so instead of computing forever.
      const failed = (e: ErrorEvent) => done({ id: request.id, ok: false, error: `the map worker failed (${e.message || 'it did not load'})` });
      w.addEventListener('message', on);
      w.addEventListener('error', failed);
      const { mesh, other } = request;
      w.postMessage(request, [mesh.positions.buffer, mesh.indices.buffer, ...(mesh.normals ? [mesh.normals.buffer] : []), ...(other ? [other.positions.buffer, other.indices.buffer] : [])]);
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.mapWorker?.terminate();
    this.scene.dispose();
  }
}
