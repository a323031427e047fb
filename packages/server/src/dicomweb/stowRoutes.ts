import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDicom, type ParsedDicom } from '@voxa/core';
import type { InstanceStore, PutResult } from '../store/InstanceStore.ts';
import { jsonElement, type DicomJsonObject } from './dicomJson.ts';
import { HttpError } from './errors.ts';
import { negotiateJson, parseMediaType } from './mediaType.ts';
import { MultipartRelatedParser, type MultipartLimits, type MultipartPart } from './MultipartRelatedParser.ts';
import { ResourceUrls } from './resourceUrls.ts';
import { ERROR_RESPONSES, STUDY_PARAMS, type StudyParams } from './routeSchemas.ts';

/** Options of {@link stowRoutes}. */
export interface StowRoutesOptions {
  store: InstanceStore;
  limits: MultipartLimits;
}

/**
 * Failure Reason (0008,1197) values (PS3.18 Table I.2-2; decimal, as DICOM JSON carries US).
 * A Study Instance UID that differs from the one in the path has no code of its own in the
 * standard; it is in the A9xx "does not match" range (the value Microsoft's DICOM server uses).
 */
export const FAILURE_REASON = {
  outOfResources: 0xa700,
  doesNotMatchSopClass: 0xa900,
  studyInstanceUidMismatch: 0xa901,
  cannotUnderstand: 0xc000,
  transferSyntaxNotSupported: 0xc122,
  processingFailure: 0x0110,
  sopClassNotSupported: 0x0122,
} as const;

const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

/** What the parts' headers say about an instance, read before it is stored. */
interface PartIdentity {
  sopClassUid?: string;
  sopInstanceUid?: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  /** The parsed header, handed to the store so that it does not parse the part again. */
  header: ParsedDicom;
}

type PartOutcome =
  | { ok: true; sopClassUid?: string; sopInstanceUid: string; url: string; studyInstanceUid: string }
  | { ok: false; sopClassUid?: string; sopInstanceUid?: string; reason: number };

/** STOW-RS (PS3.18 §10.5): `POST /studies` and `POST /studies/{study}` with PS3.10 parts. */
export async function stowRoutes(app: FastifyInstance, options: StowRoutesOptions): Promise<void> {
  const { store, limits } = options;
  const prefix = app.prefix;

  // The raw body goes to our own multipart parser; Fastify enforces the byte limit (413) first.
  app.addContentTypeParser('multipart/related', { parseAs: 'buffer', bodyLimit: limits.maxBytes }, (_request, body, done) => {
    done(null, body);
  });

  const schema = {
    response: { 200: { type: 'object', additionalProperties: true }, 202: { type: 'object', additionalProperties: true }, 409: { type: 'object', additionalProperties: true }, ...ERROR_RESPONSES },
  };

  const handle = async (request: FastifyRequest, reply: FastifyReply, study?: string) => {
    const parts = parseRequestBody(request, limits);
    const accepted = negotiateJson(request.headers.accept);
    if (!accepted) throw new HttpError('VOXA_HTTP_NOT_ACCEPTABLE', 'STOW-RS answers application/dicom+json or application/json');
    const urls = new ResourceUrls(request, prefix);
    const outcomes = await storeParts(store, parts, study, urls, request);
    const body = storeResponse(outcomes, study, urls);
    const stored = outcomes.filter((o) => o.ok).length;
    const status = stored === outcomes.length ? 200 : stored > 0 ? 202 : 409;
    return reply.code(status).type(accepted).send(body);
  };

  app.post('/studies', { schema, bodyLimit: limits.maxBytes }, (request, reply) => handle(request, reply));
  app.post<{ Params: StudyParams }>('/studies/:study', { schema: { ...schema, params: STUDY_PARAMS }, bodyLimit: limits.maxBytes }, (request, reply) =>
    handle(request, reply, request.params.study),
  );
}

