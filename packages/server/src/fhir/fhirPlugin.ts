import { VoxaError } from '@voxa/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { negotiate, parseAccept } from '../dicomweb/mediaType.ts';
import type { InstanceStore, SearchRow } from '../store/InstanceStore.ts';
import { capabilityStatement } from './capabilityStatement.ts';
import { fhirUtcOffset } from './dicomToFhir.ts';
import { FhirError, toFhirError } from './fhirErrors.ts';
import type { BundleLink, ImagingStudy, OperationOutcome, SearchsetBundle } from './fhirTypes.ts';
import { imagingStudyId, imagingStudyResource, studyUidOfId } from './imagingStudyResource.ts';
import { parseImagingStudySearch, type ImagingStudySearch } from './imagingStudySearch.ts';

/** Options of {@link fhirPlugin}. */
export interface FhirPluginOptions {
  store: InstanceStore;
  /** Path of this server's DICOMweb plugin, named as the WADO-RS Endpoint of each study; false for none. */
  dicomWebPrefix?: string | false;
  /** UTC offset ('+01:00', 'Z') assumed for studies without Timezone Offset From UTC; default none (dates only). */
  defaultUtcOffset?: string;
  /** Page size of a search without _count. */
  defaultCount?: number;
  /** Largest page; a larger _count is lowered to it (FHIR lets a server return fewer). */
  maxCount?: number;
  /** Most matching studies one search collects (and counts in `total`); beyond it `total` is left out. */
  maxMatches?: number;
  /** Log level of the search route, whose URLs hold patient IDs; 'warn' keeps the access log off. */
  searchLogLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Defaults of {@link FhirPluginOptions}; the DICOMweb prefix is where createServer mounts it. */
export const FHIR_PLUGIN_DEFAULTS = {
  dicomWebPrefix: '/dicom-web',
  defaultCount: 20,
  maxCount: 100,
  maxMatches: 1000,
  searchLogLevel: 'warn',
} as const;

/** The FHIR JSON media types this server answers (R4 http.html#mime-type), preferred first. */
const MEDIA_TYPES = ['application/fhir+json', 'application/json'];
const FORMATS = new Set(['json', 'application/json', 'application/fhir+json']);

const RESOURCE_SCHEMA = {
  type: 'object',
  required: ['resourceType'],
  properties: { resourceType: { type: 'string' }, id: { type: 'string' } },
  additionalProperties: true,
} as const;
const OUTCOME_SCHEMA = {
  type: 'object',
  required: ['resourceType', 'issue'],
  properties: { resourceType: { const: 'OperationOutcome' }, issue: { type: 'array', items: { type: 'object', additionalProperties: true } } },
} as const;
const BUNDLE_SCHEMA = {
  type: 'object',
  required: ['resourceType', 'type', 'link', 'entry'],
  properties: { resourceType: { const: 'Bundle' }, type: { const: 'searchset' }, total: { type: 'integer' } },
  additionalProperties: true,
} as const;
const ERROR_RESPONSES = { '4xx': OUTCOME_SCHEMA, '5xx': OUTCOME_SCHEMA } as const;

const FORMAT_QUERY = { type: 'object', properties: { _format: { type: 'string', maxLength: 128 } } } as const;
const SEARCH_QUERY = {
  type: 'object',
  properties: { _count: { type: 'integer', minimum: 0 }, _getpagesoffset: { type: 'integer', minimum: 0 }, _format: FORMAT_QUERY.properties._format },
  // Every other parameter is one search value, given once (a repeated one would be an AND).
  additionalProperties: { type: 'string', maxLength: 256 },
} as const;
const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' } } } as const;

type SearchQuery = Record<string, string | number | undefined> & { _count?: number; _getpagesoffset?: number };

/**
 * A FHIR R4 facade over an {@link InstanceStore}: `GET ImagingStudy/{id}` (read),
 * `GET ImagingStudy?…` (search, a searchset Bundle; see `parseImagingStudySearch`) and
 * `GET metadata` (CapabilityStatement), all application/fhir+json. Resources are generated from
 * the index on each request (`imagingStudyResource`); errors are OperationOutcomes (fhirErrors.ts).
 *
 * @example
 * await app.register(fhirPlugin, { prefix: '/fhir', store });
 * // GET /fhir/ImagingStudy?patient=Patient/PLASTIC
 */
export async function fhirPlugin(app: FastifyInstance, options: FhirPluginOptions): Promise<void> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as FhirPluginOptions;
  const opts: FhirPluginOptions & Required<Omit<FhirPluginOptions, 'defaultUtcOffset'>> = { ...FHIR_PLUGIN_DEFAULTS, ...defined };
  const { store } = opts;
  if (opts.defaultUtcOffset !== undefined && !fhirUtcOffset(opts.defaultUtcOffset)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { key: 'defaultUtcOffset' }, `${JSON.stringify(opts.defaultUtcOffset)}: expected ±hh:mm or Z`);
  }
  const prefix = app.prefix;
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  app.setErrorHandler((error, request, reply) => {
    const fhirError = toFhirError(error);
    // Codes only: messages may hold search values.
    if (fhirError.statusCode >= 500) request.log.error({ code: fhirError.code, cause: (error as { code?: string })?.code }, 'FHIR request failed');
    return sendOutcome(reply, fhirError.statusCode, fhirError.toOperationOutcome());
  });
  app.setNotFoundHandler((_request, reply) => sendOutcome(reply, 404, new FhirError('VOXA_FHIR_UNSUPPORTED').toOperationOutcome()));
  app.addHook('preHandler', async (request, reply) => {
    reply.type(`${mediaType(request)}; charset=utf-8`);
  });

  const studyResource = (row: SearchRow, request: FastifyRequest): ImagingStudy => {
    const studyInstanceUid = String(row.StudyInstanceUID);
    return imagingStudyResource(
      {
        study: row,
        series: store.search('series', { match: {}, studyInstanceUid }),
        instances: store.search('instance', { match: {}, studyInstanceUid }),
      },
      { wadoRsBase: opts.dicomWebPrefix === false ? undefined : `${origin(request)}${opts.dicomWebPrefix}`, defaultUtcOffset: opts.defaultUtcOffset },
    );
  };

  app.get('/metadata', { schema: { querystring: FORMAT_QUERY, response: { 200: RESOURCE_SCHEMA, ...ERROR_RESPONSES } } }, async (request) =>
    capabilityStatement(`${origin(request)}${prefix}`),
  );

  app.get<{ Params: { id: string } }>(
    '/ImagingStudy/:id',
    { schema: { params: ID_PARAMS, querystring: FORMAT_QUERY, response: { 200: RESOURCE_SCHEMA, ...ERROR_RESPONSES } } },
    async (request) => {
      const uid = studyUidOfId(request.params.id);
      const [row] = uid === undefined ? [] : searchStore(() => store.search('study', { match: { StudyInstanceUID: uid }, limit: 1 }));
      if (!row) throw new FhirError('VOXA_FHIR_NOT_FOUND', `ImagingStudy/${request.params.id}`);
      return studyResource(row, request);
    },
  );

  app.get<{ Querystring: SearchQuery }>(
    '/ImagingStudy',
    { logLevel: opts.searchLogLevel, schema: { querystring: SEARCH_QUERY, response: { 200: BUNDLE_SCHEMA, ...ERROR_RESPONSES } } },
    async (request): Promise<SearchsetBundle<ImagingStudy | OperationOutcome>> => {
      const handling = /\bhandling\s*=\s*lenient\b/i.test(String(request.headers.prefer ?? '')) ? 'lenient' : 'strict';
      const search = parseImagingStudySearch(request.query, handling);
      const count = Math.min(request.query._count ?? opts.defaultCount, opts.maxCount);
      const offset = request.query._getpagesoffset ?? 0;
      const { rows, complete } = findStudies(store, search, opts.maxMatches);
      const base = `${origin(request)}${prefix}`;
      const pageUrl = (at: number) => {
        const params = new URLSearchParams([...search.used, ['_count', String(count)], ['_getpagesoffset', String(at)]]);
        return `${base}/ImagingStudy?${params}`;
      };
      const link: BundleLink[] = [{ relation: 'self', url: pageUrl(offset) }];
      if (count > 0 && offset + count < rows.length) link.push({ relation: 'next', url: pageUrl(offset + count) });
      if (count > 0 && offset > 0) link.push({ relation: 'previous', url: pageUrl(Math.max(0, offset - count)) });
      const entry: SearchsetBundle<ImagingStudy | OperationOutcome>['entry'] = rows.slice(offset, offset + count).map((row) => ({
        fullUrl: `${base}/ImagingStudy/${imagingStudyId(String(row.StudyInstanceUID))}`,
        resource: studyResource(row, request),
        search: { mode: 'match' },
      }));
      if (!complete) entry.push({ resource: tooManyMatches(opts.maxMatches), search: { mode: 'outcome' } });
      return { resourceType: 'Bundle', type: 'searchset', ...(complete ? { total: rows.length } : {}), link, entry };
    },
  );
}

