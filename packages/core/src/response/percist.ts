import { checkPercistReference } from './checkPercistReference.ts';
import { formatNumber, formatPercent } from './formatValue.ts';
import { newLesionFindings } from './newLesionFindings.ts';
import { assessNonTargets } from './nonTargetResponse.ts';
import { type HottestLesion, hottestLesion, lesionUptake, type UptakeMetric, uptakeResolved } from './percistUptake.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { MeasureSummary, PercistCategory, ResponseEvaluation, RuleFiring, TimePointResponse } from './ResponseResult.ts';
import { atLeast, atMost, fractionChange, greaterThan } from './tolerantCompare.ts';
import { describeTimePoint, validateResponseInput } from './validateResponseInput.ts';

/** The PERCIST rule table. Changes are fractions (−0.3 = −30 %), absolute amounts in SUL units. */
export interface PercistRules {
  id: string;
  name: string;
  /** The uptake read from each lesion: PERCIST's SULpeak, or SUVmax for EORTC-style reads. */
  uptake: UptakeMetric;
  /** PMR: hottest lesion down by at least 30 % and at least 0.8 SUL from baseline. */
  partialResponseMaxChange: number;
  partialResponseMinDrop: number;
  /** PMD: hottest lesion up by more than 30 % and more than 0.8 SUL from baseline. */
  progressionMinChange: number;
  progressionMinRise: number;
  /** PMR also needs no other lesion's uptake up by more than this. */
  otherLesionMaxRise: number;
  /** Measurable at baseline: ≥ 1.5 × liver mean + 2 SD (or 2.0 × blood pool mean + 2 SD when the liver is not given). */
  measurableLiverFactor: number;
  measurableBloodPoolFactor: number;
  /** Scans are comparable when liver mean SUL differs by at most 20 % and 0.3 SUL. */
  liverDriftMaxChange: number;
  liverDriftMaxAbsolute: number;
}

/**
 * PERCIST 1.0 (Wahl et al., J Nucl Med 2009;50 Suppl 1:122S–150S; O et al., Radiology 2016
 * "Practical PERCIST"): response of the single hottest lesion (which may change between scans),
 * PMR ≤ −30 % and ≤ −0.8 SUL, PMD > +30 % and > +0.8 SUL from baseline, CMR when all uptake is
 * gone (`presence: 'disappeared'`, or below liver mean and at most blood pool), new FDG-avid
 * lesions or unequivocal non-target progression PMD. The TLG (+75 %) rule is not evaluated.
 */
export const PERCIST: PercistRules = {
  id: 'percist',
  name: 'PERCIST 1.0',
  uptake: 'sulPeak',
  partialResponseMaxChange: -0.3,
  partialResponseMinDrop: 0.8,
  progressionMinChange: 0.3,
  progressionMinRise: 0.8,
  otherLesionMaxRise: 0.3,
  measurableLiverFactor: 1.5,
  measurableBloodPoolFactor: 2,
  liverDriftMaxChange: 0.2,
  liverDriftMaxAbsolute: 0.3,
};

type Verdict = { category: PercistCategory; rule: string; message: string };

