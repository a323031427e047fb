import { evaluateSumCriterion, type SumEvaluationContext, type TimePointComponents } from './evaluateSumCriterion.ts';
import { formatNumber, formatPercent } from './formatValue.ts';
import { lesionAxisMm } from './lesionMeasure.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation, RuleFiring } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import { lesionNadir } from './targetSums.ts';
import { atLeast, atMost, fractionChange, greaterThan } from './tolerantCompare.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/** The Lugano CT rule table: SPD thresholds plus single-lesion and spleen rules. */
export interface LuganoRules extends SumCriterionRules {
  /** PD by one lesion: LDi > abnormalLongAxisMm, PPD +minProductChange from its nadir, LDi or SDi up by the size-dependent amount. */
  singleLesion: { abnormalLongAxisMm: number; minProductChange: number; smallLesionMaxMm: number; smallLesionIncreaseMm: number; largeLesionIncreaseMm: number };
  /** Spleen length rules: normal ≤ normalMaxMm. */
  spleen: { normalMaxMm: number; priorIncreaseFraction: number; newSplenomegalyIncreaseMm: number; partialResponseRegression: number };
}

/**
 * Lugano classification, CT-based response (Cheson et al., J Clin Oncol 2014;32:3059–3068): SPD
 * of up to 6 measurable nodes (LDi > 15 mm) and extranodal lesions (LDi > 10 mm); too small =
 * 5 × 5 mm; CR: target nodes ≤ 15 mm LDi, extranodal gone, spleen normal; PR ≥ 50 % SPD decrease;
 * no SPD rule for PD: one lesion must progress (`singleLesion`) or regrow after resolving, or
 * the spleen, non-measured lesions or new lesions. The ≤ 2 cm / > 2 cm class of a lesion is read
 * at its PPD nadir. Normal spleen ≤ 13 cm. Whether a new lesion counts (a node > 15 mm, an
 * extranodal site > 10 mm, or smaller but unequivocally lymphoma) is the reader's `equivocal` call.
 */
export const LUGANO_CT: LuganoRules = {
  id: 'lugano',
  name: 'Lugano CT',
  measure: 'product',
  selection: {
    maxTargets: 6,
    maxTargetsPerOrgan: null,
    nodesAreOneOrgan: false,
    measurableLesion: [{ axis: 'longAxisMm', mm: 10, inclusive: false }],
    measurableNode: [{ axis: 'longAxisMm', mm: 15, inclusive: false }],
  },
  tooSmallAxisMm: 5,
  nodeNormal: { axis: 'longAxisMm', mm: 15, inclusive: true },
  partialResponseMaxChange: -0.5,
  progressionMinChange: null,
  progressionMinAbsolute: 0,
  reappearanceAfterCrIsPd: true,
  singleLesion: { abnormalLongAxisMm: 15, minProductChange: 0.5, smallLesionMaxMm: 20, smallLesionIncreaseMm: 5, largeLesionIncreaseMm: 10 },
  spleen: { normalMaxMm: 130, priorIncreaseFraction: 0.5, newSplenomegalyIncreaseMm: 20, partialResponseRegression: 0.5 },
};

/** Single-lesion PD and regrowth of a resolved lesion. */
function lesionRules(c: TimePointComponents, ctx: SumEvaluationContext, rules: LuganoRules): TimePointComponents {
  if (!c.target || c.target.category === 'PD') return c;
  const { t, series, input } = ctx;
  const at = describeTimePoint(input, t);
  const r = rules.singleLesion;
  const firings: RuleFiring[] = [];
  for (const l of series.targets) {
    const ppd = series.sums[t].perLesion.get(l.id);
    const nadir = lesionNadir(series, l.id, t);
    if (ppd === null || ppd === undefined || !nadir || !(ppd > nadir.value)) continue;
    if (nadir.value === 0) {
      const message = `${l.id}, resolved at ${describeTimePoint(input, nadir.index)}, has regrown to ${formatNumber(ppd)} mm² at ${at}: PD (${rules.name})`;
      firings.push({ ruleId: `${rules.id}.pd.target.regrowth`, message, values: { ppd, nadirPpd: 0 }, lesionIds: [l.id] });
      continue;
    }
    const axis = (i: number, a: 'longAxisMm' | 'shortAxisMm') => lesionAxisMm(l.observations[i], a, rules.tooSmallAxisMm) ?? 0;
    const ldi = axis(t, 'longAxisMm'), sdi = axis(t, 'shortAxisMm'), ldiN = axis(nadir.index, 'longAxisMm'), sdiN = axis(nadir.index, 'shortAxisMm');
    const change = fractionChange(ppd, nadir.value);
    const need = atMost(ldiN, r.smallLesionMaxMm) ? r.smallLesionIncreaseMm : r.largeLesionIncreaseMm;
    if (greaterThan(ldi, r.abnormalLongAxisMm) && atLeast(change, r.minProductChange) && (atLeast(ldi - ldiN, need) || atLeast(sdi - sdiN, need))) {
      const size = `${need === r.smallLesionIncreaseMm ? '≤' : '>'} ${r.smallLesionMaxMm} mm`;
      firings.push({
        ruleId: `${rules.id}.pd.target.lesion-increase`,
        message: `${l.id} at ${at}: ${formatNumber(ldi)} × ${formatNumber(sdi)} mm (LDi > ${r.abnormalLongAxisMm} mm), PPD ${formatPercent(change)} ` +
          `from its nadir ${formatNumber(ldiN)} × ${formatNumber(sdiN)} mm, LDi +${formatNumber(ldi - ldiN)} / SDi +${formatNumber(sdi - sdiN)} mm ` +
          `(≥ ${need} mm needed for a lesion ${size}): PD (${rules.name})`,
        values: { ldiMm: ldi, sdiMm: sdi, nadirLdiMm: ldiN, nadirSdiMm: sdiN, ppdChangePercent: change * 100 },
        lesionIds: [l.id],
      });
    }
  }
  return firings.length === 0 ? c : { ...c, target: { category: 'PD', firings: [...c.target.firings, ...firings] } };
}