/**
 * The study rows a search matches, in index order without duplicates: one index query per
 * alternative, each row checked by `search.accepts`. `complete` is false when more than `max` match.
 */
function findStudies(store: InstanceStore, search: ImagingStudySearch, max: number): { rows: SearchRow[]; complete: boolean } {
  const seen = new Set<unknown>();
  const rows: SearchRow[] = [];
  let complete = true;
  for (const match of search.alternatives) {
    const found = searchStore(() => store.search('study', { match, limit: max + 1 }));
    if (found.length > max) complete = false;
    for (const row of found) {
      if (!search.accepts(row) || seen.has(row.StudyInstanceUID)) continue;
      seen.add(row.StudyInstanceUID);
      rows.push(row);
    }
  }
  if (rows.length > max) complete = false;
  return { rows: rows.slice(0, max), complete };
}

/** Runs a store search; the store's own refusals of a value become a 400 (the values were checked before). */
function searchStore(run: () => SearchRow[]): SearchRow[] {
  try {
    return run();
  } catch (error) {
    const code = (error as { code?: string })?.code ?? '';
    if (/BAD|INVALID|UNSUPPORTED/.test(code)) throw new FhirError('VOXA_FHIR_BAD_SEARCH', (error as Error).message, { cause: error });
    throw error;
  }
}

