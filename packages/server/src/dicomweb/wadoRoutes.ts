import { dicomJsonFromPart10, readFileTransferSyntax } from '@voxa/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InstanceRef, InstanceStore } from '../store/InstanceStore.ts';
import { HttpError } from './errors.ts';
import { mediaRangeMatches, negotiateJson, parseAccept } from './mediaType.ts';
import { multipartContentType, multipartStream, newBoundary, type OutgoingPart } from './multipartWriter.ts';
import { ResourceUrls } from './resourceUrls.ts';
import {
  ERROR_RESPONSES,
  INSTANCE_PARAMS,
  SERIES_PARAMS,
  STUDY_PARAMS,
  type InstanceParams,
  type SeriesParams,
  type StudyParams,
} from './routeSchemas.ts';

/** Options of {@link wadoRoutes}. */
export interface WadoRoutesOptions {
  store: InstanceStore;
}

/** Which transfer syntaxes the Accept header allows for application/dicom parts. */
interface DicomAcceptance {
  /** True for `transfer-syntax=*`, no transfer-syntax parameter, or a wildcard media range. */
  any: boolean;
  syntaxes: Set<string>;
}

type Params = Partial<InstanceParams & SeriesParams & StudyParams>;

const MULTIPART_RESPONSE = { 200: { type: 'string' }, ...ERROR_RESPONSES };
const METADATA_RESPONSE = { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, ...ERROR_RESPONSES };

/**
 * WADO-RS (PS3.18 §10.4): the stored PS3.10 files of a study, series or instance as
 * multipart/related; type="application/dicom" (byte for byte as stored), and their metadata as
 * DICOM JSON.
 *
 * Transfer syntaxes are not converted: `transfer-syntax=*`, no transfer-syntax parameter, or the
 * stored syntax gives the files as stored; any other syntax is 406. (PS3.18 makes Explicit VR
 * Little Endian the default when the parameter is absent; this server answers with the stored
 * syntax and names it in each part's Content-Type.)
 */
export async function wadoRoutes(app: FastifyInstance, options: WadoRoutesOptions): Promise<void> {
  const { store } = options;
  const prefix = app.prefix;

  const retrieve = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const acceptance = dicomAcceptance(request.headers.accept);
    if (!acceptance) throw new HttpError('VOXA_HTTP_NOT_ACCEPTABLE', 'instances are sent as multipart/related; type="application/dicom"');
    const refs = await resolve(store, request.params);
    // A single instance is read now, so that a missing one is a 404 rather than an empty body.
    const single = request.params.instance ? await loadInstance(store, request.params as InstanceParams) : undefined;
    let syntaxes: Array<string | undefined>;
    if (single) {
      const syntax = readFileTransferSyntax(single);
      if (!acceptance.any && !acceptance.syntaxes.has(syntax)) throw notConvertible(syntax);
      syntaxes = [syntax];
    } else {
      syntaxes = await storedSyntaxes(store, refs, acceptance);
    }
    const boundary = newBoundary();
    async function* parts(): AsyncGenerator<OutgoingPart> {
      let i = 0;
      for await (const bytes of single ? [single] : store.getInstances(refs)) {
        const at = i++;
        if (!bytes) continue;
        const syntax = syntaxes[at] ?? refs[at].transferSyntaxUid ?? readFileTransferSyntax(bytes);
        yield { contentType: `application/dicom; transfer-syntax=${syntax}`, body: bytes };
      }
    }
    return reply.code(200).header('content-type', multipartContentType('application/dicom', boundary)).send(multipartStream(parts(), boundary));
  };

  const metadata = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const accepted = negotiateJson(request.headers.accept);
    if (!accepted) throw new HttpError('VOXA_HTTP_NOT_ACCEPTABLE', 'metadata is sent as application/dicom+json');
    const refs = await resolve(store, request.params);
    const single = request.params.instance ? await loadInstance(store, request.params as InstanceParams) : undefined;
    const urls = new ResourceUrls(request, prefix);
    const results = [];
    let i = 0;
    for await (const bytes of single ? [single] : store.getInstances(refs)) {
      const ref = refs[i++];
      if (!bytes) continue;
      results.push(dicomJsonFromPart10(bytes, urls.instance(ref.studyInstanceUid, ref.seriesInstanceUid, ref.sopInstanceUid)).json);
    }
    return reply.code(200).type(accepted).send(results);
  };

  app.get<{ Params: Params }>('/studies/:study', { schema: { params: STUDY_PARAMS, response: MULTIPART_RESPONSE } }, retrieve);
  app.get<{ Params: Params }>('/studies/:study/series/:series', { schema: { params: SERIES_PARAMS, response: MULTIPART_RESPONSE } }, retrieve);
  app.get<{ Params: Params }>('/studies/:study/series/:series/instances/:instance', { schema: { params: INSTANCE_PARAMS, response: MULTIPART_RESPONSE } }, retrieve);
  app.get<{ Params: Params }>('/studies/:study/metadata', { schema: { params: STUDY_PARAMS, response: METADATA_RESPONSE } }, metadata);
  app.get<{ Params: Params }>('/studies/:study/series/:series/metadata', { schema: { params: SERIES_PARAMS, response: METADATA_RESPONSE } }, metadata);
  app.get<{ Params: Params }>(
    '/studies/:study/series/:series/instances/:instance/metadata',
    { schema: { params: INSTANCE_PARAMS, response: METADATA_RESPONSE } },
    metadata,
  );
}

