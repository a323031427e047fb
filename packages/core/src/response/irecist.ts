import { formatNumber } from './formatValue.ts';
import { newLesionPresent } from './newLesionFindings.ts';
import { type NewLesionTargets, newLesionTargetSum, selectNewLesionTargets } from './newLesionTargets.ts';
import { evaluateRecist11, RECIST_1_1 } from './recist11.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { IrecistCategory, RecistCategory, ResponseEvaluation, RuleFiring, TimePointResponse } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import { atLeast } from './tolerantCompare.ts';
import { daysBetween, describeTimePoint } from './validateResponseInput.ts';

/** The iRECIST rule table. */
export interface IrecistRules {
  id: string;
  name: string;
  /** The RECIST 1.1 table the time points are first read with. */
  recist: SumCriterionRules;
  /** iCPD by growth: target sum, or new-lesion-target sum, up at least this much since the iUPD time point (additive over assessments). */
  confirmationMinIncreaseMm: number;
  /** Scans sooner than this after iUPD confirm only by additional new lesions (iRECIST Q&A; 4–8 weeks recommended). */
  confirmationMinDays: number;
}

/** iRECIST (Seymour et al., Lancet Oncol 2017;18:e143–e152) on RECIST 1.1: iCPD needs +5 mm, confirmation from 4 weeks. */
export const IRECIST: IrecistRules = { id: 'irecist', name: 'iRECIST', recist: RECIST_1_1, confirmationMinIncreaseMm: 5, confirmationMinDays: 28 };

const I_CATEGORY: Record<Exclude<RecistCategory, 'PD'>, IrecistCategory> = { CR: 'iCR', PR: 'iPR', SD: 'iSD', NE: 'NE', NON_CR_NON_PD: 'NON_iCR_NON_iUPD' };

type Category = 'target' | 'non-target' | 'new lesions';
type RecistTimePoint = TimePointResponse<RecistCategory>;

/** The unconfirmed progression waiting for confirmation: where it was and what progressed. */
interface Unconfirmed { index: number; progressed: Set<Category>; targetSum: number; newPresent: Set<string> }

/** The lesion categories in which RECIST 1.1 calls progression at this time point. */
function progressedCategories(r: RecistTimePoint): Set<Category> {
  const s = new Set<Category>();
  if (r.target === 'PD' || r.firings.some((f) => f.ruleId.endsWith('.pd.reappearance-after-cr'))) s.add('target');
  if (r.nonTarget === 'PD') s.add('non-target');
  if (r.newLesions === 'unequivocal') s.add('new lesions');
  return s;
}

/** Why the assessment r confirms the pending iUPD p (Seymour 2017 Table 2; Q&A); empty when it does not. */
function confirmationReasons(input: ResponseInput, rules: IrecistRules, split: NewLesionTargets, p: Unconfirmed, r: RecistTimePoint, present: Set<string>) {
  const t = r.index, now = progressedCategories(r);
  const reasons: string[] = [];
  const values: Record<string, number> = {};
  const targetUp = (r.measure.value ?? 0) - p.targetSum;
  if (p.progressed.has('target') && r.measure.value !== null && atLeast(targetUp, rules.confirmationMinIncreaseMm)) {
    reasons.push(`target sum up ${formatNumber(targetUp)} mm since iUPD`);
    values.targetSumIncreaseMm = targetUp;
  }
  for (const c of ['target', 'non-target'] as const) if (!p.progressed.has(c) && now.has(c)) reasons.push(`${c} lesions now progress`);
  const ntUp = input.lesions.filter((l) => l.kind === 'non-target' && l.observations[t]?.status === 'increased').map((l) => l.id);
  if (p.progressed.has('non-target') && ntUp.length > 0) reasons.push(`non-target ${ntUp.join(', ')} increased further`);
  const earlier = split.targets.filter((l) => p.newPresent.has(l.id));
  const nltUp = newLesionTargetSum(earlier, t, rules.recist) - newLesionTargetSum(earlier, p.index, rules.recist);
  if (earlier.length > 0 && atLeast(nltUp, rules.confirmationMinIncreaseMm)) {
    reasons.push(`new-lesion-target sum up ${formatNumber(nltUp)} mm`);
    values.newLesionTargetIncreaseMm = nltUp;
  }
  const grew = (l: (typeof split.nonTargets)[number]) => p.newPresent.has(l.id) && ['increased', 'unequivocal-progression'].includes(l.observations[t]?.status ?? '');
  const nntUp = split.nonTargets.filter(grew).map((l) => l.id);
  if (nntUp.length > 0) reasons.push(`new non-target ${nntUp.join(', ')} increased`);
  const added = [...present].filter((x) => !p.newPresent.has(x));
  const moreNew = added.length > 0 || (p.newPresent.size === 0 && r.newLesions === 'unequivocal');
  if (moreNew) reasons.push(added.length > 0 ? `additional new lesion ${added.join(', ')}` : 'new lesions appeared');
  return { reasons, values, moreNew };
}

