/** PS3.5 §9.1: at most 64 characters. */
export const MAX_UID_LENGTH = 64;

const UID_SYNTAX = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/**
 * Why `value` is not a valid UID (PS3.5 §9.1: components of digits separated by '.', no
 * leading zero in a component except the single digit '0', at most 64 characters), or
 * undefined when it is one. Checked before a UID goes anywhere (index, messages about paths).
 */
export function uidProblem(value: string): string | undefined {
  if (value.length === 0) return 'it is empty';
  if (value.length > MAX_UID_LENGTH) return `it has ${value.length} characters, more than ${MAX_UID_LENGTH}`;
  if (UID_SYNTAX.test(value)) return undefined;
  if (/[^0-9.]/.test(value)) return 'only digits and dots are allowed';
  if (/(^|\.)\.|\.$|^\./.test(value)) return 'a component is empty';
  return 'a component has a leading zero';
}

/** True when `value` is a valid UID (see `uidProblem`). */
export function isValidUid(value: string): boolean {
  return uidProblem(value) === undefined;
}
