import { ASSESSMENT_CRITERIA, ASSESSMENT_STATES } from '@voxa/core';
import { ERROR_RESPONSES, UID_SCHEMA } from '../dicomweb/routeSchemas.ts';

/** Assessment ids: the server makes UUIDs; any 1 to 64 of A-Z a-z 0-9 _ - is accepted in a path. */
export const ASSESSMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The path of one assessment. */
export const ASSESSMENT_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: ASSESSMENT_ID_PATTERN.source } },
} as const;

const NOTE = { type: 'string', maxLength: 4000 } as const;

/** POST / : the patient, the criterion, the baseline study and the follow-up studies known so far. */
export const CREATE_BODY = {
  type: 'object',
  required: ['patientId', 'criterion', 'baselineStudyUid'],
  additionalProperties: false,
  properties: {
    patientId: { type: 'string', minLength: 1, maxLength: 64 },
    criterion: { type: 'string', enum: ASSESSMENT_CRITERIA },
    baselineStudyUid: UID_SCHEMA,
    followUpStudyUids: { type: 'array', items: UID_SCHEMA, maxItems: 100 },
    note: NOTE,
  },
} as const;

/** GET /:id/report.:format : the report as an HTML page, CSV or JSON. */
export const REPORT_PARAMS = {
  type: 'object',
  required: ['id', 'format'],
  properties: { id: ASSESSMENT_PARAMS.properties.id, format: { type: 'string', enum: ['html', 'csv', 'json'] } },
} as const;

/** POST /:id/steps : the state to move to. */
export const STEP_BODY = {
  type: 'object',
  required: ['to'],
  additionalProperties: false,
  properties: { to: { type: 'string', enum: ASSESSMENT_STATES }, note: NOTE },
} as const;

/** POST /:id/reopen : why a signed assessment is amended. */
export const REOPEN_BODY = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { ...NOTE, minLength: 1 } },
} as const;

/** POST /:id/follow-ups : the study to add. */
export const FOLLOW_UP_BODY = {
  type: 'object',
  required: ['studyUid'],
  additionalProperties: false,
  properties: { studyUid: UID_SCHEMA },
} as const;

/** GET /?patientId=… */
export const LIST_QUERY = {
  type: 'object',
  required: ['patientId'],
  properties: { patientId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const STEP_SCHEMA = {
  type: 'object',
  required: ['state', 'user', 'atIso'],
  properties: {
    state: { type: 'string' },
    user: { type: 'string' },
    atIso: { type: 'string' },
    note: { type: 'string' },
    studyUid: { type: 'string' },
    reportSopInstanceUid: { type: 'string' },
  },
} as const;

/** An Assessment as the routes answer it (see @voxa/core assessmentWorkflow.ts). */
export const ASSESSMENT_SCHEMA = {
  type: 'object',
  required: ['id', 'patientId', 'criterion', 'baselineStudyUid', 'followUpStudyUids', 'state', 'steps'],
  properties: {
    id: { type: 'string' },
    patientId: { type: 'string' },
    criterion: { type: 'string' },
    baselineStudyUid: { type: 'string' },
    followUpStudyUids: { type: 'array', items: { type: 'string' } },
    state: { type: 'string' },
    steps: { type: 'array', items: STEP_SCHEMA },
  },
} as const;

const ONE = {
  type: 'object',
  required: ['revision', 'assessment'],
  properties: { revision: { type: 'integer' }, assessment: ASSESSMENT_SCHEMA },
} as const;

/** GET /:id, and every write (201 created, 200 changed). */
export const ONE_RESPONSES = { 200: ONE, 201: ONE, ...ERROR_RESPONSES } as const;

/** GET /?patientId=… */
export const LIST_RESPONSES = {
  200: {
    type: 'object',
    required: ['patientId', 'assessments'],
    properties: { patientId: { type: 'string' }, assessments: { type: 'array', items: ONE } },
  },
  ...ERROR_RESPONSES,
} as const;

/** GET /:id/history : every step with who and when, and every revision kept. */
export const HISTORY_RESPONSES = {
  200: {
    type: 'object',
    required: ['id', 'revision', 'steps', 'revisions'],
    properties: {
      id: { type: 'string' },
      revision: { type: 'integer' },
      steps: { type: 'array', items: STEP_SCHEMA },
      revisions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['revision', 'action', 'user', 'at', 'state'],
          properties: {
            revision: { type: 'integer' },
            action: { type: 'string' },
            user: { type: 'string' },
            at: { type: 'string' },
            state: { type: 'string' },
          },
        },
      },
    },
  },
  ...ERROR_RESPONSES,
} as const;
