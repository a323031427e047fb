/** JSON schemas of the registration route (Fastify validates bodies and serialises replies with them). */

const UID = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$', maxLength: 64 } as const;

const SERIES_REF = {
  type: 'object',
  required: ['studyInstanceUid', 'seriesInstanceUid'],
  additionalProperties: false,
  properties: { studyInstanceUid: UID, seriesInstanceUid: UID },
} as const;

/** `{ fixed, moving, mode? }`: two series by their UIDs; mode 'rigid' (default) or 'affine'. */
export const REGISTRATION_BODY = {
  type: 'object',
  required: ['fixed', 'moving'],
  additionalProperties: false,
  properties: {
    fixed: SERIES_REF,
    moving: SERIES_REF,
    mode: { type: 'string', enum: ['rigid', 'affine'], default: 'rigid' },
  },
} as const;

const NUMBERS = { type: 'array', items: { type: 'number' } } as const;

const LEVEL = {
  type: 'object',
  properties: {
    stage: { type: 'string' },
    shrink: { type: 'number' },
    samples: { type: 'integer' },
    overlap: { type: 'number' },
    iterations: { type: 'integer' },
    value: { type: 'number' },
    stop: { type: 'string' },
  },
} as const;

const ERROR = { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } as const;

/** The reply: core's RegistrationTransform, the per-level report, the seconds it took, and whether it came from the cache. */
export const REGISTRATION_RESPONSES = {
  200: {
    type: 'object',
    required: ['kind', 'fixedToMoving', 'centerMm', 'parameters', 'levels', 'seconds', 'cached'],
    properties: {
      kind: { type: 'string' },
      fixedToMoving: { ...NUMBERS, minItems: 16, maxItems: 16 },
      centerMm: { ...NUMBERS, minItems: 3, maxItems: 3 },
      parameters: NUMBERS,
      levels: { type: 'array', items: LEVEL },
      seconds: { type: 'number' },
      cached: { type: 'boolean' },
    },
  },
  '4xx': ERROR,
  '5xx': ERROR,
} as const;
