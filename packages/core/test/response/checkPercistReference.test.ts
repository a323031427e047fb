import { describe, expect, it } from 'vitest';
import { checkPercistReference, percistMeasurableThreshold } from '../../src/response/checkPercistReference.ts';
import { PERCIST } from '../../src/response/percist.ts';
import type { TimePoint } from '../../src/response/ResponseInput.ts';
import { patient, target, weeks } from './caseBuilder.ts';

const scans = (...pet: TimePoint['pet'][]): TimePoint[] => weeks(0, 8, 16).slice(0, pet.length).map((tp, i) => ({ ...tp, pet: pet[i] }));
const hot = (...sul: number[]) => target('A', 'lung', sul.map((sulPeak) => ({ sulPeak })));
const liver = { liverSulMean: 2, liverSulSd: 0.2 };

describe('checkPercistReference', () => {
  it('sets the measurable threshold at 1.5 × liver mean + 2 SD, or 2 × blood pool + 2 SD without a liver', () => {
    // 1.5 × 2.0 + 2 × 0.2 = 3.4;  2 × 1.5 + 2 × 0.1 = 3.2.
    expect(percistMeasurableThreshold(patient(scans(liver)), PERCIST)).toBeCloseTo(3.4, 12);
    expect(percistMeasurableThreshold(patient(scans({ bloodPoolSulMean: 1.5, bloodPoolSulSd: 0.1 })), PERCIST)).toBeCloseTo(3.2, 12);
  });

  it('flags a hottest baseline lesion below the threshold, naming it', () => {
    const [issue] = checkPercistReference(patient(scans(liver), hot(3)), PERCIST);
    expect([issue.code, issue.lesionId]).toEqual(['percist.baseline.not-measurable', 'A']);
    expect(issue.message).toContain('below the measurable threshold 3.4');
  });

  it('warns when the liver reference drifts by more than 20 % or 0.3 SUL, not within it', () => {
    // 2.0 → 2.5: +25 % and +0.5 → warn;  2.0 → 2.25: +12.5 %, +0.25 → fine.
    expect(checkPercistReference(patient(scans(liver, { liverSulMean: 2.5 }), hot(6, 4)), PERCIST).map((i) => [i.code, i.timePointIndex])).toEqual([['percist.reference.liver-drift', 1]]);
    expect(checkPercistReference(patient(scans(liver, { liverSulMean: 2.25 }), hot(6, 4)), PERCIST)).toEqual([]);
  });
});
