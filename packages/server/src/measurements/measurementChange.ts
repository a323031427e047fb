import type { IncomingHttpHeaders } from 'node:http';
import type { MeasurementChange } from './MeasurementStore.ts';
import { MeasurementHttpError } from './measurementErrors.ts';

/** The user recorded in the audit trail when a write has no X-Voxa-User header. */
export const ANONYMOUS_USER = 'anonymous';

/** Longest X-Voxa-User, characters. */
export const MAX_USER_LENGTH = 128;

/** 1 to 128 characters, none a control character. */
const USER = new RegExp(`^[^\\u0000-\\u001f\\u007f]{1,${MAX_USER_LENGTH}}$`);

/** An entity tag as the measurement routes send it (ETag: "3"), or the bare revision number. */
const REVISION_TAG = /^(?:"(0|[1-9][0-9]{0,14})"|(0|[1-9][0-9]{0,14}))$/;

/**
 * Who makes a write and the revision it is based on, from its headers: `X-Voxa-User` (a name
 * recorded as given, default 'anonymous'; Voxa does not authenticate it) and `If-Match` (the
 * study's revision, as the ETag of a read gives it or bare: `"3"` or `3`; `*` matches any).
 * Throws VOXA_HTTP_BAD_HEADER naming the header and what was expected.
 */
export function measurementChange(headers: IncomingHttpHeaders): MeasurementChange {
  const change: MeasurementChange = { user: user(headers['x-voxa-user']) };
  const ifMatch = headers['if-match']?.trim();
  if (ifMatch === undefined || ifMatch === '*') return change;
  const match = REVISION_TAG.exec(ifMatch);
  if (!match) throw new MeasurementHttpError('VOXA_HTTP_BAD_HEADER', 'If-Match: expected the revision of a read (its ETag, such as "3", or 3) or *');
  change.expectedRevision = Number(match[1] ?? match[2]);
  return change;
}

function user(value: string | string[] | undefined): string {
  if (value === undefined) return ANONYMOUS_USER;
  const name = typeof value === 'string' ? value.trim() : undefined;
  if (name === undefined || !USER.test(name)) {
    throw new MeasurementHttpError('VOXA_HTTP_BAD_HEADER', `X-Voxa-User: expected one name of 1 to ${MAX_USER_LENGTH} characters without control characters`);
  }
  return name;
}
