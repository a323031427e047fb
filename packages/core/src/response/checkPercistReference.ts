import { formatNumber } from './formatValue.ts';
import type { PercistRules } from './percist.ts';
import { hottestLesion } from './percistUptake.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { ResponseIssue } from './ResponseResult.ts';
import { fractionChange, greaterThan, lessThan } from './tolerantCompare.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/** The smallest measurable baseline uptake: 1.5 × liver mean + 2 SD, or 2.0 × blood pool mean + 2 SD without a liver reference. */
export function percistMeasurableThreshold(input: ResponseInput, rules: PercistRules): number | null {
  const ref = input.timePoints[0].pet ?? {};
  if (ref.liverSulMean !== undefined) return rules.measurableLiverFactor * ref.liverSulMean + 2 * (ref.liverSulSd ?? 0);
  if (ref.bloodPoolSulMean !== undefined) return rules.measurableBloodPoolFactor * ref.bloodPoolSulMean + 2 * (ref.bloodPoolSulSd ?? 0);
  return null;
}

/**
 * PERCIST 1.0 quality checks: the hottest target lesion at baseline must be measurable (above
 * the liver- or blood-pool-based threshold), and each follow-up's liver mean SUL should be within
 * 20 % and 0.3 SUL of the baseline's, else the scans may not be comparable.
 */
export function checkPercistReference(input: ResponseInput, rules: PercistRules): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const { id } = rules;
  const base = hottestLesion(input.lesions.filter((l) => l.kind === 'target'), 0, rules.uptake);
  const threshold = percistMeasurableThreshold(input, rules);
  if (base.lesionId === null) {
    issues.push({ severity: 'error', code: `${id}.baseline.no-uptake`, timePointIndex: 0, message: `no target lesion has a ${rules.uptake} at baseline` });
  } else if (threshold === null) {
    const message = 'no liver or blood-pool reference at baseline: measurability not checked';
    issues.push({ severity: 'warning', code: `${id}.baseline.no-reference`, timePointIndex: 0, message });
  } else if (lessThan(base.value, threshold)) {
    const message = `hottest lesion ${base.lesionId} has ${rules.uptake} ${formatNumber(base.value, 2)} at baseline, ` +
      `below the measurable threshold ${formatNumber(threshold, 2)} (${rules.measurableLiverFactor} × liver mean + 2 SD)`;
    issues.push({ severity: 'error', code: `${id}.baseline.not-measurable`, lesionId: base.lesionId, timePointIndex: 0, message });
  }
  const liver0 = input.timePoints[0].pet?.liverSulMean;
  input.timePoints.forEach((tp, t) => {
    const liver = tp.pet?.liverSulMean;
    if (t === 0 || liver === undefined || liver0 === undefined) return;
    const relative = Math.abs(fractionChange(liver, liver0)), absolute = Math.abs(liver - liver0);
    if (!greaterThan(relative, rules.liverDriftMaxChange) && !greaterThan(absolute, rules.liverDriftMaxAbsolute)) return;
    const message = `liver mean SUL ${formatNumber(liver, 2)} at ${describeTimePoint(input, t)} differs from the baseline ${formatNumber(liver0, 2)} ` +
      `by more than ${rules.liverDriftMaxChange * 100} % or ${rules.liverDriftMaxAbsolute} SUL: the scans may not be comparable`;
    issues.push({ severity: 'warning', code: `${id}.reference.liver-drift`, timePointIndex: t, message });
  });
  return issues;
}
