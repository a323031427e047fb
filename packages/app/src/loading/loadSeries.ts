import type { SliceRef, VoxelArray } from '@voxa/core';
import { DICOMWEB } from '../api/archive.ts';
import type { FrameWorkerPool } from './FrameWorkerPool.ts';
import type { SeriesPlan } from './planSeries.ts';

/** The WADO-RS URL of the frame that holds a slice. */
export function frameUrl(studyUid: string, seriesUid: string, slice: SliceRef): string {
  return `${DICOMWEB}/studies/${studyUid}/series/${seriesUid}/instances/${slice.instance.sopInstanceUid}/frames/${slice.frameIndex + 1}`;
}

/** Where decoded slices go: a GpuVolume, or a CPU volume for the segmentation tools. */
export interface SliceSink {
  setSlice(k: number, values: VoxelArray): unknown;
}

/** Progress of a loading series. */
export interface LoadProgress {
  loaded: number;
  total: number;
  failed: number;
  firstError?: string;
  clamped: number;
}

/**
 * Stream a planned series into its GPU volume (or another sink): one WADO-RS frame request per frame, fetched and
 * decoded by the worker pool, starting with `firstSlice` (the one on screen) and going outwards,
 * so the first image shows before the rest arrives. Each slice is uploaded as it comes and then
 * dropped. Time point 0 of a 4D series is loaded.
 */
export async function loadSeries(
  studyUid: string, seriesUid: string, sp: SeriesPlan, gpu: SliceSink, pool: FrameWorkerPool,
  options: { firstSlice?: number; onSlice?: (p: LoadProgress) => void; signal?: AbortSignal } = {},
): Promise<LoadProgress> {
  const stack = sp.plan.slices[0];
  const [nx, ny, nz] = sp.plan.dimensions;
  // Group slices by (instance, frame): a mosaic frame holds many slices.
  const frames = new Map<string, { k: number; slice: SliceRef }[]>();
  stack.forEach((slice, k) => {
    const key = `${slice.instance.sopInstanceUid}/${slice.frameIndex}`;
    frames.set(key, [...(frames.get(key) ?? []), { k, slice }]);
  });
  const centre = Math.min(nz - 1, Math.max(0, options.firstSlice ?? Math.floor(nz / 2)));
  const ordered = [...frames.values()].sort((a, b) => Math.abs(a[0].k - centre) - Math.abs(b[0].k - centre));
  const progress: LoadProgress = { loaded: 0, total: nz, failed: 0, clamped: 0 };
  await Promise.all(ordered.map(async (slices) => {
    const { instance } = slices[0].slice;
    const r = await pool.run({ url: frameUrl(studyUid, seriesUid, slices[0].slice), slices, voxelType: sp.voxelType, nx, ny });
    if (options.signal?.aborted) return;
    if (!r.ok) {
      progress.failed += slices.length;
      progress.firstError ??= `instance ${instance.sopInstanceUid} frame ${slices[0].slice.frameIndex + 1}: ${r.error}`;
    } else {
      for (const s of r.slices) {
        gpu.setSlice(s.k, s.values as never);
        if (s.clamped) progress.clamped++;
      }
      progress.loaded += r.slices.length;
    }
    options.onSlice?.(progress);
  }));
  return progress;
}
