import { ERROR_RESPONSES } from '../dicomweb/routeSchemas.ts';
import { MODEL_ID_PATTERN } from './scanModelManifests.ts';

/** The path of one model: its id. */
export const MODEL_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: MODEL_ID_PATTERN.source } },
} as const;

const NUMBERS = { type: 'array', items: { type: 'number' } } as const;

/** One model in the list (see `ModelSummary`). */
export const MODEL_SUMMARY_SCHEMA = {
  type: 'object',
  required: ['id', 'manifestFile', 'name', 'version', 'license', 'source', 'grid', 'patchSize', 'axisOrder', 'channels', 'labels', 'file'],
  properties: {
    id: { type: 'string' },
    manifestFile: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    license: { type: 'string' },
    source: { type: 'string' },
    citation: { type: 'string' },
    modality: { type: 'string' },
    sha256: { type: 'string' },
    grid: {
      type: 'object',
      required: ['orientation', 'spacingMm'],
      properties: { orientation: { type: 'string' }, spacingMm: { anyOf: [{ type: 'string' }, NUMBERS] }, shape: NUMBERS },
    },
    patchSize: { anyOf: [{ type: 'string' }, NUMBERS] },
    axisOrder: { type: 'string' },
    channels: { type: 'integer' },
    labels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['channel', 'label', 'color'],
        properties: { channel: { type: 'integer' }, label: { type: 'string' }, description: { type: 'string' }, color: NUMBERS },
      },
    },
    file: {
      type: 'object',
      required: ['available'],
      properties: { available: { type: 'boolean' }, bytes: { type: 'integer' }, problem: { type: 'string' } },
    },
  },
} as const;

/** GET /api/models. */
export const LIST_MODELS_RESPONSES = {
  200: {
    type: 'object',
    required: ['models', 'invalid'],
    properties: {
      models: { type: 'array', items: MODEL_SUMMARY_SCHEMA },
      invalid: {
        type: 'array',
        items: { type: 'object', required: ['manifestFile', 'message'], properties: { manifestFile: { type: 'string' }, message: { type: 'string' } } },
      },
    },
  },
  ...ERROR_RESPONSES,
} as const;

/** GET /api/models/:id/manifest: the manifest as written, its `file` pointing at the file route. */
export const MANIFEST_RESPONSES = {
  200: {
    type: 'object',
    required: ['format', 'formatVersion', 'name', 'version', 'file'],
    additionalProperties: true,
    properties: { format: { type: 'string' }, formatVersion: { type: 'integer' }, name: { type: 'string' }, version: { type: 'string' }, file: { type: 'string' } },
  },
  ...ERROR_RESPONSES,
} as const;

/** GET /api/models/:id/file: the ONNX bytes (no JSON schema for a 200). */
export const FILE_RESPONSES = { ...ERROR_RESPONSES } as const;
