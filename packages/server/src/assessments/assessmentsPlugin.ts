import { randomUUID } from 'node:crypto';
import {
  addFollowUp, advanceAssessment, createAssessment, randomUid, renderResponseReportHtml, reopenAssessment, responseReportCsv, writeMeasurementReport,
  type Assessment, type AssessmentCriterion, type AssessmentRules, type AssessmentState,
} from '@voxa/core';
import serverPackage from '../../package.json' with { type: 'json' };
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from '../dicomweb/errors.ts';
import { measurementChange } from '../measurements/measurementChange.ts';
import type { MeasurementStore } from '../measurements/MeasurementStore.ts';
import { measurementStoreFor } from '../measurements/measurementStoreFor.ts';
import type { InstanceStore } from '../store/InstanceStore.ts';
import { assessmentErrorReply, AssessmentHttpError } from './assessmentErrors.ts';
import { assessmentResponse, responseReportOf } from './assessmentResponse.ts';
import { ASSESSMENT_PARAMS, REPORT_PARAMS, CREATE_BODY, FOLLOW_UP_BODY, HISTORY_RESPONSES, LIST_QUERY, LIST_RESPONSES, ONE_RESPONSES, REOPEN_BODY, STEP_BODY } from './assessmentSchemas.ts';
import type { AssessmentChange, AssessmentStore, AssessmentWrite } from './AssessmentStore.ts';
import { assessmentStoreFor } from './assessmentStoreFor.ts';
import { signedMeasurementReport } from './signedMeasurementReport.ts';

/** Options of {@link assessmentsPlugin}. */
export interface AssessmentsPluginOptions {
  /** The archive: an assessment's studies must be in it, of the assessment's patient. */
  store: InstanceStore;
  /** Where assessments are kept; default `assessmentStoreFor(store)`. None: the plugin adds no routes. */
  assessments?: AssessmentStore;
  /** Workflow rules; default ASSESSMENT_RULES_DEFAULTS (four-eyes review). */
  rules?: AssessmentRules;
  /** The lesion-tagged measurements the response is read from; default `measurementStoreFor(store)`. */
  measurements?: MeasurementStore;
  /** The signing site, written as the Verifying Organization of the signed SR; default 'Voxa'. */
  organization?: string;
}

const SOFTWARE = `Voxa ${serverPackage.version}`;

interface IdParams {
  id: string;
}
interface CreateBody {
  patientId: string;
  criterion: AssessmentCriterion;
  baselineStudyUid: string;
  followUpStudyUids?: string[];
  note?: string;
}

/**
 * The response-assessment workflow (requested → baseline-measured → follow-up-measured → reviewed
 * → signed; reopen → amended), under `<prefix>` (createServer mounts it at /voxa/assessments):
 * - `POST /` `{ patientId, criterion, baselineStudyUid, followUpStudyUids?, note? }` → 201 `{ revision, assessment }`;
 * - `GET /:id` → `{ revision, assessment }`; `GET /?patientId=…` → `{ patientId, assessments: [{ revision, assessment }] }`;
 * - `POST /:id/steps` `{ to, note? }`, `POST /:id/reopen` `{ reason }`, `POST /:id/follow-ups` `{ studyUid }` → `{ revision, assessment }`;
 * - `GET /:id/history` → `{ id, revision, steps, revisions }`: every step and every revision with who and when.
 *
 * The user of each step is `X-Voxa-User` (default 'anonymous'; not authenticated); `If-Match:
 * <revision>` makes a change conditional (412 when stale); responses carry `ETag: "<revision>"`
 * and `Cache-Control: no-store`. Studies must be in the archive (else VOXA_HTTP_NOT_FOUND) and of
 * the patient (else 409 VOXA_HTTP_STUDY_OF_OTHER_PATIENT); the workflow's refusals are 409s with
 * the codes of assessmentErrors.ts. The study check reads the archive just before the change.
 *
 * @example
 * await app.register(assessmentsPlugin, { prefix: '/voxa/assessments', store });
 * // POST /voxa/assessments/3f…/steps  X-Voxa-User: dr.b  If-Match: "3"  { "to": "reviewed" }
 */
