import { describe, expect, it } from 'vitest';
import { daysBetween, validateResponseInput } from '../../src/response/validateResponseInput.ts';
import { thrown } from '../util/thrown.ts';
import { newLesion, patient, target, weeks } from './caseBuilder.ts';

describe('validateResponseInput', () => {
  it('throws VOXA_ERR_BAD_ARGUMENT for malformed input: no time points, a bad date, wrong observation count, duplicate ids', () => {
    expect(thrown(() => validateResponseInput(patient([]))).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(thrown(() => validateResponseInput(patient([{ dateIso: '01/03/2024' }]))).message).toContain("got '01/03/2024'");
    const e = thrown(() => validateResponseInput(patient(weeks(0, 8), target('L1', 'liver', [20]))));
    expect(e.message).toBe('Invalid argument: expected 2 observations (one per time point), got 1 (lesion L1)');
    expect(thrown(() => validateResponseInput(patient(weeks(0), target('L1', 'liver', [20]), target('L1', 'lung', [20])))).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });

  it('reports dates out of order, a new lesion at baseline and a lesion missing at baseline', () => {
    const tps = weeks(0, 8, 4);
    const issues = validateResponseInput(patient(tps, target('L1', 'liver', [null, 20, 20]), newLesion('X1', 'bone', ['yes', 'yes', 'yes'])));
    expect(issues.map((i) => [i.code, i.lesionId ?? null, i.timePointIndex])).toEqual([
      ['input.dates-not-increasing', null, 2],
      ['input.baseline-not-assessed', 'L1', 0],
      ['input.new-lesion-at-baseline', 'X1', 0],
    ]);
  });

  it('counts days between ISO dates', () => {
    expect(daysBetween('2024-01-01', '2024-02-26')).toBe(56);
  });
});
