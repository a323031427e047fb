import type { Volume } from '@voxa/core';
import type { LesionMeasures } from '@voxa/core';
import { jobTransfers, type AutoCtResult, type MaskJob, type SegRequest, type SegResponse } from './segJobs.ts';

type Pending = { resolve: (r: SegResponse & { ok: true }) => void; reject: (e: Error) => void };

/** Posts segmentation jobs to one worker that holds the image; typed arrays go across by transfer. */
export class SegWorkerClient {
  private readonly worker = new Worker(new URL('./segWorker.ts', import.meta.url), { type: 'module', name: 'voxa-segmentation' });
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker.onmessage = (e: MessageEvent<SegResponse>) => {
      const p = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      if (!p) return;
      if (e.data.ok) p.resolve(e.data);
      else p.reject(new Error(e.data.error));
    };
  }

  /** Hand the image to the worker (its voxel buffer is transferred: the caller's copy is emptied). */
  async setImage(v: Volume): Promise<void> {
    await this.post({ id: 0, kind: 'image', dimensions: v.dimensions, indexToWorld: v.indexToWorld, voxels: v.voxels, units: String(v.units) }, [v.voxels.buffer]);
  }

  async mask(job: MaskJob): Promise<Uint8Array> {
    return (await this.maskWithMeasures(job)).mask;
  }

  /** A job's mask, and for the lesion op what the worker measured on it. */
  async maskWithMeasures(job: MaskJob): Promise<{ mask: Uint8Array; lesion?: LesionMeasures }> {
    const r = await this.post({ id: 0, kind: 'mask', job }, jobTransfers(job));
    return { mask: r.mask!, lesion: r.lesion };
  }

  /** A copy of the image's voxels (made in the worker, transferred here): for the model worker, without fetching the series again. */
  async imageCopy(): Promise<ArrayBufferView> {
    return (await this.post({ id: 0, kind: 'image-copy' }, [])).voxels!;
  }

  async autoCt(): Promise<AutoCtResult> {
    return (await this.post({ id: 0, kind: 'auto-ct' }, [])).autoCt!;
  }

  private post(request: SegRequest, transfer: Transferable[]): Promise<SegResponse & { ok: true }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the segmentation worker was closed'));
    this.pending.clear();
  }
}
