import type { Vec3 } from '@voxa/core';
import { orbitCamera, panCamera, presetCamera, SurfaceScene, type CameraPreset, type OrbitCamera, type SurfaceDraw, type ViewportRect } from '@voxa/render';
import type { SegmentationSession } from '../segmentation/SegmentationSession.ts';
import type { SurfaceRequest, SurfaceResponse } from './surfaceJobs.ts';

/** Wait this long after the last voxel change before rebuilding surfaces (a brush stroke is many changes). */
const REBUILD_DELAY_MS = 250;

/**
 * The 3D view: the segmentation's visible segments as smoothed surfaces (built in a worker
 * whenever the voxels change), an orbit camera with the six standard presets, and picking — a
 * click on a surface answers its LPS point, which the planar views jump to.
 */
export class SurfaceView {
  readonly scene = new SurfaceScene();
  camera?: OrbitCamera;
  /** What the view says about itself: building, how many surfaces, or an error. */
  status = '';
  private worker?: Worker;
  private builtVersion = -1;
  private styledVersion = -1;
  private requested = -1;
  private timer = 0;
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private session?: SegmentationSession;

  constructor(private readonly onChange: () => void) {}

  /** Called on every render: rebuild surfaces when the voxels changed, restyle when colours did. */
  sync(seg: SegmentationSession | undefined, volumeBounds: { lo: Vec3; hi: Vec3 } | undefined): void {
    this.camera ??= volumeBounds && presetCamera('anterior', volumeBounds.lo, volumeBounds.hi);
    if (!seg) return;
    if (seg !== this.session) {
      // Another series' segmentation: its versions start again.
      this.session = seg;
      this.requested = this.builtVersion = this.styledVersion = -1;
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
      for (const m of r.surfaces) {
        const g = s.segments.find((q) => q.number === m.number);
        if (g) this.scene.setSurface(m.number, m, { rgb: g.color, opacity: g.opacity, visible: g.visible });
      }
      const triangles = r.surfaces.reduce((t, m) => t + m.indices.length / 3, 0);
      this.status = `${r.surfaces.length} segment surface${r.surfaces.length === 1 ? '' : 's'}, ${triangles.toLocaleString('en')} triangles, ${Math.round(r.ms)} ms`;
    }
    this.builtVersion = version;
    this.styledVersion = seg.styleVersion;
    this.onChange();
    if (this.requested === version) for (const w of this.waiters.splice(0)) w();
  }

  /** Colours, opacity and visibility; a segment shown for the first time needs its surface built. */
  private restyle(seg: SegmentationSession): void {
    this.styledVersion = seg.styleVersion;
    let missing = false;
    for (const g of seg.segments) {
      if (this.scene.ids().includes(g.number)) this.scene.setStyle(g.number, { rgb: g.color, opacity: g.opacity, visible: g.visible });
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

  dispose(): void {
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.scene.dispose();
  }
}