/** Checks the request's Content-Type (415 / 400) and splits the body into parts (400 / 413). */
function parseRequestBody(request: FastifyRequest, limits: MultipartLimits): MultipartPart[] {
  const contentType = parseMediaType(request.headers['content-type'] ?? '');
  if (!contentType || contentType.essence !== 'multipart/related' || !Buffer.isBuffer(request.body)) {
    throw new HttpError('VOXA_HTTP_UNSUPPORTED_MEDIA_TYPE', 'STOW-RS takes multipart/related; type="application/dicom"');
  }
  const type = contentType.params.get('type');
  if (type !== undefined && type.toLowerCase() !== 'application/dicom') {
    throw new HttpError('VOXA_HTTP_UNSUPPORTED_MEDIA_TYPE', `parts of type "${type}" are not supported; only application/dicom (PS3.10 files)`);
  }
  const boundary = contentType.params.get('boundary');
  if (!boundary) throw new HttpError('VOXA_HTTP_MULTIPART_MALFORMED', 'the Content-Type has no boundary parameter');
  const parser = new MultipartRelatedParser(boundary, limits);
  parser.push(request.body);
  const parts = parser.end();
  if (parts.length === 0) throw new HttpError('VOXA_HTTP_MULTIPART_MALFORMED', 'the body has no parts');
  return parts;
}

/**
 * The outcome of each part, in order. Parts that pass the checks here are stored together with
 * `putMany` (one group commit rather than one per part), so the response, which acknowledges
 * them, is only sent once all are durable.
 */
async function storeParts(store: InstanceStore, parts: MultipartPart[], study: string | undefined, urls: ResourceUrls, request: FastifyRequest): Promise<PartOutcome[]> {
  const outcomes: PartOutcome[] = new Array(parts.length);
  const accepted: { at: number; id: PartIdentity; bytes: Uint8Array }[] = [];
  parts.forEach((part, at) => {
    const checked = checkPart(part, study);
    if ('reason' in checked) outcomes[at] = checked;
    else accepted.push({ at, id: checked, bytes: part.body });
  });
  const results = await store.putMany(accepted.map((a) => ({ bytes: a.bytes, origin: 'stow-rs', header: a.id.header })));
  results.forEach((result, k) => {
    const { at, id } = accepted[k];
    outcomes[at] = storedOutcome(result, id, urls, request);
  });
  return outcomes;
}

/** The part's UIDs when it may be stored, or why it fails before reaching the store. */
function checkPart(part: MultipartPart, study: string | undefined): PartIdentity | Extract<PartOutcome, { ok: false }> {
  // A part without Content-Type has the root type of the request (RFC 2387 §3.1).
  const partType = parseMediaType(part.headers.get('content-type') ?? 'application/dicom');
  if (partType?.essence !== 'application/dicom') return { ok: false, reason: FAILURE_REASON.cannotUnderstand };
  const id = identify(part.body);
  if (!id) return { ok: false, reason: FAILURE_REASON.cannotUnderstand };
  const failed = (reason: number) => ({ ok: false as const, sopClassUid: id.sopClassUid, sopInstanceUid: id.sopInstanceUid, reason });
  if (id.sopClassUid === MEDIA_STORAGE_DIRECTORY) return failed(FAILURE_REASON.sopClassNotSupported);
  if (!id.sopInstanceUid || !id.studyInstanceUid || !id.seriesInstanceUid) return failed(FAILURE_REASON.doesNotMatchSopClass);
  if (study !== undefined && id.studyInstanceUid !== study) return failed(FAILURE_REASON.studyInstanceUidMismatch);
  return id;
}

