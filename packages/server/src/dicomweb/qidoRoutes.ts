import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InstanceStore, QueryLevel, SearchQuery, SearchRow } from '../store/InstanceStore.ts';
import { jsonElement, rowToJson, sortByTag, type DicomJsonObject } from './dicomJson.ts';
import { findAttribute } from './dictionary.ts';
import { HttpError } from './errors.ts';
import { negotiateJson } from './mediaType.ts';
import { ResourceUrls } from './resourceUrls.ts';
import { ERROR_RESPONSES, SERIES_PARAMS, STUDY_PARAMS, type SeriesParams, type StudyParams } from './routeSchemas.ts';

/** Options of {@link qidoRoutes}. */
export interface QidoRoutesOptions {
  store: InstanceStore;
  /** Most results one response carries; a larger `limit` is capped and a Warning header says so. */
  maxResults: number;
}

/** Study attributes returned by default (PS3.18 Table 10.6.3-3). */
export const STUDY_RETURN_KEYS = [
  'StudyDate', 'StudyTime', 'AccessionNumber', 'InstanceAvailability', 'ModalitiesInStudy', 'ReferringPhysicianName',
  'TimezoneOffsetFromUTC', 'PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyID',
  'NumberOfStudyRelatedSeries', 'NumberOfStudyRelatedInstances',
] as const;

/** Series attributes returned by default (PS3.18 Table 10.6.3-4). */
export const SERIES_RETURN_KEYS = [
  'Modality', 'TimezoneOffsetFromUTC', 'SeriesDescription', 'SeriesInstanceUID', 'SeriesNumber', 'NumberOfSeriesRelatedInstances',
  'PerformedProcedureStepStartDate', 'PerformedProcedureStepStartTime',
] as const;

/** Instance attributes returned by default (PS3.18 Table 10.6.3-5). */
export const INSTANCE_RETURN_KEYS = [
  'SOPClassUID', 'SOPInstanceUID', 'InstanceAvailability', 'TimezoneOffsetFromUTC', 'InstanceNumber', 'Rows', 'Columns',
  'BitsAllocated', 'NumberOfFrames',
] as const;

const RESERVED = new Set(['limit', 'offset', 'includefield', 'fuzzymatching']);

const QUERY_SCHEMA = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1 },
    offset: { type: 'integer', minimum: 0 },
    includefield: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    fuzzymatching: { type: 'string', enum: ['true', 'false'] },
  },
  // Every other parameter is one attribute's matching value, given once.
  additionalProperties: { type: 'string', maxLength: 4096 },
} as const;

type QidoQuery = Record<string, string | string[] | number | undefined>;

/** Which levels' default attributes a search path returns (PS3.18 §10.6.3.3.1). */
interface SearchRoute {
  path: string;
  level: QueryLevel;
  returnKeys: readonly string[];
  params?: typeof STUDY_PARAMS | typeof SERIES_PARAMS;
}

const ROUTES: SearchRoute[] = [
  { path: '/studies', level: 'study', returnKeys: STUDY_RETURN_KEYS },
  { path: '/series', level: 'series', returnKeys: [...STUDY_RETURN_KEYS, ...SERIES_RETURN_KEYS] },
  { path: '/studies/:study/series', level: 'series', returnKeys: ['StudyInstanceUID', ...SERIES_RETURN_KEYS], params: STUDY_PARAMS },
  { path: '/instances', level: 'instance', returnKeys: [...STUDY_RETURN_KEYS, ...SERIES_RETURN_KEYS, ...INSTANCE_RETURN_KEYS] },
  { path: '/studies/:study/instances', level: 'instance', returnKeys: ['StudyInstanceUID', ...SERIES_RETURN_KEYS, ...INSTANCE_RETURN_KEYS], params: STUDY_PARAMS },
  {
    path: '/studies/:study/series/:series/instances',
    level: 'instance',
    returnKeys: ['StudyInstanceUID', 'SeriesInstanceUID', ...INSTANCE_RETURN_KEYS],
    params: SERIES_PARAMS,
  },
];

