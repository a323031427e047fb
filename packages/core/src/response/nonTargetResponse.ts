import { isNormalNode } from './checkTargetSelection.ts';
import { lesionAxisMm } from './lesionMeasure.ts';
import type { Lesion, NonTargetStatus, ResponseInput } from './ResponseInput.ts';
import type { NonTargetCategory, RuleFiring } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/** The non-target lesions' response at one time point and the rule that decided it. */
export interface NonTargetAssessment {
  category: NonTargetCategory;
  firings: RuleFiring[];
}

/** What the non-target evaluation reads from a rule table. */
export type NonTargetRules = Pick<SumCriterionRules, 'id' | 'name' | 'nodeNormal' | 'tooSmallAxisMm'>;

/**
 * A non-target lesion's status at t: 'NE' when not assessed; a node within the criterion's
 * normal size counts as absent unless it unequivocally progressed (RECIST 1.1, evaluation of
 * non-target lesions).
 */
export function nonTargetStatus(lesion: Lesion, t: number, rules: NonTargetRules): NonTargetStatus {
  const obs = lesion.observations[t];
  if (!obs || obs.presence === 'NE') return 'NE';
  if (obs.presence === 'disappeared') return 'absent';
  const status = obs.status ?? 'present';
  if (status !== 'unequivocal-progression' && lesion.isLymphNode && rules.nodeNormal) {
    const v = lesionAxisMm(obs, rules.nodeNormal.axis, rules.tooSmallAxisMm);
    if (v !== null && isNormalNode(v, rules.nodeNormal)) return 'absent';
  }
  return status;
}

/**
 * Non-target response at follow-up t (RECIST 1.1, evaluation of non-target lesions): PD on
 * unequivocal progression of any non-target; NE when one was not assessed; CR when all are gone
 * (nodes normal) and tumour markers are not abnormal; non-CR/non-PD otherwise. null when there
 * are no non-target lesions.
 */
export function assessNonTargets(input: ResponseInput, rules: NonTargetRules, t: number): NonTargetAssessment | null {
  const lesions = input.lesions.filter((l) => l.kind === 'non-target');
  if (lesions.length === 0) return null;
  const at = describeTimePoint(input, t);
  const statuses = lesions.map((l) => ({ id: l.id, status: nonTargetStatus(l, t, rules) }));
  const ids = (keep: (s: NonTargetStatus) => boolean) => statuses.filter((x) => keep(x.status)).map((x) => x.id);
  const one = (category: NonTargetCategory, rule: string, message: string, lesionIds?: string[]): NonTargetAssessment =>
    ({ category, firings: [{ ruleId: `${rules.id}.${rule}`, message: `${message} (${rules.name})`, values: {}, ...(lesionIds ? { lesionIds } : {}) }] });
  const progressed = ids((s) => s === 'unequivocal-progression');
  if (progressed.length > 0) return one('PD', 'pd.non-target.unequivocal', `unequivocal progression of non-target ${progressed.join(', ')} at ${at}: PD`, progressed);
  const missing = ids((s) => s === 'NE');
  if (missing.length > 0) return one('NE', 'ne.non-target.not-evaluated', `non-target ${missing.join(', ')} not evaluated at ${at}`, missing);
  const persisting = ids((s) => s !== 'absent');
  if (persisting.length > 0) {
    const message = `non-target ${persisting.join(', ')} still present at ${at}, no unequivocal progression: non-CR/non-PD`;
    return one('NON_CR_NON_PD', 'non-cr-non-pd.non-target.persisting', message, persisting);
  }
  if (input.timePoints[t].tumourMarkersNormal === false) {
    const message = `all non-target lesions are gone at ${at} but tumour markers are above normal: non-CR/non-PD`;
    return one('NON_CR_NON_PD', 'non-cr-non-pd.non-target.markers-abnormal', message);
  }
  const n = rules.nodeNormal;
  return one('CR', 'cr.non-target.all-absent', `every non-target lesion is gone at ${at}${n ? ` (nodes ${n.inclusive ? '≤' : '<'} ${n.mm} mm ${n.axis})` : ''}: CR`);
}