/** A part's outcome from what the store did with it. */
function storedOutcome(result: PromiseSettledResult<PutResult>, id: PartIdentity, urls: ResourceUrls, request: FastifyRequest): PartOutcome {
  const failed = (reason: number): PartOutcome => ({ ok: false, sopClassUid: id.sopClassUid, sopInstanceUid: id.sopInstanceUid, reason });
  if (result.status === 'rejected') {
    const error: unknown = result.reason;
    // Log the kind of failure only: messages may quote attribute values (PHI).
    request.log.error({ code: (error as { code?: string })?.code ?? 'unknown' }, 'STOW-RS: store.put failed');
    return failed((error as { code?: string })?.code === 'ENOSPC' ? FAILURE_REASON.outOfResources : FAILURE_REASON.processingFailure);
  }
  const put = result.value;
  if (put.status === 'rejected') return failed(reasonForStoreCode(put.code));
  const ref = put.ref;
  return {
    ok: true,
    sopClassUid: ref.sopClassUid ?? id.sopClassUid,
    sopInstanceUid: ref.sopInstanceUid,
    studyInstanceUid: ref.studyInstanceUid,
    url: urls.instance(ref.studyInstanceUid, ref.seriesInstanceUid, ref.sopInstanceUid),
  };
}

/** The UIDs of a part, from its header (up to the pixel data); undefined when it is not DICOM. */
function identify(bytes: Uint8Array): PartIdentity | undefined {
  try {
    const header = parseDicom(bytes, 'stow-rs', { untilTag: 'x7fe00010' });
    const uid = (tag: string) => header.dataSet.string(tag)?.replace(/\0/g, '').trim() || undefined;
    return {
      sopClassUid: uid('x00080016') ?? uid('x00020002'),
      sopInstanceUid: uid('x00080018') ?? uid('x00020003'),
      studyInstanceUid: uid('x0020000d'),
      seriesInstanceUid: uid('x0020000e'),
      header,
    };
  } catch {
    return undefined;
  }
}

/** A store's rejection code as a Failure Reason: unreadable data, wrong SOP class, or a conflict. */
function reasonForStoreCode(code: string): number {
  if (/NOT_DICOM|CORRUPT|TRUNCATED|EMPTY|MISSING_TAG|BAD_VALUE/.test(code)) return FAILURE_REASON.cannotUnderstand;
  if (/SOP_CLASS/.test(code)) return FAILURE_REASON.sopClassNotSupported;
  if (/TRANSFER_SYNTAX/.test(code)) return FAILURE_REASON.transferSyntaxNotSupported;
  if (/SPACE|RESOURCE|TOO_LARGE/.test(code)) return FAILURE_REASON.outOfResources;
  return FAILURE_REASON.processingFailure;
}

/** The Store Instances Response Module (PS3.18 Annex I) in DICOM JSON. */
function storeResponse(outcomes: PartOutcome[], study: string | undefined, urls: ResourceUrls): DicomJsonObject {
  const referenced: DicomJsonObject[] = [];
  const failed: DicomJsonObject[] = [];
  const studies = new Set<string>();
  for (const o of outcomes) {
    const item: DicomJsonObject = {};
    if (o.sopClassUid) item['00081150'] = jsonElement('UI', o.sopClassUid);
    if (o.sopInstanceUid) item['00081155'] = jsonElement('UI', o.sopInstanceUid);
    if (o.ok) {
      item['00081190'] = jsonElement('UR', o.url);
      referenced.push(item);
      studies.add(o.studyInstanceUid);
    } else {
      item['00081197'] = jsonElement('US', o.reason);
      failed.push(item);
    }
  }
  // Retrieve URL (type 2) names the study when the request concerned one study only.
  const onlyStudy = study ?? (studies.size === 1 ? [...studies][0] : undefined);
  const body: DicomJsonObject = { '00081190': onlyStudy ? jsonElement('UR', urls.study(onlyStudy)) : { vr: 'UR' } };
  if (failed.length > 0) body['00081198'] = { vr: 'SQ', Value: failed };
  if (referenced.length > 0) body['00081199'] = { vr: 'SQ', Value: referenced };
  return body;
}