/**
 * Evaluates iRECIST: each time point is read by RECIST 1.1 first; the first RECIST progression
 * becomes iUPD. At a later assessment iUPD is confirmed (iCPD) by a further target-sum increase
 * ≥ 5 mm, any further increase of non-target (status 'increased') or new non-target lesions, a
 * new-lesion-target sum up ≥ 5 mm, more new lesions, or RECIST progression in a category not
 * progressing at iUPD; it resets to iCR/iPR/iSD when RECIST no longer shows progression and no new
 * lesion remains; otherwise it remains iUPD (Seymour 2017 Table 2). iCPD is final.
 */
export function evaluateIrecist(input: ResponseInput, rules: IrecistRules = IRECIST): ResponseEvaluation<IrecistCategory> {
  const recist = evaluateRecist11(input, rules.recist);
  const split = selectNewLesionTargets(input, rules.recist);
  const news = input.lesions.filter((l) => l.kind === 'new');
  let pending: Unconfirmed | null = null;
  let confirmed = false;
  const timePoints = recist.timePoints.map((r): TimePointResponse<IrecistCategory> => {
    const t = r.index, at = describeTimePoint(input, t);
    const present = new Set(news.filter((l) => newLesionPresent(l.observations[t])).map((l) => l.id));
    const firings: RuleFiring[] = [...r.firings];
    const out = (category: IrecistCategory, rule: string, message: string, values: Record<string, number> = {}) => {
      firings.push({ ruleId: `${rules.id}.${rule}`, message: `${message} (${rules.name})`, values });
      return { ...r, category, firings };
    };
    if (confirmed) return out('iCPD', 'icpd.confirmed-earlier', `progression was confirmed earlier; ${at} stays iCPD`);
    const progressed = progressedCategories(r);
    if (!pending) {
      if (progressed.size === 0) return out(I_CATEGORY[r.category as Exclude<RecistCategory, 'PD'>], 'no-progression', `RECIST 1.1 ${r.category} at ${at}, no iUPD pending`);
      pending = { index: t, progressed, targetSum: r.measure.value ?? 0, newPresent: present };
      return out('iUPD', 'iupd', `RECIST 1.1 progression at ${at} (${[...progressed].join(', ')}): unconfirmed, iUPD; confirm at the next assessment`);
    }
    const p: Unconfirmed = pending;
    const { reasons, values, moreNew } = confirmationReasons(input, rules, split, p, r, present);
    const since = describeTimePoint(input, p.index);
    const days = daysBetween(input.timePoints[p.index].dateIso, input.timePoints[t].dateIso);
    if (reasons.length > 0 && (days >= rules.confirmationMinDays || moreNew)) {
      confirmed = true;
      pending = null;
      return out('iCPD', 'icpd', `${reasons.join('; ')} at ${at}, ${days} days after iUPD at ${since}: progression confirmed, iCPD`, { ...values, daysSinceIupd: days });
    }
    if (reasons.length > 0) {
      return out('iUPD', 'iupd.too-early-to-confirm', `${reasons.join('; ')} at ${at}, only ${days} days after iUPD (< ${rules.confirmationMinDays}): still iUPD`);
    }
    if (progressed.size === 0 && present.size === 0 && r.category !== 'NE') {
      pending = null;
      return out(I_CATEGORY[r.category as Exclude<RecistCategory, 'PD'>], 'reset', `RECIST 1.1 ${r.category} at ${at} after iUPD and no new lesion left: iUPD reset`);
    }
    return out('iUPD', 'iupd.unconfirmed', `no further growth and no additional lesions at ${at}: progression neither confirmed nor resolved, still iUPD`);
  });
  return { criterion: rules.id, baselineDateIso: recist.baselineDateIso, baseline: recist.baseline, timePoints, issues: recist.issues };
}
