import type { Worker } from 'node:worker_threads';
import { RegistrationHttpError } from './registrationErrors.ts';
import type { RegistrationJob, RegistrationReply } from './registrationMessages.ts';
import { startRegistrationWorker } from './startRegistrationWorker.ts';

type Success = Extract<RegistrationReply, { ok: true }>;

interface Pending {
  job: RegistrationJob;
  resolve: (reply: Success) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs registration jobs off the event loop, one at a time, in one worker thread that is started
 * on the first job and kept for the next ones; the others wait in a queue. The instance bytes
 * are transferred to the worker (their buffers are detached here afterwards), not copied. A
 * worker that dies fails its job (VOXA_HTTP_REGISTRATION_FAILED) and is replaced for the next.
 * While idle the worker does not keep the process alive. `close()` ends it and fails the queue.
 */
export class RegistrationRunner {
  private worker: Worker | undefined;
  private current: Pending | undefined;
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(private readonly start: () => Worker = startRegistrationWorker) {}

  /** Jobs waiting behind the one that runs. */
  get queued(): number {
    return this.queue.length;
  }

  /** Run one job: its reply, or a RegistrationHttpError (422 for a series that is not one volume …). */
  run(job: RegistrationJob): Promise<Success> {
    if (this.closed) return Promise.reject(new RegistrationHttpError('VOXA_HTTP_REGISTRATION_FAILED', 'the server is closing'));
    return new Promise<Success>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const failed = new RegistrationHttpError('VOXA_HTTP_REGISTRATION_FAILED', 'the server is closing');
    for (const p of this.queue.splice(0)) p.reject(failed);
    const worker = this.worker;
    this.worker = undefined;
    this.current?.reject(failed);
    this.current = undefined;
    await worker?.terminate();
  }

  private next(): void {
    if (this.current || this.closed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    this.current = pending;
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (e) {
      this.finish((p) => p.reject(new RegistrationHttpError('VOXA_HTTP_REGISTRATION_FAILED', 'the registration worker could not start', { cause: e })));
      return;
    }
    worker.ref();
    worker.postMessage(pending.job, transferList(pending.job));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start();
    worker.on('message', (reply: RegistrationReply) => {
      this.finish((p) => (reply.ok ? p.resolve(reply) : p.reject(new RegistrationHttpError(reply.code, reply.detail))));
    });
    const died = (why: string, cause?: unknown) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.finish((p) => p.reject(new RegistrationHttpError('VOXA_HTTP_REGISTRATION_FAILED', why, { cause })));
    };
    worker.on('error', (e) => died('the registration worker failed', e));
    worker.on('exit', (code) => died(`the registration worker exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private finish(settle: (p: Pending) => void): void {
    const p = this.current;
    this.current = undefined;
    if (p) settle(p);
    if (this.queue.length === 0) this.worker?.unref();
    this.next();
  }
}

/**
 * The buffers to transfer with a job: each file's own buffer when the view spans all of it;
 * otherwise (a view into a larger or shared buffer) the file is first copied into its own, so
 * that nothing else is detached.
 */
function transferList(job: RegistrationJob): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const series of [job.fixed, job.moving]) {
    for (const file of series.files) {
      let { bytes } = file;
      const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      if (!whole || buffers.has(bytes.buffer as ArrayBuffer)) file.bytes = bytes = new Uint8Array(bytes); // a copy (Buffer#slice would be a view)
      buffers.add(bytes.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}
