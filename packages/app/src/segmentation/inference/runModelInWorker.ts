import type { ModelRunOutput, ModelRunProgress, ModelRunRequest, ModelWorkerMessage } from './modelJobs.ts';

/** Options of {@link runModelInWorker}. */
export interface RunModelInWorkerOptions {
  onProgress?: (p: ModelRunProgress) => void;
  /** Aborting terminates the worker at once (even inside a model run) and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Run a model on an image in a fresh model worker (modelWorker.ts) and terminate the worker when
 * it is done, failed or cancelled. The image's voxels are transferred: the caller's copy is emptied.
 *
 * @example const out = await runModelInWorker({ manifestUrl, image }, { signal: ctrl.signal, onProgress: show });
 */
export function runModelInWorker(request: ModelRunRequest, options: RunModelInWorkerOptions = {}): Promise<ModelRunOutput> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const worker = new Worker(new URL('./modelWorker.ts', import.meta.url), { type: 'module', name: 'voxa-model' });
  return new Promise<ModelRunOutput>((resolve, reject) => {
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (e: MessageEvent<ModelWorkerMessage>) => {
      const m = e.data;
      if (m.kind === 'progress') {
        options.onProgress?.(m.progress);
        return;
      }
      finish();
      if (m.kind === 'done') resolve(m.output);
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`the model worker failed: ${e.message || 'it could not be loaded'}`));
    };
    worker.postMessage(request, [request.image.voxels.buffer]);
  });
}
