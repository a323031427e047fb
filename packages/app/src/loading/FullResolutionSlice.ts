import type { GpuVolume, ViewportRenderer } from '@voxa/render';
import type { FrameWorkerPool } from './FrameWorkerPool.ts';
import { frameUrl } from './loadSeries.ts';
import type { SeriesPlan } from './planSeries.ts';

/**
 * Beside a decimated 3D texture (a grid beyond MAX_3D_TEXTURE_SIZE): the acquired slice a view
 * rests on, at full resolution, as a one-slice GpuVolume. It is fetched again from WADO-RS when
 * the view moves to another slice (the loader keeps no slices), and drawn by the same shader.
 */
export class FullResolutionSlice {
  k?: number;
  gpu?: GpuVolume;
  private pending?: number;

  constructor(
    private readonly renderer: ViewportRenderer,
    private readonly studyUid: string,
    private readonly seriesUid: string,
    private readonly sp: SeriesPlan,
    private readonly pool: FrameWorkerPool,
    private readonly onReady: () => void,
  ) {}

  /** Slice k at full resolution, or undefined while it is being fetched (asked for now). */
  get(k: number): GpuVolume | undefined {
    if (this.k === k) return this.gpu;
    if (this.pending !== k) void this.fetch(k);
    return undefined;
  }

  private async fetch(k: number): Promise<void> {
    this.pending = k;
    const slice = this.sp.plan.slices[0][k];
    const [nx, ny] = this.sp.plan.dimensions;
    const r = await this.pool.run({ url: frameUrl(this.studyUid, this.seriesUid, slice), slices: [{ k, slice }], voxelType: this.sp.voxelType, nx, ny });
    if (this.pending !== k || !r.ok) return; // superseded, or failed (the decimated view stays)
    // The slice's own grid: the series' index→world with the origin moved to slice k (column-major).
    const m = Float64Array.from(this.sp.plan.indexToWorld);
    for (let i = 0; i < 3; i++) m[12 + i] += k * m[8 + i];
    this.gpu?.dispose();
    this.gpu = this.renderer.createVolume({ dimensions: [nx, ny, 1], indexToWorld: m, voxelType: this.sp.voxelType });
    this.gpu.setSlice(0, r.slices[0].values as never);
    this.k = k;
    this.pending = undefined;
    this.onReady();
  }

  get bytes(): number {
    return this.gpu?.bytes ?? 0;
  }

  dispose(): void {
    this.gpu?.dispose();
  }
}
