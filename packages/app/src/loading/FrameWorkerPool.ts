import type { FrameJob, FrameResult } from './FrameJob.ts';

/**
 * A few workers that fetch and decode frames; jobs queue in the order given (the loader puts
 * the slice on screen first), each worker takes the next when it is done.
 */
export class FrameWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { job: FrameJob; resolve: (r: FrameResult) => void }[] = [];
  private readonly pending = new Map<number, (r: FrameResult) => void>();
  private nextId = 1;

  constructor(size = Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2))) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./frameWorker.ts', import.meta.url), { type: 'module', name: `voxa-frames-${i}` });
      w.onmessage = (e: MessageEvent<FrameResult>) => {
        this.pending.get(e.data.id)?.(e.data);
        this.pending.delete(e.data.id);
        this.idle.push(w);
        this.pump();
      };
      this.workers.push(w);
      this.idle.push(w);
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
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
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
