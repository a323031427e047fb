import { VoxaError } from '../errors/VoxaError.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { ResponseIssue } from './ResponseResult.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Days from one ISO date to another (UTC calendar days for plain dates). */
export function daysBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000;
}

/** "time point 2 (2024-03-01)" for messages. */
export function describeTimePoint(input: ResponseInput, index: number): string {
  return index === 0 ? `baseline (${input.timePoints[0].dateIso})` : `time point ${index} (${input.timePoints[index].dateIso})`;
}

/**
 * Checks that the input is well formed (throws VOXA_ERR_BAD_ARGUMENT: no time points, a bad
 * date, duplicate lesion ids, observation lists of the wrong length) and reports what is
 * clinically doubtful as issues: dates out of order, a new lesion at baseline, a baseline lesion
 * not assessed at baseline.
 */
export function validateResponseInput(input: ResponseInput): ResponseIssue[] {
  const n = input.timePoints.length;
  if (n === 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'a response evaluation needs at least the baseline time point');
  input.timePoints.forEach((tp, i) => {
    if (!ISO_DATE.test(tp.dateIso) || Number.isNaN(Date.parse(tp.dateIso))) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { timePoint: i }, `dateIso must be an ISO 8601 date like 2024-03-01, got '${tp.dateIso}'`);
    }
  });
  const seen = new Set<string>();
  for (const lesion of input.lesions) {
    if (seen.has(lesion.id)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { lesion: lesion.id }, 'lesion ids must be unique');
    seen.add(lesion.id);
    if (lesion.observations.length !== n) {
      const detail = `expected ${n} observations (one per time point), got ${lesion.observations.length}`;
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { lesion: lesion.id }, detail);
    }
  }
  const issues: ResponseIssue[] = [];
  for (let i = 1; i < n; i++) {
    if (!(daysBetween(input.timePoints[i - 1].dateIso, input.timePoints[i].dateIso) > 0)) {
      const message = `${describeTimePoint(input, i)} is not later than ${describeTimePoint(input, i - 1)}; time points must be in date order`;
      issues.push({ severity: 'error', code: 'input.dates-not-increasing', timePointIndex: i, message });
    }
  }
  for (const lesion of input.lesions) {
    const atBaseline = lesion.observations[0];
    if (lesion.kind === 'new' && atBaseline) {
      const message = `new lesion ${lesion.id} has an observation at baseline; a lesion seen at baseline is a target or non-target lesion`;
      issues.push({ severity: 'error', code: 'input.new-lesion-at-baseline', lesionId: lesion.id, timePointIndex: 0, message });
    }
    if (lesion.kind !== 'new' && (!atBaseline || atBaseline.presence === 'NE')) {
      const message = `${lesion.kind} lesion ${lesion.id} is not assessed at baseline; its follow-ups have no reference`;
      issues.push({ severity: 'error', code: 'input.baseline-not-assessed', lesionId: lesion.id, timePointIndex: 0, message });
    }
  }
  return issues;
}