/** QIDO-RS (PS3.18 §10.6): search for studies, series and instances; DICOM JSON results. */
export async function qidoRoutes(app: FastifyInstance, options: QidoRoutesOptions): Promise<void> {
  const { store, maxResults } = options;
  const prefix = app.prefix;

  for (const route of ROUTES) {
    const schema = {
      querystring: QUERY_SCHEMA,
      ...(route.params ? { params: route.params } : {}),
      response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, 204: { type: 'null' }, ...ERROR_RESPONSES },
    };
    app.get<{ Params: Partial<SeriesParams & StudyParams>; Querystring: QidoQuery }>(route.path, { schema }, (request, reply) =>
      search(request, reply, route, store, maxResults, prefix),
    );
  }
}

async function search(
  request: FastifyRequest<{ Params: Partial<SeriesParams & StudyParams>; Querystring: QidoQuery }>,
  reply: FastifyReply,
  route: SearchRoute,
  store: InstanceStore,
  maxResults: number,
  prefix: string,
): Promise<unknown> {
  const accepted = negotiateJson(request.headers.accept);
  if (!accepted) throw new HttpError('VOXA_HTTP_NOT_ACCEPTABLE', 'QIDO-RS answers application/dicom+json or application/json');
  const { match, includeAll, include } = readQuery(request.query);
  const requested = typeof request.query.limit === 'number' ? request.query.limit : maxResults;
  const limit = Math.min(requested, maxResults);
  const query: SearchQuery = {
    match,
    studyInstanceUid: request.params.study,
    seriesInstanceUid: request.params.series,
    // One more than asked for tells whether more results exist.
    limit: limit + 1,
    offset: typeof request.query.offset === 'number' ? request.query.offset : 0,
  };
  let rows: SearchRow[];
  try {
    rows = store.search(route.level, query);
  } catch (error) {
    const code = (error as { code?: string })?.code ?? '';
    if (/BAD|INVALID|UNSUPPORTED/.test(code)) throw new HttpError('VOXA_HTTP_BAD_QUERY', (error as Error).message, { cause: error });
    throw error;
  }
  if (rows.length === 0) return reply.code(204).send();
  if (rows.length > limit || requested > maxResults) {
    // PS3.18 §8.3.4.4: a Warning header says that the results are incomplete.
    reply.header('warning', `299 voxa "There are additional results that can be requested"`);
  }
  const urls = new ResourceUrls(request, prefix);
  const keys = new Set<string>([...route.returnKeys, ...Object.keys(match), ...include]);
  const results = rows.slice(0, limit).map((row) => {
    const json: DicomJsonObject = rowToJson(row, includeAll ? new Set([...keys, ...Object.keys(row)]) : keys);
    json['00081190'] = jsonElement('UR', retrieveUrl(route.level, row, urls));
    // Everything this archive holds is on line (Instance Availability, PS3.3 C.4.23.1.1).
    if (!json['00080056']) json['00080056'] = jsonElement('CS', 'ONLINE');
    return sortByTag(json);
  });
  return reply.code(200).type(accepted).send(results);
}

/** Splits the query into matching keys (as keywords) and includefield; 400 for unknown names. */
function readQuery(query: QidoQuery): { match: Record<string, string>; include: string[]; includeAll: boolean } {
  const match: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (RESERVED.has(key) || value === undefined) continue;
    const attribute = findAttribute(key);
    if (!attribute) throw new HttpError('VOXA_HTTP_UNKNOWN_ATTRIBUTE', `"${key}" is neither a DICOM keyword nor a tag (eight hex digits)`);
    if (attribute.vr === 'SQ') throw new HttpError('VOXA_HTTP_BAD_QUERY', `matching on sequence ${attribute.keyword} is not supported`);
    match[attribute.keyword] = String(value);
  }
  const include: string[] = [];
  let includeAll = false;
  const fields = query.includefield === undefined ? [] : Array.isArray(query.includefield) ? query.includefield : [String(query.includefield)];
  for (const name of fields.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean)) {
    if (name === 'all') {
      includeAll = true;
      continue;
    }
    const attribute = findAttribute(name);
    if (!attribute) throw new HttpError('VOXA_HTTP_UNKNOWN_ATTRIBUTE', `includefield "${name}" is neither a DICOM keyword nor a tag`);
    include.push(attribute.keyword);
  }
  return { match, include, includeAll };
}

function retrieveUrl(level: QueryLevel, row: SearchRow, urls: ResourceUrls): string {
  const study = String(row.StudyInstanceUID ?? '');
  if (level === 'study') return urls.study(study);
  const series = String(row.SeriesInstanceUID ?? '');
  if (level === 'series') return urls.series(study, series);
  return urls.instance(study, series, String(row.SOPInstanceUID ?? ''));
}
