import type { FrameJob, FrameResult } from './FrameJob.ts';

/**
 * A few workers that fetch and decode frames; jobs queue in the order given (the loader puts
 * the slice on screen first). Each worker keeps up to JOBS_PER_WORKER jobs in flight, so requests
 * overlap their network wait with another job's decoding (a browser's six connections per host).
 */
const JOBS_PER_WORKER = 3;

export class FrameWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly active = new Map<Worker, number>();
  private readonly queue: { job: FrameJob; resolve: (r: FrameResult) => void }[] = [];
  private readonly pending = new Map<number, (r: FrameResult) => void>();
  private nextId = 1;

  constructor(size = Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2))) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./frameWorker.ts', import.meta.url), { type: 'module', name: `voxa-frames-${i}` });
      w.onmessage = (e: MessageEvent<FrameResult>) => {
        this.pending.get(e.data.id)?.(e.data);
        this.pending.delete(e.data.id);
        this.active.set(w, this.active.get(w)! - 1);
        this.pump();
      };
      this.workers.push(w);
      this.active.set(w, 0);
    }
  }

  /** Queue a job; resolves with its result (errors are results too). */
  run(job: Omit<FrameJob, 'id'>): Promise<FrameResult> {
    return new Promise((resolve) => {
      this.queue.push({ job: { ...job, id: this.nextId++ }, resolve });
      this.pump();
    });
  }

  /** Drop queued jobs (a series closed); running ones finish. */
  clear(): void {
    for (const q of this.queue.splice(0)) q.resolve({ id: q.job.id, ok: false, error: 'cancelled' });
  }

  private pump(): void {
    while (this.queue.length) {
      // The least busy worker, if any has room.
      let w: Worker | undefined;
      for (const x of this.workers) if (this.active.get(x)! < JOBS_PER_WORKER && (!w || this.active.get(x)! < this.active.get(w)!)) w = x;
      if (!w) return;
      this.active.set(w, this.active.get(w)! + 1);
      const { job, resolve } = this.queue.shift()!;
      this.pending.set(job.id, resolve);
      w.postMessage(job);
    }
  }

  dispose(): void {
    this.clear();
    for (const w of this.workers) w.terminate();
  }
}
