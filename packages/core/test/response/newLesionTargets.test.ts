import { describe, expect, it } from 'vitest';
import { newLesionTargetSum, selectNewLesionTargets } from '../../src/response/newLesionTargets.ts';
import { RECIST_1_1 } from '../../src/response/recist11.ts';
import { newLesion, patient, weeks } from './caseBuilder.ts';

describe('selectNewLesionTargets', () => {
  it('takes measurable new lesions in order of appearance, at most 2 per organ, the rest non-target', () => {
    // X3 (liver, week 8) and X1 (liver, week 8) fill the liver; X2 (liver, week 16) is the third; X4 is 8 mm.
    const input = patient(weeks(0, 8, 16),
      newLesion('X2', 'liver', [null, null, 15]),
      newLesion('X3', 'liver', [null, 12, 12]),
      newLesion('X1', 'liver', [null, 20, 20]),
      newLesion('X4', 'lung', [null, 8, 8]));
    const split = selectNewLesionTargets(input, RECIST_1_1);
    expect(split.targets.map((l) => l.id)).toEqual(['X3', 'X1']);
    expect(split.nonTargets.map((l) => l.id)).toEqual(['X4', 'X2']);
    expect(newLesionTargetSum(split.targets, 2, RECIST_1_1)).toBe(32);
  });
});