/** The searchset's outcome entry when the matches were cut at `max` (R4 Bundle.entry.search.mode 'outcome'). */
function tooManyMatches(max: number): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'warning', code: 'too-costly', diagnostics: `More than ${max} studies match: only the first ${max} can be paged and no total is given; narrow the search` }],
  };
}

/** The media type to answer: from _format when given (R4 http.html#format), else the Accept header; 406 when none fits. */
function mediaType(request: FastifyRequest): string {
  const format = (request.query as { _format?: string } | undefined)?._format;
  if (format !== undefined) {
    const essence = format.split(';')[0].trim().toLowerCase();
    if (!FORMATS.has(essence)) throw new FhirError('VOXA_FHIR_NOT_ACCEPTABLE', '_format must be json, application/json or application/fhir+json');
    return essence === 'application/json' ? essence : MEDIA_TYPES[0];
  }
  const type = negotiate(parseAccept(request.headers.accept), MEDIA_TYPES);
  if (!type) throw new FhirError('VOXA_FHIR_NOT_ACCEPTABLE');
  return type;
}

function sendOutcome(reply: FastifyReply, status: number, outcome: OperationOutcome): FastifyReply {
  return reply.code(status).type(`${MEDIA_TYPES[0]}; charset=utf-8`).send(outcome);
}
