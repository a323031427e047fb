/// <reference lib="webworker" />
import { surfaceMap } from './surfaceMap.ts';
import type { SurfaceMapRequest, SurfaceMapResponse } from './surfaceMapJobs.ts';

/**
 * Computes the 3D view's per-vertex maps off the UI thread (a BVH over a large surface and a
 * query per vertex take seconds); only the colours go back, by transfer.
 */
self.onmessage = (e: MessageEvent<SurfaceMapRequest>) => {
  const r = e.data;
  const t0 = performance.now();
  try {
    const { rgb, legend, stats } = surfaceMap(r.kind, r.mesh, r.other);
    reply({ id: r.id, ok: true, rgb, legend, stats, ms: performance.now() - t0 }, [rgb.buffer]);
  } catch (err) {
    reply({ id: r.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};

function reply(r: SurfaceMapResponse, transfer: Transferable[] = []): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(r, transfer);
}
