import { describe, expect, it } from 'vitest';
import { newLesionFindings } from '../../src/response/newLesionFindings.ts';
import { evaluateRecist11 } from '../../src/response/recist11.ts';
import { newLesion, patient, target, weeks } from './caseBuilder.ts';

const R = { id: 'recist', name: 'RECIST 1.1' };

describe('newLesionFindings', () => {
  it('dates PD from the first scan of an equivocal new lesion once a later scan confirms it', () => {
    // Week 8: equivocal liver lesion (targets PR); week 16: unequivocal → PD dated week 8.
    const input = patient(weeks(0, 8, 16), target('L1', 'lung', [50, 30, 30]), newLesion('X1', 'liver', [null, 'equivocal', 'yes']));
    const e = evaluateRecist11(input);
    expect(e.timePoints.map((tp) => tp.category)).toEqual(['PD', 'PD']);
    const backdated = e.timePoints[0].firings.find((f) => f.ruleId === 'recist.pd.new-lesion.confirmed-later')!;
    expect(backdated.values.confirmedAtIndex).toBe(2);
  });

  it('leaves an equivocal new lesion that goes away without consequence', () => {
    // Week 8: equivocal; week 16: gone. Targets 50 → 30 → 30: PR, PR.
    const input = patient(weeks(0, 8, 16), target('L1', 'lung', [50, 30, 30]), newLesion('X1', 'liver', [null, 'equivocal', 'gone']));
    const e = evaluateRecist11(input);
    expect(e.timePoints.map((tp) => tp.category)).toEqual(['PR', 'PR']);
    expect(e.timePoints[0].newLesions).toBe('equivocal');
  });

  it('reads the time point flag when new lesions are not itemised', () => {
    const tps = weeks(0, 8, 16);
    tps[1] = { ...tps[1], newLesions: 'equivocal' };
    tps[2] = { ...tps[2], newLesions: 'unequivocal' };
    const f = newLesionFindings(patient(tps), R);
    expect(f.map((x) => x.status)).toEqual(['none', 'equivocal', 'unequivocal']);
  });
});
