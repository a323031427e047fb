// Entry of the registration worker thread (startRegistrationWorker starts it): loads the two
// series into volumes and registers them, one job per message, answering a RegistrationReply.
import { isVoxaError, registerVolumes } from '@voxa/core';
import { parentPort } from 'node:worker_threads';
import { RegistrationHttpError } from './registrationErrors.ts';
import type { RegistrationJob, RegistrationReply } from './registrationMessages.ts';
import { seriesVolume } from './seriesVolume.ts';

if (!parentPort) throw new Error('registrationWorker.ts is a worker_threads entry, not a script');
const port = parentPort;

port.on('message', (job: RegistrationJob) => {
  void run(job).then((reply) => port.postMessage(reply));
});

async function run(job: RegistrationJob): Promise<RegistrationReply> {
  const started = performance.now();
  try {
    const fixed = await seriesVolume(job.fixed);
    const moving = await seriesVolume(job.moving);
    const result = registerVolumes(fixed, moving, { mode: job.mode });
    return { ok: true, transform: result.transform, levels: result.levels, seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    if (e instanceof RegistrationHttpError) return { ok: false, code: e.code, detail: e.detail ?? '' };
    // registerVolumes refuses volumes it cannot register (e.g. a 2D grid) with VOXA_ERR_BAD_ARGUMENT.
    if (isVoxaError(e) && e.code === 'VOXA_ERR_BAD_ARGUMENT') return { ok: false, code: 'VOXA_HTTP_NOT_ONE_VOLUME', detail: e.message };
    return { ok: false, code: 'VOXA_HTTP_REGISTRATION_FAILED', detail: isVoxaError(e) ? e.code : ((e as Error)?.name ?? 'Error') };
  }
}
