import { describe, expect, it } from 'vitest';
import { hottestLesion, uptakeResolved } from '../../src/response/percistUptake.ts';
import { patient, target, weeks } from './caseBuilder.ts';

describe('percistUptake', () => {
  it('finds the hottest lesion and lists those without a value', () => {
    const a = target('A', 'lung', [{ sulPeak: 4 }]), b = target('B', 'liver', [{ sulPeak: 6.5 }]), c = target('C', 'bone', [null]);
    expect(hottestLesion([a, b, c], 0, 'sulPeak')).toEqual({ value: 6.5, lesionId: 'B', missing: ['C'] });
  });

  it('reads uptake below liver mean and at blood pool as resolved, above it as not', () => {
    const tps = weeks(0).map((tp) => ({ ...tp, pet: { liverSulMean: 2, bloodPoolSulMean: 1.6 } }));
    expect(uptakeResolved(target('A', 'lung', [{ sulPeak: 1.5 }]), 0, patient(tps), 'sulPeak')).toBe(true);
    expect(uptakeResolved(target('A', 'lung', [{ sulPeak: 1.8 }]), 0, patient(tps), 'sulPeak')).toBe(false);
    expect(uptakeResolved(target('A', 'lung', [{ presence: 'disappeared' }]), 0, patient(weeks(0)), 'sulPeak')).toBe(true);
  });
});
