import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from '../dicomweb/errors.ts';
import { measurementChange } from './measurementChange.ts';
import { measurementErrorReply, MeasurementHttpError } from './measurementErrors.ts';
import { DELETE_RESPONSES, HISTORY_RESPONSES, LIST_RESPONSES, MEASUREMENT_BODY, MEASUREMENT_PARAMS, ONE_RESPONSES, STUDY_MEASUREMENTS_PARAMS } from './measurementSchemas.ts';
import type { MeasurementChange, MeasurementStore, MeasurementWrite } from './MeasurementStore.ts';
import { parseMeasurement } from './parseMeasurement.ts';

/** Options of {@link measurementsPlugin}. */
export interface MeasurementsPluginOptions {
  measurements: MeasurementStore;
  /** Largest PUT body, bytes. */
  bodyLimitBytes?: number;
}

/** Defaults of {@link MeasurementsPluginOptions}: 1 MiB holds a freehand contour of MAX_FREEHAND_POINTS at full precision (~60 bytes a point). */
export const MEASUREMENTS_PLUGIN_DEFAULTS = {
  bodyLimitBytes: 1 << 20,
} as const;

interface StudyParams {
  study: string;
}
interface MeasurementParams extends StudyParams {
  id: string;
}

/**
 * The 2D measurements the workstation saves with a study, under `<prefix>/:study/measurements`
 * (createServer mounts it at /voxa/studies):
 * - `GET …/measurements` → `{ studyInstanceUid, revision, measurements }` (revision 0 and [] before the first write);
 * - `GET …/measurements/:id` → `{ studyInstanceUid, revision, measurement }`;
 * - `PUT …/measurements/:id` with a Measurement (application/json) → 201 created or 200 replaced, same body;
 * - `DELETE …/measurements/:id` → `{ studyInstanceUid, revision }`;
 * - `GET …/measurements/:id/history` → `{ studyInstanceUid, revision, id, entries }`, every change oldest first.
 *
 * Every write bumps the study's revision and appends an audit row (`X-Voxa-User`, default
 * 'anonymous'); `If-Match: <revision>` makes it conditional (412 when stale). Responses carry the
 * revision as `ETag: "<revision>"` and `Cache-Control: no-store`. A study not in the archive is
 * VOXA_HTTP_NOT_FOUND; the other errors are in measurementErrors.ts, bodies `{ code, message }`.
 *
 * @example
 * await app.register(measurementsPlugin, { prefix: '/voxa/studies', measurements: new SqliteMeasurementStore(db) });
 * // PUT /voxa/studies/1.2.3/measurements/m1  { "id": "m1", "kind": "length", … }
 */
