import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { ModelHttpError, modelErrorReply } from './modelErrors.ts';
import { FILE_RESPONSES, LIST_MODELS_RESPONSES, MANIFEST_RESPONSES, MODEL_PARAMS } from './modelSchemas.ts';
import { modelSummary } from './modelSummary.ts';
import { resolveModelFile } from './resolveModelFile.ts';
import { scanModelManifests, type ModelEntry, type ScanModelManifestsOptions } from './scanModelManifests.ts';

/** Options of {@link modelsPlugin}. */
export interface ModelsPluginOptions {
  /** The folder of model manifests (the repository's models/); none: the server lists no models. */
  dir?: string;
  scan?: ScanModelManifestsOptions;
}

interface ModelParams {
  id: string;
}

/** The manifest's `file` as served: relative to …/:id/manifest it names …/:id/file. */
const SERVED_FILE = 'file';

/**
 * The segmentation models the workstation can run in the browser, from the manifests in a folder
 * (see `scanModelManifests`; createServer mounts it at /api/models):
 * - `GET /api/models` → `{ models: ModelSummary[], invalid: [{ manifestFile, message }] }`;
 * - `GET /api/models/:id/manifest` → the manifest JSON as written, except `file`, which is
 *   "file": resolved against the manifest's URL, as the format says, it names the next route;
 * - `GET /api/models/:id/file` → the ONNX bytes (application/octet-stream, streamed; see
 *   `resolveModelFile` for what may be sent). The client checks them against the manifest's
 *   sha256 (core `verifyModelSha256`).
 * The folder is read on every request: manifests added or edited show without a restart.
 * Responses carry `Cache-Control: no-cache`; errors are `{ code, message }` (modelErrors.ts).
 *
 * @example
 * await app.register(modelsPlugin, { prefix: '/api/models', dir: 'models' });
 */
export async function modelsPlugin(app: FastifyInstance, options: ModelsPluginOptions): Promise<void> {
  const scan = () => scanModelManifests(options.dir, options.scan);
  const find = async (id: string): Promise<ModelEntry> => {
    const entry = (await scan()).models.find((m) => m.id === id);
    if (!entry) throw new ModelHttpError('VOXA_HTTP_MODEL_NOT_FOUND', `no manifest ${id}.json in the models folder`);
    return entry;
  };

  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = modelErrorReply(error);
    if (statusCode >= 500) request.log.error({ code: body.code, cause: (error as { code?: string })?.code }, 'model request failed');
    return reply.code(statusCode).type('application/json').send(body);
  });
  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).type('application/json').send({ code: 'VOXA_HTTP_NOT_FOUND', message: 'No such model resource' });
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-cache');
    return payload;
  });

  app.get('/', { schema: { response: LIST_MODELS_RESPONSES } }, async () => {
    const { models, invalid } = await scan();
    const summaries = await Promise.all(models.map(async (m) => modelSummary(m, await resolveModelFile(m).catch((e: Error) => e))));
    return { models: summaries, invalid };
  });

  app.get<{ Params: ModelParams }>('/:id/manifest', { schema: { params: MODEL_PARAMS, response: MANIFEST_RESPONSES } }, async (request) => {
    const entry = await find(request.params.id);
    return { ...entry.json, file: SERVED_FILE };
  });

  app.get<{ Params: ModelParams }>('/:id/file', { schema: { params: MODEL_PARAMS, response: FILE_RESPONSES } }, async (request, reply) => {
    const file = await resolveModelFile(await find(request.params.id));
    reply.type('application/octet-stream').header('content-length', file.bytes);
    return reply.send(createReadStream(file.path));
  });
}
