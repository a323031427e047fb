/// <reference lib="webworker" />
import { computeNormals, labelToMesh, smoothMesh } from '@voxa/core';
import type { SurfaceRequest, SurfaceResponse, SurfaceResult } from './surfaceJobs.ts';

/**
 * Builds the 3D view's segment surfaces off the UI thread: core's closed surface of each label
 * value, smoothed without shrinkage (windowed sinc), with normals; buffers go back by transfer.
 */
self.onmessage = (e: MessageEvent<SurfaceRequest>) => {
  const r = e.data;
  const t0 = performance.now();
  try {
    const surfaces: SurfaceResult[] = r.segments.map((g) => {
      const mesh = computeNormals(smoothMesh(labelToMesh(r.layers[g.layer], r.dimensions, r.indexToWorld, g.value)));
      return { number: g.number, positions: mesh.positions, normals: mesh.normals!, indices: mesh.indices };
    });
    const transfer = surfaces.flatMap((s) => [s.positions.buffer, s.normals.buffer, s.indices.buffer]);
    reply({ id: r.id, ok: true, surfaces, ms: performance.now() - t0 }, transfer);
  } catch (err) {
    reply({ id: r.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};

function reply(r: SurfaceResponse, transfer: Transferable[] = []): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(r, transfer);
}
