import { meetsThreshold, organKey } from './checkTargetSelection.ts';
import { lesionAxisMm, measureLesion } from './lesionMeasure.ts';
import { newLesionPresent } from './newLesionFindings.ts';
import type { Lesion, ResponseInput } from './ResponseInput.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';

/** The new lesions split as iRECIST does: measurable ones up to the target limits, the rest non-target. */
export interface NewLesionTargets {
  targets: Lesion[];
  nonTargets: Lesion[];
}

function firstSeen(l: Lesion): number {
  const i = l.observations.findIndex(newLesionPresent);
  return i < 0 ? Infinity : i;
}

/**
 * Chooses "new lesion target" lesions (iRECIST, Seymour et al. 2017): measurable by RECIST 1.1
 * when first seen, in order of appearance (then input order), at most 5 in all and 2 per organ
 * (all nodes one organ); every other new lesion is "new lesion non-target".
 */
export function selectNewLesionTargets(input: ResponseInput, rules: SumCriterionRules): NewLesionTargets {
  const news = input.lesions.filter((l) => l.kind === 'new').map((l, order) => ({ l, order, seen: firstSeen(l) }));
  news.sort((a, b) => a.seen - b.seen || a.order - b.order);
  const targets: Lesion[] = [], nonTargets: Lesion[] = [];
  const perOrgan = new Map<string, number>();
  for (const { l, seen } of news) {
    const bounds = l.isLymphNode ? rules.selection.measurableNode : rules.selection.measurableLesion;
    const obs = Number.isFinite(seen) ? l.observations[seen] : null;
    const measurable = obs !== null && bounds.every((b) => {
      const v = lesionAxisMm(obs, b.axis, rules.tooSmallAxisMm);
      return v !== null && meetsThreshold(v, b);
    });
    const organ = organKey(l, rules.selection.nodesAreOneOrgan);
    const inOrgan = perOrgan.get(organ) ?? 0;
    const { maxTargets, maxTargetsPerOrgan } = rules.selection;
    const room = (maxTargets === null || targets.length < maxTargets) && (maxTargetsPerOrgan === null || inOrgan < maxTargetsPerOrgan);
    if (measurable && room) { targets.push(l); perOrgan.set(organ, inOrgan + 1); } else nonTargets.push(l);
  }
  return { targets, nonTargets };
}

/** Sum of measures of the given new lesion targets at t (lesions not present count 0, unmeasurable ones are skipped). */
export function newLesionTargetSum(lesions: readonly Lesion[], t: number, rules: SumCriterionRules): number {
  let sum = 0;
  for (const l of lesions) {
    const m = measureLesion(l, l.observations[t], rules.measure, rules.tooSmallAxisMm);
    if (m.ok) sum += m.value;
  }
  return sum;
}