/**
 * The instances a study or series path names, in the store's order (an instance path names
 * itself); VOXA_HTTP_NOT_FOUND (404) when the store lists none.
 */
export async function resolve(store: InstanceStore, params: Params): Promise<InstanceRef[]> {
  const { study, series, instance } = params;
  if (!study) throw new HttpError('VOXA_HTTP_NOT_FOUND');
  if (series && instance) return [{ studyInstanceUid: study, seriesInstanceUid: series, sopInstanceUid: instance }];
  const refs = store.listInstances(study, series);
  if (refs.length === 0) throw new HttpError('VOXA_HTTP_NOT_FOUND', `no such ${series ? 'series' : 'study'} in the archive`);
  return refs;
}

/** The stored bytes of the instance a path names; VOXA_HTTP_NOT_FOUND (404) when there are none. */
export async function loadInstance(store: InstanceStore, params: InstanceParams): Promise<Uint8Array> {
  const bytes = await store.getInstance({ studyInstanceUid: params.study, seriesInstanceUid: params.series, sopInstanceUid: params.instance });
  if (!bytes) throw new HttpError('VOXA_HTTP_NOT_FOUND', 'no such instance in the archive');
  return bytes;
}

/** Reads the Accept header for application/dicom parts (PS3.18 §8.7.3.5.2); undefined → 406. */
function dicomAcceptance(header: string | undefined): DicomAcceptance | undefined {
  let matched = false;
  const result: DicomAcceptance = { any: false, syntaxes: new Set() };
  for (const entry of parseAccept(header)) {
    if (entry.essence === '*/*' || entry.essence === 'multipart/*') {
      matched = true;
      result.any = true;
      continue;
    }
    if (entry.essence !== 'multipart/related') continue;
    const type = (entry.params.get('type') ?? 'application/dicom').toLowerCase();
    if (!mediaRangeMatches(type, 'application/dicom')) continue;
    matched = true;
    const syntax = entry.params.get('transfer-syntax');
    if (syntax === undefined || syntax === '*') result.any = true;
    else result.syntaxes.add(syntax);
  }
  return matched ? result : undefined;
}

/**
 * When the client asked for particular transfer syntaxes, checks that every instance is stored
 * in one of them (406 otherwise) and returns the syntaxes it read on the way.
 */
async function storedSyntaxes(store: InstanceStore, refs: InstanceRef[], acceptance: DicomAcceptance): Promise<Array<string | undefined>> {
  if (acceptance.any) return [];
  const syntaxes: Array<string | undefined> = [];
  for (const ref of refs) {
    let syntax = ref.transferSyntaxUid;
    if (!syntax) {
      const bytes = await store.getInstance(ref);
      syntax = bytes ? readFileTransferSyntax(bytes) : undefined;
    }
    if (syntax && !acceptance.syntaxes.has(syntax)) throw notConvertible(syntax);
    syntaxes.push(syntax);
  }
  return syntaxes;
}

function notConvertible(syntax: string): HttpError {
  return new HttpError('VOXA_HTTP_NOT_ACCEPTABLE', `an instance is stored as ${syntax}; this server does not convert transfer syntaxes (ask for transfer-syntax=*)`);
}