/** The metabolic response at t from the hottest lesions, new lesions and non-targets. */
function classify(input: ResponseInput, rules: PercistRules, t: number, h: HottestLesion, baseline: number | null, newLesions: boolean, nonTargetPd: boolean): Verdict {
  const at = describeTimePoint(input, t);
  const v = (category: PercistCategory, rule: string, message: string): Verdict => ({ category, rule, message });
  if (newLesions) return v('PMD', 'pmd.new-lesion', `new FDG-avid lesion at ${at}: PMD`);
  if (nonTargetPd) return v('PMD', 'pmd.non-target', `unequivocal progression of a non-target lesion at ${at}: PMD`);
  if (baseline === null) return v('NE', 'ne.no-baseline', 'no baseline uptake to compare with');
  const change = fractionChange(h.value, baseline), delta = h.value - baseline;
  const hot = `hottest ${rules.uptake} ${formatNumber(h.value, 2)}${h.lesionId ? ` (${h.lesionId})` : ''} at ${at}, ` +
    `${formatPercent(change)} / ${delta >= 0 ? '+' : ''}${formatNumber(delta, 2)} from baseline ${formatNumber(baseline, 2)}`;
  const pmd = `more than ${formatPercent(rules.progressionMinChange)} and +${rules.progressionMinRise}`;
  const pmr = `${formatPercent(rules.partialResponseMaxChange)} and −${rules.partialResponseMinDrop} or more`;
  if (greaterThan(change, rules.progressionMinChange) && greaterThan(delta, rules.progressionMinRise)) return v('PMD', 'pmd.uptake-increase', `${hot}: ${pmd} is PMD`);
  if (h.missing.length > 0) return v('NE', 'ne.target.not-evaluable', `${h.missing.join(', ')} without ${rules.uptake} at ${at}; the hottest lesion is unknown`);
  const others = input.lesions.filter((l) => l.kind !== 'new');
  if (others.every((l) => uptakeResolved(l, t, input, rules.uptake))) return v('CMR', 'cmr.all-resolved', `all lesions back to background uptake at ${at}: CMR`);
  const isPmr = atMost(change, rules.partialResponseMaxChange) && atLeast(-delta, rules.partialResponseMinDrop);
  if (!isPmr) return v('SMD', 'smd', `${hot}: neither PMR (${pmr}) nor PMD (${pmd}): SMD`);
  const risen = others.filter((l) => {
    const a = lesionUptake(l, 0, rules.uptake), b = lesionUptake(l, t, rules.uptake);
    return a !== null && b !== null && a > 0 && greaterThan(fractionChange(b, a), rules.otherLesionMaxRise);
  }).map((l) => l.id);
  if (risen.length > 0) return v('SMD', 'smd.other-lesion-increase', `${hot} would be PMR, but ${risen.join(', ')} rose by more than 30 %: SMD`);
  return v('PMR', 'pmr.uptake-decrease', `${hot}: ${pmr} is PMR`);
}

/** Evaluates PERCIST at every follow-up: one metabolic response per time point with the rules that fired. */
export function evaluatePercist(input: ResponseInput, rules: PercistRules = PERCIST): ResponseEvaluation<PercistCategory> {
  const issues = validateResponseInput(input);
  issues.push(...checkPercistReference(input, rules));
  const targets = input.lesions.filter((l) => l.kind === 'target');
  const base = hottestLesion(targets, 0, rules.uptake);
  const baseline = base.lesionId === null ? null : base.value;
  const news = newLesionFindings(input, rules);
  const unit = rules.uptake === 'sulPeak' ? 'SUL' : 'SUV';
  const summary = (h: HottestLesion, nadir: number | null, isBaseline: boolean): MeasureSummary => ({
    unit, value: h.lesionId === null ? null : h.value, complete: h.missing.length === 0, baseline, nadir,
    changeFromBaselinePercent: !isBaseline && baseline !== null ? fractionChange(h.value, baseline) * 100 : null,
    changeFromNadirPercent: nadir !== null ? fractionChange(h.value, nadir) * 100 : null,
    changeFromNadirAbsolute: nadir !== null ? h.value - nadir : null,
  });
  const timePoints: TimePointResponse<PercistCategory>[] = [];
  let nadir = baseline;
  for (let t = 1; t < input.timePoints.length; t++) {
    const h = hottestLesion(targets, t, rules.uptake);
    const nonTarget = assessNonTargets(input, { id: rules.id, name: rules.name, nodeNormal: null, tooSmallAxisMm: 0 }, t);
    const v = classify(input, rules, t, h, baseline, news[t].status === 'unequivocal', nonTarget?.category === 'PD');
    const values = { uptake: h.value, baselineUptake: baseline ?? 0, changeFromBaselinePercent: baseline ? fractionChange(h.value, baseline) * 100 : 0 };
    const firing: RuleFiring = { ruleId: `${rules.id}.${v.rule}`, message: `${v.message} (${rules.name})`, values };
    timePoints.push({
      index: t,
      dateIso: input.timePoints[t].dateIso,
      category: v.category,
      target: null,
      nonTarget: nonTarget?.category ?? null,
      newLesions: news[t].status,
      measure: summary(h, nadir, false),
      firings: [...(nonTarget?.firings ?? []), ...news[t].firings, firing],
    });
    if (h.missing.length === 0 && (nadir === null || h.value < nadir)) nadir = h.value;
  }
  return { criterion: rules.id, baselineDateIso: input.timePoints[0].dateIso, baseline: summary(base, null, true), timePoints, issues };
}
