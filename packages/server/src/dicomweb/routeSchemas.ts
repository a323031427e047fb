import { HTTP_ERROR_SCHEMA } from './errors.ts';

/** A UID in a path (PS3.5 §9.1): digits and dots, at most 64 characters. */
export const UID_SCHEMA = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$', maxLength: 64 } as const;

/** A frame list (PS3.18 §10.4.1.1.6): 1-based frame numbers separated by commas. */
export const FRAME_LIST_SCHEMA = { type: 'string', pattern: '^[1-9][0-9]{0,8}(,[1-9][0-9]{0,8})*$', maxLength: 2048 } as const;

export const STUDY_PARAMS = {
  type: 'object',
  required: ['study'],
  properties: { study: UID_SCHEMA },
} as const;

export const SERIES_PARAMS = {
  type: 'object',
  required: ['study', 'series'],
  properties: { study: UID_SCHEMA, series: UID_SCHEMA },
} as const;

export const INSTANCE_PARAMS = {
  type: 'object',
  required: ['study', 'series', 'instance'],
  properties: { study: UID_SCHEMA, series: UID_SCHEMA, instance: UID_SCHEMA },
} as const;

export const FRAMES_PARAMS = {
  type: 'object',
  required: ['study', 'series', 'instance', 'frames'],
  properties: { study: UID_SCHEMA, series: UID_SCHEMA, instance: UID_SCHEMA, frames: FRAME_LIST_SCHEMA },
} as const;

export interface StudyParams {
  study: string;
}
export interface SeriesParams extends StudyParams {
  series: string;
}
export interface InstanceParams extends SeriesParams {
  instance: string;
}
export interface FramesParams extends InstanceParams {
  frames: string;
}

/** The error responses every route may give, by status. */
export const ERROR_RESPONSES = {
  '4xx': HTTP_ERROR_SCHEMA,
  '5xx': HTTP_ERROR_SCHEMA,
} as const;
