import type { FastifyInstance } from 'fastify';
import { CodecRegistry } from '@voxa/core';
import type { InstanceStore } from '../store/InstanceStore.ts';
import { bulkDataRoutes } from './bulkDataRoutes.ts';
import { toHttpError } from './errors.ts';
import { frameRoutes } from './frameRoutes.ts';
import { MULTIPART_LIMITS_DEFAULTS } from './MultipartRelatedParser.ts';
import { qidoRoutes } from './qidoRoutes.ts';
import { renderedRoutes } from './renderedRoutes.ts';
import { stowRoutes } from './stowRoutes.ts';
import { wadoRoutes } from './wadoRoutes.ts';

/** Options of {@link dicomWebPlugin}. */
export interface DicomWebPluginOptions {
  store: InstanceStore;
  /** Largest STOW-RS request body in bytes (413 above); default 2 GiB. */
  maxUploadBytes?: number;
  /** Most parts in one STOW-RS request (413 above); default 10,000. */
  maxParts?: number;
  /** Largest header block of one part in bytes (413 above); default 16 KiB. */
  maxPartHeaderBytes?: number;
  /** Most QIDO-RS results in one response; default 1,000. */
  maxResults?: number;
  /** Largest side of a thumbnail in pixels; default 128. */
  thumbnailSize?: number;
  /** Pixel codecs for frames and rendering; default: a registry of this plugin's own. */
  codecs?: CodecRegistry;
  /** Log level of the QIDO-RS routes, whose URLs hold patient data; default 'warn' (no access log). */
  searchLogLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export const DICOMWEB_PLUGIN_DEFAULTS = {
  maxUploadBytes: MULTIPART_LIMITS_DEFAULTS.maxBytes,
  maxParts: MULTIPART_LIMITS_DEFAULTS.maxParts,
  maxPartHeaderBytes: MULTIPART_LIMITS_DEFAULTS.maxHeaderBytes,
  maxResults: 1000,
  thumbnailSize: 128,
  searchLogLevel: 'warn',
} as const;

/**
 * DICOMweb (PS3.18) over an {@link InstanceStore}: STOW-RS, QIDO-RS, WADO-RS (instances,
 * metadata, bulk data, frames, rendered, thumbnail). Errors are `{ code, message }` from
 * errors.ts. Mount it under a prefix; Retrieve URLs are absolute and include it.
 *
 * @example
 * const app = fastify();
 * await app.register(dicomWebPlugin, { prefix: '/dicom-web', store: openSqliteFileStore(dir) });
 */
export async function dicomWebPlugin(app: FastifyInstance, options: DicomWebPluginOptions): Promise<void> {
  const opts = { ...DICOMWEB_PLUGIN_DEFAULTS, ...stripUndefined(options) };
  const { store } = opts;
  const codecs = opts.codecs ?? new CodecRegistry();

  app.setErrorHandler((error, request, reply) => {
    const httpError = toHttpError(error);
    // Codes only: messages may quote query values or file contents (PHI).
    if (httpError.statusCode >= 500) request.log.error({ code: httpError.code, cause: (error as { code?: string })?.code }, 'DICOMweb request failed');
    return reply.code(httpError.statusCode).type('application/json').send(httpError.toBody());
  });
  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).type('application/json').send({ code: 'VOXA_HTTP_NOT_FOUND', message: 'No such DICOMweb resource' });
  });

  const limits = { maxBytes: opts.maxUploadBytes, maxParts: opts.maxParts, maxHeaderBytes: opts.maxPartHeaderBytes };
  await app.register(stowRoutes, { store, limits });
  // QIDO-RS URLs carry patient names and IDs: keep Fastify's per-request info logs (which
  // print the URL) off for them; warnings and errors still go through.
  await app.register(qidoRoutes, { store, maxResults: opts.maxResults, logLevel: opts.searchLogLevel });
  await app.register(wadoRoutes, { store });
  await app.register(bulkDataRoutes, { store });
  await app.register(frameRoutes, { store, codecs });
  await app.register(renderedRoutes, { store, codecs, thumbnailSize: opts.thumbnailSize });
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
