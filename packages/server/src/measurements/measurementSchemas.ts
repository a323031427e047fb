import { ERROR_RESPONSES, UID_SCHEMA } from '../dicomweb/routeSchemas.ts';
import { MEASUREMENT_ID_PATTERN, MEASUREMENT_KINDS } from '@voxa/core';

/** The path of the study's measurements. */
export const STUDY_MEASUREMENTS_PARAMS = {
  type: 'object',
  required: ['study'],
  properties: { study: UID_SCHEMA },
} as const;

/** The path of one measurement: the study UID and the client's id. */
export const MEASUREMENT_PARAMS = {
  type: 'object',
  required: ['study', 'id'],
  properties: { study: UID_SCHEMA, id: { type: 'string', pattern: MEASUREMENT_ID_PATTERN.source } },
} as const;

/**
 * The PUT body as Fastify checks it: an object, nothing more. Fastify's Ajv coerces types
 * ("1" → 1) and knows no per-kind point counts, so `parseMeasurement` checks the rest, strictly.
 */
export const MEASUREMENT_BODY = { type: 'object' } as const;

const POINT = { type: 'array', items: { type: 'number' }, minItems: 3, maxItems: 3 } as const;

/** A Measurement as the routes answer it (see Measurement.ts). */
export const MEASUREMENT_SCHEMA = {
  type: 'object',
  required: ['id', 'kind', 'seriesInstanceUid', 'points', 'values', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: MEASUREMENT_KINDS },
    seriesInstanceUid: { type: 'string' },
    frameOfReferenceUid: { type: 'string' },
    points: { type: 'array', items: POINT },
    plane: { type: 'object', required: ['origin', 'row', 'column'], properties: { origin: POINT, row: POINT, column: POINT } },
    label: { type: 'string' },
    values: { type: 'object', additionalProperties: { type: 'number' } },
    units: { type: 'string' },
    algorithm: { type: 'string' },
    lesion: {
      type: 'object',
      required: ['id', 'kind', 'organ'],
      properties: {
        id: { type: 'string' }, kind: { type: 'string' }, organ: { type: 'string' }, isLymphNode: { type: 'boolean' },
        presence: { type: 'string' }, status: { type: 'string' }, equivocal: { type: 'boolean' },
      },
    },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

const STUDY_UID_AND_REVISION = {
  studyInstanceUid: { type: 'string' },
  revision: { type: 'integer' },
} as const;

/** GET …/measurements. */
export const LIST_RESPONSES = {
  200: {
    type: 'object',
    required: ['studyInstanceUid', 'revision', 'measurements'],
    properties: { ...STUDY_UID_AND_REVISION, measurements: { type: 'array', items: MEASUREMENT_SCHEMA } },
  },
  ...ERROR_RESPONSES,
} as const;

const ONE = {
  type: 'object',
  required: ['studyInstanceUid', 'revision', 'measurement'],
  properties: { ...STUDY_UID_AND_REVISION, measurement: MEASUREMENT_SCHEMA },
} as const;

/** GET …/measurements/:id, and PUT (201 created, 200 replaced). */
export const ONE_RESPONSES = { 200: ONE, 201: ONE, ...ERROR_RESPONSES } as const;

/** DELETE …/measurements/:id. */
export const DELETE_RESPONSES = {
  200: { type: 'object', required: ['studyInstanceUid', 'revision'], properties: STUDY_UID_AND_REVISION },
  ...ERROR_RESPONSES,
} as const;

const NULLABLE_MEASUREMENT = { anyOf: [{ type: 'null' }, MEASUREMENT_SCHEMA] } as const;

/** GET …/measurements/:id/history. */
export const HISTORY_RESPONSES = {
  200: {
    type: 'object',
    required: ['studyInstanceUid', 'revision', 'id', 'entries'],
    properties: {
      ...STUDY_UID_AND_REVISION,
      id: { type: 'string' },
      entries: {
        type: 'array',
        items: {
          type: 'object',
          required: ['revision', 'action', 'user', 'at', 'before', 'after'],
          properties: {
            revision: { type: 'integer' },
            action: { type: 'string', enum: ['create', 'update', 'delete'] },
            user: { type: 'string' },
            at: { type: 'string' },
            before: NULLABLE_MEASUREMENT,
            after: NULLABLE_MEASUREMENT,
          },
        },
      },
    },
  },
  ...ERROR_RESPONSES,
} as const;