export async function measurementsPlugin(app: FastifyInstance, options: MeasurementsPluginOptions): Promise<void> {
  const { measurements } = options;
  const bodyLimit = options.bodyLimitBytes ?? MEASUREMENTS_PLUGIN_DEFAULTS.bodyLimitBytes;

  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = measurementErrorReply(error);
    // Codes only: messages may quote request values.
    if (statusCode >= 500) request.log.error({ code: body.code, cause: (error as { code?: string })?.code }, 'measurement request failed');
    return reply.code(statusCode).type('application/json').send(body);
  });
  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).type('application/json').send({ code: 'VOXA_HTTP_NOT_FOUND', message: 'No such measurement resource' });
  });
  // Bodies are application/json only: Fastify's text/plain parser would turn any text into a string body.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (_request, reply, payload) => {
    // Measurements and their labels belong to a patient's study: no shared cache keeps them.
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get<{ Params: StudyParams }>('/:study/measurements', { schema: { params: STUDY_MEASUREMENTS_PARAMS, response: LIST_RESPONSES } }, async (request, reply) => {
    const { study } = request.params;
    const read = measurements.list(study);
    if (read.status !== 'ok') throw studyNotFound(study);
    return withRevision(reply, read.revision).send({ studyInstanceUid: study, revision: read.revision, measurements: read.measurements });
  });

  app.get<{ Params: MeasurementParams }>('/:study/measurements/:id', { schema: { params: MEASUREMENT_PARAMS, response: ONE_RESPONSES } }, async (request, reply) => {
    const { study, id } = request.params;
    const read = measurements.get(study, id);
    if (read.status !== 'ok') throw read.status === 'study-not-found' ? studyNotFound(study) : measurementNotFound(study, id);
    return withRevision(reply, read.revision).send({ studyInstanceUid: study, revision: read.revision, measurement: read.measurement });
  });

  app.put<{ Params: MeasurementParams }>(
    '/:study/measurements/:id',
    { bodyLimit, schema: { params: MEASUREMENT_PARAMS, body: MEASUREMENT_BODY, response: ONE_RESPONSES } },
    async (request, reply) => {
      const { study, id } = request.params;
      const change = measurementChange(request.headers);
      const write = measurements.put(study, parseMeasurement(request.body, id), change);
      if (write.status !== 'created' && write.status !== 'updated') throw refusal(write, reply, study, id, change);
      if (write.status === 'created') reply.code(201).header('location', `${app.prefix}/${study}/measurements/${id}`);
      return withRevision(reply, write.revision).send({ studyInstanceUid: study, revision: write.revision, measurement: write.measurement });
    },
  );

  app.delete<{ Params: MeasurementParams }>('/:study/measurements/:id', { schema: { params: MEASUREMENT_PARAMS, response: DELETE_RESPONSES } }, async (request, reply) => {
    const { study, id } = request.params;
    const change = measurementChange(request.headers);
    const write = measurements.delete(study, id, change);
    if (write.status !== 'deleted') throw refusal(write, reply, study, id, change);
    return withRevision(reply, write.revision).send({ studyInstanceUid: study, revision: write.revision });
  });

  app.get<{ Params: MeasurementParams }>('/:study/measurements/:id/history', { schema: { params: MEASUREMENT_PARAMS, response: HISTORY_RESPONSES } }, async (request, reply) => {
    const { study, id } = request.params;
    const read = measurements.history(study, id);
    if (read.status !== 'ok') throw read.status === 'study-not-found' ? studyNotFound(study) : measurementNotFound(study, id);
    return withRevision(reply, read.revision).send({ studyInstanceUid: study, revision: read.revision, id, entries: read.entries });
  });
}

/** The study's revision as the entity tag that If-Match takes back. */
function withRevision(reply: FastifyReply, revision: number): FastifyReply {
  return reply.header('etag', `"${revision}"`);
}

/** The error of a write the store refused; a stale one also tells the current revision in its ETag. */
function refusal(write: MeasurementWrite, reply: FastifyReply, study: string, id: string, change: MeasurementChange): Error {
  switch (write.status) {
    case 'study-not-found':
      return studyNotFound(study);
    case 'not-found':
      return measurementNotFound(study, id);
    case 'series-not-in-study':
      return new MeasurementHttpError('VOXA_HTTP_SERIES_NOT_IN_STUDY',
        `seriesInstanceUid: expected a series of study ${study}, got ${write.seriesInstanceUid}, ${write.inArchive ? 'a series of another study' : 'which is not in the archive'}`);
    case 'stale':
      withRevision(reply, write.revision);
      return new MeasurementHttpError('VOXA_HTTP_REVISION_MISMATCH', `If-Match gives revision ${change.expectedRevision}, the study is at revision ${write.revision}; read the measurements again`);
    default:
      return new HttpError('VOXA_HTTP_INTERNAL', `unexpected store outcome ${write.status}`);
  }
}

function studyNotFound(study: string): HttpError {
  return new HttpError('VOXA_HTTP_NOT_FOUND', `no study ${study} in the archive`);
}

function measurementNotFound(study: string, id: string): MeasurementHttpError {
  return new MeasurementHttpError('VOXA_HTTP_MEASUREMENT_NOT_FOUND', `no measurement ${id} in study ${study}`);
}