export async function assessmentsPlugin(app: FastifyInstance, options: AssessmentsPluginOptions): Promise<void> {
  const { store, rules } = options;
  const assessments = options.assessments ?? assessmentStoreFor(store);
  if (!assessments) return;
  const measurements = options.measurements ?? measurementStoreFor(store);
  const organization = options.organization ?? 'Voxa';

  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = assessmentErrorReply(error);
    if (statusCode >= 500) request.log.error({ code: body.code, cause: (error as { code?: string })?.code }, 'assessment request failed');
    return reply.code(statusCode).type('application/json').send(body);
  });
  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).type('application/json').send({ code: 'VOXA_HTTP_NOT_FOUND', message: 'No such assessment resource' });
  });
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (_request, reply, payload) => {
    // An assessment belongs to a patient: no shared cache keeps it.
    reply.header('cache-control', 'no-store');
    return payload;
  });

  /** Throws unless every study is in the archive and of the patient. */
  function checkStudies(patientId: string, studyUids: string[]): void {
    for (const uid of studyUids) {
      const [row] = store.search('study', { match: {}, studyInstanceUid: uid, limit: 1 });
      if (!row) throw new HttpError('VOXA_HTTP_NOT_FOUND', `no study ${uid} in the archive`);
      if (row.PatientID !== patientId) {
        throw new AssessmentHttpError('VOXA_HTTP_STUDY_OF_OTHER_PATIENT', `study ${uid} is not of patient ${patientId}`);
      }
    }
  }

  app.post<{ Body: CreateBody }>('/', { schema: { body: CREATE_BODY, response: ONE_RESPONSES } }, async (request, reply) => {
    const { note, ...fields } = request.body;
    const change = measurementChange(request.headers);
    checkStudies(fields.patientId, [fields.baselineStudyUid, ...(fields.followUpStudyUids ?? [])]);
    const id = randomUUID();
    const write = assessments.create((at) => createAssessment({ id, ...fields }, change.user, at, note), change);
    if (write.status !== 'created') throw refusal(write, reply, id, change);
    reply.code(201).header('location', `${app.prefix}/${id}`);
    return withRevision(reply, write.revision).send({ revision: write.revision, assessment: write.assessment });
  });

  app.get<{ Querystring: { patientId: string } }>('/', { schema: { querystring: LIST_QUERY, response: LIST_RESPONSES } }, async (request) => {
    const { patientId } = request.query;
    return { patientId, assessments: assessments.list(patientId) };
  });

  app.get<{ Params: IdParams }>('/:id', { schema: { params: ASSESSMENT_PARAMS, response: ONE_RESPONSES } }, async (request, reply) => {
    const { id } = request.params;
    const read = assessments.get(id);
    if (read.status !== 'ok') throw notFound(id);
    return withRevision(reply, read.revision).send({ revision: read.revision, assessment: read.assessment });
  });

  app.get<{ Params: IdParams }>('/:id/history', { schema: { params: ASSESSMENT_PARAMS, response: HISTORY_RESPONSES } }, async (request, reply) => {
    const { id } = request.params;
    const read = assessments.history(id);
    if (read.status !== 'ok') throw notFound(id);
    const revisions = read.revisions.map(({ revision, action, user, at, assessment }) => ({ revision, action, user, at, state: assessment.state }));
    const steps = read.revisions.at(-1)!.assessment.steps;
    return withRevision(reply, read.revision).send({ id, revision: read.revision, steps, revisions });
  });

  /** The response read now from the assessment's lesion-tagged measurements. */
  function responseOf(id: string) {
    const read = assessments!.get(id);
    if (read.status !== 'ok') throw notFound(id);
    if (!measurements) throw new AssessmentHttpError('VOXA_HTTP_ASSESSMENT_UNREADABLE', 'this archive keeps no measurements');
    return { read, response: assessmentResponse(read.assessment, read.revision, store, measurements) };
  }

  app.get<{ Params: IdParams }>('/:id/response', { schema: { params: ASSESSMENT_PARAMS } }, async (request, reply) => {
    const { read, response } = responseOf(request.params.id);
    return withRevision(reply, read.revision).send(response);
  });

  app.get<{ Params: IdParams & { format: string } }>('/:id/report.:format', { schema: { params: REPORT_PARAMS } }, async (request, reply) => {
    const { read, response } = responseOf(request.params.id);
    const report = responseReportOf(response, SOFTWARE);
    if (!report) throw new AssessmentHttpError('VOXA_HTTP_ASSESSMENT_UNREADABLE', response.error ?? 'no lesion measurements');
    withRevision(reply, read.revision);
    const { format } = request.params;
    if (format === 'html') return reply.type('text/html; charset=utf-8').send(renderResponseReportHtml(report));
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(responseReportCsv(report));
    return reply.type('application/json').send({ ...report, assessment: { id: read.assessment.id, revision: read.revision, state: read.assessment.state, steps: read.assessment.steps } });
  });

  app.post<{ Params: IdParams; Body: { to: AssessmentState; note?: string } }>(
    '/:id/steps',
    { schema: { params: ASSESSMENT_PARAMS, body: STEP_BODY, response: ONE_RESPONSES } },
    async (request, reply) => {
      const { id } = request.params;
      const { to, note } = request.body;
      const change = measurementChange(request.headers);
      if (to === 'signed') return sign(id, note, change, reply);
      const write = assessments.update(id, 'step', (a, at) => advanceAssessment(a, to, change.user, at, note, rules), change);
      return updated(write, reply, id, change);
    },
  );

  /**
   * Sign: the workflow's checks first (nothing is built for a refused step), then the VERIFIED
   * SR of the measurements as they are, its UID recorded in the 'signed' step in the same
   * transaction, then the SR stored in the archive. A response that cannot be read is refused;
   * one without measured lesions (non-target disease only, or none) is signed without an SR.
   */
  async function sign(id: string, note: string | undefined, change: AssessmentChange, reply: FastifyReply): Promise<FastifyReply> {
    const { read, response } = responseOf(id);
    advanceAssessment(read.assessment, 'signed', change.user, new Date().toISOString(), note, rules); // throws a refusal now
    if (!response.outcome) throw new AssessmentHttpError('VOXA_HTTP_ASSESSMENT_UNREADABLE', `cannot sign: ${response.error ?? 'no lesion measurements'}`);
    const options = await signedMeasurementReport(response, store, { user: change.user, organization, at: new Date() }, SOFTWARE);
    const reportSopInstanceUid = options.groups.length > 0 ? randomUid('sr/instance') : undefined;
    let bytes: Uint8Array | undefined;
    const write = assessments!.update(id, 'step', (a: Assessment, at: string) => {
      const signed = advanceAssessment(a, 'signed', change.user, at, note, rules);
      if (!reportSopInstanceUid) return signed;
      const when = new Date(at);
      bytes = writeMeasurementReport({ ...options, sopInstanceUid: reportSopInstanceUid, contentDateTime: when, verification: { ...options.verification!, dateTime: when } });
      const steps = signed.steps.map((s, i) => (i === signed.steps.length - 1 ? { ...s, reportSopInstanceUid } : s));
      return { ...signed, steps };
    }, change);
    if (write.status !== 'updated') throw refusal(write, reply, id, change);
    if (bytes) {
      const notStored = (why: string) => new AssessmentHttpError('VOXA_HTTP_ASSESSMENT_REPORT_NOT_STORED', `assessment ${id} is signed (revision ${write.revision}); SR ${reportSopInstanceUid}: ${why}`);
      let put;
      try {
        put = await store.put(bytes, `signed assessment ${id}`);
      } catch (e) {
        throw notStored((e as Error).message);
      }
      if (put.status !== 'stored') throw notStored(`the store answered ${put.status}`);
    }
    return withRevision(reply, write.revision).send({ revision: write.revision, assessment: write.assessment });
  }

  app.post<{ Params: IdParams; Body: { reason: string } }>(
    '/:id/reopen',
    { schema: { params: ASSESSMENT_PARAMS, body: REOPEN_BODY, response: ONE_RESPONSES } },
    async (request, reply) => {
      const { id } = request.params;
      const change = measurementChange(request.headers);
      const write = assessments.update(id, 'reopen', (a, at) => reopenAssessment(a, change.user, at, request.body.reason), change);
      return updated(write, reply, id, change);
    },
  );

  app.post<{ Params: IdParams; Body: { studyUid: string } }>(
    '/:id/follow-ups',
    { schema: { params: ASSESSMENT_PARAMS, body: FOLLOW_UP_BODY, response: ONE_RESPONSES } },
    async (request, reply) => {
      const { id } = request.params;
      const { studyUid } = request.body;
      const change = measurementChange(request.headers);
      const current = assessments.get(id);
      if (current.status !== 'ok') throw notFound(id);
      checkStudies(current.assessment.patientId, [studyUid]);
      const write = assessments.update(id, 'add-follow-up', (a, at) => addFollowUp(a, studyUid, change.user, at), change);
      return updated(write, reply, id, change);
    },
  );
}

