import { describe, expect, it } from 'vitest';
import { evaluateRecist11 } from '../../src/response/recist11.ts';
import { evaluateVolumetric } from '../../src/response/volumetric.ts';
import { generatePhantomTimePoint } from '../../src/phantom/generatePhantom.ts';
import { registerVolumes } from '../../src/registration/registerVolumes.ts';
import { measureLesionsOverTime, type LongitudinalScan } from '../../src/longitudinal/measureLesionsOverTime.ts';
import { thrownMessage } from '../util/thrown.ts';

/**
 * The acceptance of the longitudinal issue on the phantom (2.8 mm grid): three scans built to
 * show a partial response (every target diameter −35%) and then progression (+30% from that
 * nadir, and a new liver lesion). Everything after the reader's baseline clicks is automatic:
 * registration of each follow-up, the clicks carried through it, one-click segmentation, and the
 * RECIST axes measured from the 3D segments.
 */
describe('measureLesionsOverTime on the phantom\'s three time points', () => {
  const tps = [0, 1, 2].map((i) => generatePhantomTimePoint(i, { size: 'small' }));
  const scans: LongitudinalScan[] = tps.map((tp, i) => ({
    dateIso: tp.truth.studyDate.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'),
    volume: tp.ct,
    baselineToScan: i === 0 ? undefined : registerVolumes(tps[0].ct, tp.ct).transform.fixedToMoving,
  }));
  const baselineSeeds = tps[0].truth.lesions.filter((l) => l.target).map((l) => ({
    id: l.id, organ: l.organ, kind: 'target' as const, isLymphNode: l.nodal, seedLps: l.centreLps,
  }));
  const fresh = tps[2].truth.lesions.find((l) => l.isNew)!;
  const { input, measurements } = measureLesionsOverTime(scans, baselineSeeds, [{ id: fresh.id, organ: fresh.organ, scan: 2, seedLps: fresh.centreLps }]);

  it('gives exactly the designed RECIST 1.1 categories from automatic measurements: PR, then PD', () => {
    const evaluation = evaluateRecist11(input);
    expect(evaluation.timePoints.map((t) => t.category)).toEqual(['PR', 'PD']);
    const fired = evaluation.timePoints[1].firings.map((f) => f.ruleId).join(' ');
    expect(fired).toMatch(/new/); // the new lesion is one of the reasons for progression
  });

  it('measures every sum of diameters within 5% of the analytic truth', () => {
    for (const [i, tp] of tps.entries()) {
      const measured = input.lesions.filter((l) => l.kind === 'target').reduce((s, l) => {
        const o = l.observations[i]!;
        return s + (l.isLymphNode ? o.shortAxisMm! : o.longAxisMm!);
      }, 0);
      // Measured 85.5 / 55.4 / 71.4 mm against 82.0 / 53.3 / 69.3 (+4.2%, +3.9%, +3.0%): the longest
      // chord of a digitised section picks the outermost of its edge points, half a 2.8 mm voxel
      // beyond the surface at worst at each end. The changes, which decide the response, cancel it.
      expect(Math.abs(measured - tp.truth.response.sumOfDiametersMm) / tp.truth.response.sumOfDiametersMm).toBeLessThan(0.05);
    }
  });

  it('finds each lesion by registration alone: every segment lies on its lesion, with the volume within 6% of the label', () => {
    for (const m of measurements) {
      const truth = tps[m.scan].truth.lesions.find((l) => l.id === m.lesionId)!;
      const d = Math.hypot(...m.seedLps.map((x, a) => x - truth.centreLps[a]));
      expect(d).toBeLessThan(1); // the carried click lands within a millimetre of the lesion centre
      expect(Math.abs(m.volumeMm3 - truth.labelVolumeMm3) / truth.labelVolumeMm3).toBeLessThan(0.06);
    }
  });

  it('gives the volumetric criterion the same story (−72% then +130%)', () => {
    expect(evaluateVolumetric(input).timePoints.map((t) => t.category)).toEqual(['PR', 'PD']);
  });

  it('reports a lesion carried into air as not found and leaves it not assessed (NE), measuring nothing there', () => {
    // A click outside the body (index 10, 10, mid-slice): air at every scan.
    const m = tps[0].ct.indexToWorld, k = 75;
    const air: [number, number, number] = [0, 1, 2].map((r) => m[r] * 10 + m[4 + r] * 10 + m[8 + r] * k + m[12 + r]) as [number, number, number];
    const seeds = [...baselineSeeds, { id: 'NT9', organ: 'lung', kind: 'non-target' as const, seedLps: air }];
    const r = measureLesionsOverTime(scans.slice(0, 2), seeds);
    expect(r.misses.map((x) => [x.lesionId, x.scan])).toEqual([['NT9', 0], ['NT9', 1]]);
    expect(r.misses[0].reason).toMatch(/lesion NT9 not found at \(.*\) in scan 0 \(2024-01-08\): the point is in air \(-\d+ HU\)/);
    expect(r.input.lesions.find((l) => l.id === 'NT9')!.observations).toEqual([null, null]);
    expect(r.measurements.some((x) => x.lesionId === 'NT9')).toBe(false);
    expect(measureLesionsOverTime(scans.slice(0, 2), baselineSeeds).misses).toEqual([]);
    // A baseline click at the grid's edge that the follow-up's motion carries out of its scan.
    const edge: [number, number, number] = [0, 1, 2].map((r) => m[r] * 0 + m[4 + r] * 0 + m[8 + r] * k + m[12 + r]) as [number, number, number];
    const out = measureLesionsOverTime(scans.slice(0, 2), [{ id: 'NT8', organ: 'lung', kind: 'non-target', seedLps: edge }]);
    expect(out.misses.map((x) => x.reason).join('\n')).toMatch(/lesion NT8 not found at .* in scan 1 \(2024-03-04\): the point lies outside the scan/);
  });

  it('refuses a follow-up without its registration, naming the scan', () => {
    expect(thrownMessage(() => measureLesionsOverTime([scans[0], { ...scans[1], baselineToScan: undefined }], baselineSeeds))).toMatch(/scan 1 \(\d{4}-\d{2}-\d{2}\) has no baselineToScan: register it onto the baseline first/);
  });
});
