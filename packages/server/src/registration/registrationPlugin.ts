import type { RegistrationLevelReport, TransformKind } from '@voxa/core';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { InstanceStore } from '../store/InstanceStore.ts';
import { RegistrationCache, REGISTRATION_CACHE_DEFAULTS } from './RegistrationCache.ts';
import { registrationErrorReply, RegistrationHttpError } from './registrationErrors.ts';
import type { SeriesFiles, SeriesRole } from './registrationMessages.ts';
import { RegistrationRunner } from './RegistrationRunner.ts';
import { REGISTRATION_BODY, REGISTRATION_RESPONSES } from './registrationSchemas.ts';

/** Options of {@link registrationPlugin}. */
export interface RegistrationPluginOptions {
  store: InstanceStore;
  /** Answers kept for identical requests (default {@link REGISTRATION_CACHE_DEFAULTS}.maxEntries, 32). */
  cacheEntries?: number;
  /** Where jobs run (default: a RegistrationRunner of its own, closed with the server). */
  runner?: RegistrationRunner;
}

interface SeriesRef {
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

interface RegistrationBody {
  fixed: SeriesRef;
  moving: SeriesRef;
  mode: TransformKind;
}

/** The reply body, less `cached`: core's RegistrationTransform, its levels and how long it took. */
interface RegistrationAnswer {
  kind: TransformKind;
  fixedToMoving: number[];
  centerMm: [number, number, number];
  parameters: number[];
  levels: RegistrationLevelReport[];
  seconds: number;
}

/**
 * Rigid or affine registration of two archived series, at `POST <prefix>` (createServer mounts
 * it at /voxa/registrations) with `{ fixed: { studyInstanceUid, seriesInstanceUid }, moving: …,
 * mode?: 'rigid' | 'affine' }` → `{ kind, fixedToMoving, centerMm, parameters, levels, seconds,
 * cached }`: core `registerVolumes` of the two series' volumes, `fixedToMoving` the column-major
 * 4×4 from fixed LPS mm to moving LPS mm (core's RegistrationTransform).
 *
 * The instances are read from the store here; loading and registering run in a worker thread
 * (RegistrationRunner, one job at a time), so the server keeps answering meanwhile. Identical
 * requests (same mode, same instances in both series) are answered from a small LRU cache
 * (`cached: true`); one that arrives while the same job runs waits for it.
 * Errors (registrationErrors.ts): a series not in the archive → 404 VOXA_HTTP_SERIES_NOT_FOUND
 * naming it; a bad body → 400 VOXA_HTTP_BAD_REGISTRATION; a series that is not one 3D volume →
 * 422 VOXA_HTTP_NOT_ONE_VOLUME with the reason.
 *
 * @example
 * await app.register(registrationPlugin, { prefix: '/voxa/registrations', store });
 */
export async function registrationPlugin(app: FastifyInstance, options: RegistrationPluginOptions): Promise<void> {
  const { store } = options;
  const runner = options.runner ?? new RegistrationRunner();
  const cache = new RegistrationCache<RegistrationAnswer>(options.cacheEntries ?? REGISTRATION_CACHE_DEFAULTS.maxEntries);
  const running = new Map<string, Promise<RegistrationAnswer>>();

  if (!options.runner) app.addHook('onClose', async () => runner.close());
  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = registrationErrorReply(error);
    if (statusCode >= 500) request.log.error({ code: body.code, err: error }, 'registration request failed');
    return reply.code(statusCode).type('application/json').send(body);
  });

  app.post<{ Body: RegistrationBody }>('/', { schema: { body: REGISTRATION_BODY, response: REGISTRATION_RESPONSES } }, async (request) => {
    const { fixed, moving, mode } = request.body;
    const fixedRefs = seriesInstances(store, fixed, 'fixed');
    const movingRefs = seriesInstances(store, moving, 'moving');
    const key = createHash('sha256').update(JSON.stringify([mode, fixedRefs.map((r) => r.sopInstanceUid), movingRefs.map((r) => r.sopInstanceUid)])).digest('hex');
    const hit = cache.get(key);
    if (hit) return { ...hit, cached: true };
    let job = running.get(key);
    if (!job) {
      job = register(fixed, fixedRefs, moving, movingRefs, mode).finally(() => running.delete(key));
      running.set(key, job);
    }
    const answer = await job;
    cache.set(key, answer);
    return { ...answer, cached: false };
  });

  async function register(fixed: SeriesRef, fixedRefs: InstanceRefs, moving: SeriesRef, movingRefs: InstanceRefs, mode: TransformKind): Promise<RegistrationAnswer> {
    const job = { fixed: await seriesFiles(store, fixed, fixedRefs, 'fixed'), moving: await seriesFiles(store, moving, movingRefs, 'moving'), mode };
    const reply = await runner.run(job);
    const t = reply.transform;
    return { kind: t.kind, fixedToMoving: [...t.fixedToMoving], centerMm: [...t.centerMm] as [number, number, number], parameters: t.parameters, levels: reply.levels, seconds: reply.seconds };
  }
}

type InstanceRefs = ReturnType<InstanceStore['listInstances']>;

function describe(ref: SeriesRef, role: SeriesRole): string {
  return `${role} series ${ref.seriesInstanceUid} of study ${ref.studyInstanceUid}`;
}

function seriesInstances(store: InstanceStore, ref: SeriesRef, role: SeriesRole): InstanceRefs {
  const refs = store.listInstances(ref.studyInstanceUid, ref.seriesInstanceUid);
  if (refs.length === 0) throw new RegistrationHttpError('VOXA_HTTP_SERIES_NOT_FOUND', describe(ref, role));
  return refs;
}

/** The stored bytes of a series' instances; an instance indexed but whose file is gone counts as the series not being (wholly) there. */
async function seriesFiles(store: InstanceStore, ref: SeriesRef, refs: InstanceRefs, role: SeriesRole): Promise<SeriesFiles> {
  const files: SeriesFiles['files'] = [];
  for (const instance of refs) {
    const bytes = await store.getInstance(instance);
    if (!bytes) throw new RegistrationHttpError('VOXA_HTTP_SERIES_NOT_FOUND', `${describe(ref, role)}: instance ${instance.sopInstanceUid} is indexed but its file is gone`);
    files.push({ name: instance.sopInstanceUid, bytes });
  }
  return { role, seriesInstanceUid: ref.seriesInstanceUid, files };
}