/** The reply of a change: the new revision and assessment, or the store's refusal. */
function updated(write: AssessmentWrite, reply: FastifyReply, id: string, change: AssessmentChange): FastifyReply {
  if (write.status !== 'updated') throw refusal(write, reply, id, change);
  return withRevision(reply, write.revision).send({ revision: write.revision, assessment: write.assessment });
}

/** The assessment's revision as the entity tag that If-Match takes back. */
function withRevision(reply: FastifyReply, revision: number): FastifyReply {
  return reply.header('etag', `"${revision}"`);
}

/** The error of a write the store refused; a stale one also tells the current revision in its ETag. */
function refusal(write: AssessmentWrite, reply: FastifyReply, id: string, change: AssessmentChange): Error {
  switch (write.status) {
    case 'not-found':
      return notFound(id);
    case 'stale':
      withRevision(reply, write.revision);
      return new AssessmentHttpError('VOXA_HTTP_REVISION_MISMATCH', `If-Match gives revision ${change.expectedRevision}, assessment ${id} is at revision ${write.revision}; read it again`);
    default:
      return new HttpError('VOXA_HTTP_INTERNAL', `unexpected store outcome ${write.status}`);
  }
}

function notFound(id: string): AssessmentHttpError {
  return new AssessmentHttpError('VOXA_HTTP_ASSESSMENT_NOT_FOUND', `no assessment ${id}`);
}