/** Spleen rules on the combined category. */
function spleenRules(category: RecistCategory, ctx: SumEvaluationContext, rules: LuganoRules): { category: RecistCategory; firings: RuleFiring[] } {
  const s = rules.spleen, tps = ctx.input.timePoints;
  const base = tps[0].spleenLengthMm, now = tps[ctx.t].spleenLengthMm;
  if (base === undefined || now === undefined || category === 'PD') return { category, firings: [] };
  const at = describeTimePoint(ctx.input, ctx.t);
  const values = { spleenLengthMm: now, baselineSpleenLengthMm: base };
  const fire = (c: RecistCategory, rule: string, message: string) =>
    ({ category: c, firings: [{ ruleId: `${rules.id}.${rule}`, message: `${message} (${rules.name})`, values }] });
  const enlarged = greaterThan(base, s.normalMaxMm);
  if (enlarged) {
    const limit = base + s.priorIncreaseFraction * (base - s.normalMaxMm);
    if (greaterThan(now, limit)) {
      const rule = `baseline ${formatNumber(base)} mm + 50 % of its ${formatNumber(base - s.normalMaxMm)} mm beyond normal`;
      return fire('PD', 'pd.spleen.progression', `spleen ${formatNumber(now)} mm at ${at}: more than ${formatNumber(limit)} mm (${rule}): PD`);
    }
    const wasNormal = tps.slice(1, ctx.t).some((tp) => tp.spleenLengthMm !== undefined && atMost(tp.spleenLengthMm, s.normalMaxMm));
    if (wasNormal && greaterThan(now, s.normalMaxMm)) {
      return fire('PD', 'pd.spleen.recurrent', `spleen enlarged again to ${formatNumber(now)} mm at ${at} after returning to normal: recurrent splenomegaly, PD`);
    }
  } else if (greaterThan(now, s.normalMaxMm) && atLeast(now - base, s.newSplenomegalyIncreaseMm)) {
    const growth = `+${formatNumber(now - base)} mm from baseline (≥ ${s.newSplenomegalyIncreaseMm} mm)`;
    return fire('PD', 'pd.spleen.new', `new splenomegaly at ${at}: ${formatNumber(now)} mm, ${growth}: PD`);
  }
  if (category !== 'CR' && category !== 'PR') return { category, firings: [] };
  const normal = atMost(now, s.normalMaxMm);
  if (category === 'CR' && normal) return { category, firings: [] };
  const regressed = !enlarged || greaterThan((base - now) / (base - s.normalMaxMm), s.partialResponseRegression);
  if (category === 'CR') {
    return regressed
      ? fire('PR', 'pr.spleen-not-normal', `spleen still ${formatNumber(now)} mm at ${at} (normal ≤ ${s.normalMaxMm} mm): not CR, PR`)
      : fire('SD', 'sd.spleen-not-regressed', `spleen ${formatNumber(now)} mm at ${at} has not regressed by more than 50 % of its enlargement: not CR or PR, SD`);
  }
  if (regressed) return { category, firings: [] };
  return fire('SD', 'sd.spleen-not-regressed', `spleen ${formatNumber(now)} mm at ${at} has not regressed by more than 50 % of its enlargement: not PR, SD`);
}

/** Evaluates the Lugano CT-based response at every follow-up (`longAxisMm` LDi × `shortAxisMm` SDi; `TimePoint.spleenLengthMm`). */
export function evaluateLuganoCt(input: ResponseInput, rules: LuganoRules = LUGANO_CT): ResponseEvaluation<RecistCategory> {
  return evaluateSumCriterion(input, rules, {
    components: (c, ctx) => lesionRules(c, ctx, rules),
    overall: (category, _c, ctx) => spleenRules(category, ctx, rules),
  });
}
