import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../dicomweb/errors.ts';
import { ERROR_RESPONSES, SERIES_PARAMS, STUDY_PARAMS } from '../dicomweb/routeSchemas.ts';
import type { InstanceStore } from '../store/InstanceStore.ts';
import { exportErrorReply, ExportHttpError } from './exportErrors.ts';
import { exportedUid, exportInstances, exportNotes, type ExportTally } from './exportInstances.ts';
import { zipStream, type ZipEntry, type ZipStreamOptions } from './zipStream.ts';

/** Options of {@link exportPlugin}. */
export interface ExportPluginOptions {
  store: InstanceStore;
  /** The site secret of de-identified exports (`?deid=true`); absent or empty: they are refused. */
  deidSecret?: Uint8Array | string;
  /** Options of the ZIP writer (tests lower its ZIP64 threshold). */
  zip?: ZipStreamOptions;
}

/** The text file an export adds in the study folder when instances were left out or may show burned-in text. */
export const EXPORT_NOTES_FILE = 'EXPORT-NOTES.txt';

interface ExportParams {
  study: string;
  series?: string;
}

interface ExportQuery {
  deid?: boolean;
}

const EXPORT_QUERY = {
  type: 'object',
  properties: { deid: { type: 'boolean', default: false } },
} as const;

const ZIP_RESPONSE = { 200: { type: 'string' }, ...ERROR_RESPONSES };

/**
 * Study and series export as a ZIP of PS3.10 files, `<Study>/<Series>/<SOP>.dcm`, streamed one
 * instance at a time: `GET <prefix>/studies/:study[/series/:series]`, as stored (byte for byte)
 * or with `?deid=true` de-identified by core `deidentify` under the server's site secret (the
 * paths then use the new UIDs). Without a secret `?deid=true` is VOXA_HTTP_DEID_NOT_CONFIGURED
 * (501): identifiable data is never sent in place of de-identified data. Unknown query
 * parameters are refused (a misspelt `deid` must not export identifiable data either).
 * Instances that cannot be read or de-identified are left out and listed in EXPORT-NOTES.txt.
 *
 * @example
 * await app.register(exportPlugin, { prefix: '/voxa/export', store, deidSecret });
 * // GET /voxa/export/studies/1.2.3?deid=true → application/zip
 */
export async function exportPlugin(app: FastifyInstance, options: ExportPluginOptions): Promise<void> {
  const { store } = options;
  const secret = options.deidSecret !== undefined && options.deidSecret.length > 0 ? options.deidSecret : undefined;

  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = exportErrorReply(error);
    // Codes only: messages may quote request values.
    if (statusCode >= 500) request.log.error({ code: body.code, cause: (error as { code?: string })?.code }, 'export request failed');
    return reply.code(statusCode).type('application/json').send(body);
  });
  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).type('application/json').send({ code: 'VOXA_HTTP_NOT_FOUND', message: 'No such export resource' });
  });

  const exportZip = async (request: FastifyRequest<{ Params: ExportParams; Querystring: ExportQuery }>, reply: FastifyReply) => {
    const unknown = Object.keys(request.query).filter((name) => name !== 'deid');
    if (unknown.length) throw new HttpError('VOXA_HTTP_BAD_QUERY', `unknown parameter ${JSON.stringify(unknown[0])}; the export takes deid=true|false`);
    const deid = request.query.deid === true;
    if (deid && !secret) throw new ExportHttpError('VOXA_HTTP_DEID_NOT_CONFIGURED');
    const { study, series } = request.params;
    const refs = store.listInstances(study, series);
    if (refs.length === 0) throw new HttpError('VOXA_HTTP_NOT_FOUND', `no such ${series ? 'series' : 'study'} in the archive`);

    const deidSecret = deid ? secret : undefined;
    const studyOut = await exportedUid(study, deidSecret);
    const fileName = `${series ? await exportedUid(series, deidSecret) : studyOut}.zip`;
    async function* entries(): AsyncGenerator<ZipEntry> {
      const tally: ExportTally = { deidentified: deid, written: 0, failed: [], burnedInText: 0 };
      for await (const item of exportInstances(store, refs, { deidSecret })) {
        if (item.kind === 'failed') {
          tally.failed.push(item);
          continue;
        }
        tally.written++;
        if (item.burnedInText) tally.burnedInText++;
        yield { path: item.path, bytes: item.bytes };
      }
      if (tally.failed.length) request.log.warn({ left_out: tally.failed.length, codes: [...new Set(tally.failed.map((f) => f.code))] }, 'export left out instances');
      const notes = exportNotes(tally);
      if (notes) yield { path: `${studyOut}/${EXPORT_NOTES_FILE}`, bytes: new TextEncoder().encode(notes) };
    }
    return reply
      .code(200)
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      // Patient data (or its pseudonym): no shared cache keeps it.
      .header('cache-control', 'no-store')
      .send(zipStream(entries(), options.zip));
  };

  const schema = (params: typeof STUDY_PARAMS | typeof SERIES_PARAMS) => ({ params, querystring: EXPORT_QUERY, response: ZIP_RESPONSE });
  app.get<{ Params: ExportParams; Querystring: ExportQuery }>('/studies/:study', { schema: schema(STUDY_PARAMS) }, exportZip);
  app.get<{ Params: ExportParams; Querystring: ExportQuery }>('/studies/:study/series/:series', { schema: schema(SERIES_PARAMS) }, exportZip);
}
