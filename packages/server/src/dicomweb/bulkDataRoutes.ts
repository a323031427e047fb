import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDicom, TS } from '@voxa/core';
import type { DataSet, Element } from 'dicom-parser';
import type { InstanceStore } from '../store/InstanceStore.ts';
import { HttpError } from './errors.ts';
import { mediaRangeMatches, parseAccept } from './mediaType.ts';
import { multipartContentType, multipartStream, newBoundary } from './multipartWriter.ts';
import { ERROR_RESPONSES, UID_SCHEMA, type InstanceParams } from './routeSchemas.ts';
import { loadInstance } from './wadoRoutes.ts';

/** Options of {@link bulkDataRoutes}. */
export interface BulkDataRoutesOptions {
  store: InstanceStore;
}

/** A tag path as core's dicomJsonFromPart10 writes it: `tag[/item/tag]…`, at most 8 sequence levels. */
const PATH_SCHEMA = { type: 'string', pattern: '^[0-9A-Fa-f]{8}(/[0-9]{1,6}/[0-9A-Fa-f]{8}){0,8}$' } as const;

const PARAMS = {
  type: 'object',
  required: ['study', 'series', 'instance', '*'],
  properties: { study: UID_SCHEMA, series: UID_SCHEMA, instance: UID_SCHEMA, '*': PATH_SCHEMA },
} as const;

type Params = InstanceParams & { '*': string };

/** Bytes per value of binary VRs, for the swap to little endian (PS3.18 §8.7.3.3.2). */
const WORD_SIZE: Record<string, number> = { OW: 2, OF: 4, OL: 4, OD: 8, OV: 8 };

/**
 * Bulk data (PS3.18 §10.4.1.1.5): the value a BulkDataURI of the metadata points to, as
 * multipart/related; type="application/octet-stream" in little endian.
 */
export async function bulkDataRoutes(app: FastifyInstance, options: BulkDataRoutesOptions): Promise<void> {
  const { store } = options;
  app.get<{ Params: Params }>(
    '/studies/:study/series/:series/instances/:instance/bulkdata/*',
    { schema: { params: PARAMS, response: { 200: { type: 'string' }, ...ERROR_RESPONSES } } },
    async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      if (!acceptsOctetStream(request.headers.accept)) {
        throw new HttpError('VOXA_HTTP_NOT_ACCEPTABLE', 'bulk data is sent as multipart/related; type="application/octet-stream"');
      }
      const bytes = await loadInstance(store, request.params);
      const parsed = parseDicom(bytes);
      const element = findElement(parsed.dataSet, request.params['*'].split('/'));
      let value = parsed.dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
      const word = element.vr ? WORD_SIZE[element.vr] : undefined;
      if (parsed.transferSyntaxUid === TS.ExplicitVRBigEndian && word) value = swapBytes(value, word);
      const boundary = newBoundary();
      const part = { contentType: 'application/octet-stream', body: value };
      return reply.code(200).header('content-type', multipartContentType('application/octet-stream', boundary)).send(multipartStream([part], boundary));
    },
  );
}

function findElement(dataSet: DataSet, path: string[]): Element {
  let current = dataSet;
  for (let i = 0; ; i += 2) {
    const element = current.elements[`x${path[i].toLowerCase()}`];
    if (!element) throw new HttpError('VOXA_HTTP_NOT_FOUND', `the instance has no element ${path.slice(0, i + 1).join('/')}`);
    if (i + 1 >= path.length) {
      if (element.items || element.encapsulatedPixelData) throw new HttpError('VOXA_HTTP_NOT_FOUND', 'the element is not a bulk data value');
      return element;
    }
    const item = element.items?.[Number(path[i + 1])]?.dataSet;
    if (!item) throw new HttpError('VOXA_HTTP_NOT_FOUND', `the instance has no item ${path.slice(0, i + 2).join('/')}`);
    current = item;
  }
}

function acceptsOctetStream(header: string | undefined): boolean {
  return parseAccept(header).some(
    (entry) =>
      entry.essence === '*/*' ||
      entry.essence === 'multipart/*' ||
      (entry.essence === 'multipart/related' && mediaRangeMatches((entry.params.get('type') ?? 'application/octet-stream').toLowerCase(), 'application/octet-stream')),
  );
}

function swapBytes(bytes: Uint8Array, word: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + word <= bytes.length; i += word) for (let k = 0; k < word; k++) out[i + k] = bytes[i + word - 1 - k];
  return out;
}
