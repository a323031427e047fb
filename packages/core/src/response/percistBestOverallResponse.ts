import { bestResponseValues } from './bestResponseValues.ts';
import { confirmedPair } from './confirmedPair.ts';
import { formatNumber } from './formatValue.ts';
import type { PercistCategory, ResponseEvaluation, RuleFiring, TimePointResponse } from './ResponseResult.ts';
import { daysBetween } from './validateResponseInput.ts';

/** How PERCIST best overall metabolic response is read from the time points. */
export interface PercistBestResponseOptions {
  /** CMR and PMR count only when a later scan at least `confirmationMinDays` on shows them again; PERCIST 1.0 leaves this to the protocol. */
  confirmation: boolean;
  confirmationMinDays: number;
  /**
   * PMD from uptake or non-target growth (not from a new lesion) ends the course only when the next
   * evaluable scan is PMD too; one that the next scan contradicts is passed over. PERCIST 1.0 asks
   * for such PMD to be confirmed by a follow-up scan (about a month later) rather than making it a
   * rule of the criteria; iPERCIST (Goldfarb 2019) does the same for every PMD after 4–8 weeks.
   */
  confirmProgression: boolean;
}

/** Defaults: no confirmation of response or of progression; 28 days between a response and its confirmation. */
export const PERCIST_BEST_RESPONSE_DEFAULTS: Readonly<PercistBestResponseOptions> = { confirmation: false, confirmationMinDays: 28, confirmProgression: false };

/** The best overall metabolic response across time points and why. */
export interface PercistBestOverallResponse {
  category: PercistCategory;
  /** Index (into the input's time points) of the assessment that set it; null for NE. */
  timePointIndex: number | null;
  firings: RuleFiring[];
}

type Tp = TimePointResponse<PercistCategory>;

/** PMD that stands at once: a new FDG-avid lesion (the other PMD rules may be confirmed). */
const isNewLesionPmd = (tp: Tp) => tp.firings.some((f) => f.ruleId.endsWith('.pmd.new-lesion'));

/**
 * Best overall response of a PERCIST evaluation (Wahl et al., J Nucl Med 2009;50 Suppl 1:122S–150S):
 * the best metabolic response recorded before progression, CMR > PMR > SMD > PMD, scans after the
 * first PMD ignored. Each time point is already compared with the baseline, so there is no nadir
 * and no minimum duration for SMD. Options add what PERCIST 1.0 leaves to the protocol:
 * `confirmation` of CMR/PMR by a second scan ≥ 4 weeks later (only NE between; an unconfirmed
 * response then counts as SMD), and `confirmProgression` of PMD that is not a new lesion.
 */
export function percistBestOverallResponse(evaluation: ResponseEvaluation<PercistCategory>, options: Partial<PercistBestResponseOptions> = {}): PercistBestOverallResponse {
  const o = { ...PERCIST_BEST_RESPONSE_DEFAULTS, ...options };
  const id = `${evaluation.criterion}.bor`;
  const all = evaluation.timePoints;
  const firings: RuleFiring[] = [];
  const progression = findProgression(all, o.confirmProgression, id, firings);
  // A passed-over PMD stays in the sequence: it is no progression, but it still breaks a response's confirmation.
  const seq = progression ? all.slice(0, all.indexOf(progression.tp) + 1) : all;
  if (progression && progression.tp !== all[all.length - 1]) {
    const later = all.length - 1 - all.indexOf(progression.tp);
    firings.push({ ruleId: `${id}.after-progression-ignored`, message: `${later} scan(s) after the PMD of ${progression.tp.dateIso} do not count`, values: {} });
  }
  const done = (category: PercistCategory, tp: Tp | null, rule: string, message: string, values: Record<string, number> = {}): PercistBestOverallResponse =>
    ({ category, timePointIndex: tp?.index ?? null, firings: [...firings, { ruleId: `${id}.${rule}`, message: `${message} (PERCIST 1.0)`, values: { ...bestResponseValues(tp), ...values } }] });
  const uptake = ({ measure: m }: Tp) => (m.value === null ? ''
    : `, hottest ${m.unit} ${formatNumber(m.value, 2)}${m.changeFromBaselinePercent === null ? '' : ` (${formatNumber(m.changeFromBaselinePercent)}% from baseline)`}`);

  if (o.confirmation) {
    const confirmed = (category: PercistCategory, [a, b]: [Tp, Tp]) => {
      const days = daysBetween(a.dateIso, b.dateIso);
      return done(category, a, `${category.toLowerCase()}.confirmed`, `${a.category} on ${a.dateIso}${uptake(a)} confirmed by ${b.category} on ${b.dateIso}, ${days} days later (≥ ${o.confirmationMinDays})`, { days });
    };
    const cmr = confirmedPair(seq, new Set(['CMR']), new Set(['CMR']), new Set(['CMR', 'NE']), o.confirmationMinDays);
    if (cmr) return confirmed('CMR', cmr);
    const responses = new Set(['PMR', 'CMR']);
    const pmr = confirmedPair(seq, responses, responses, new Set(['PMR', 'CMR', 'NE']), o.confirmationMinDays);
    if (pmr) return confirmed('PMR', pmr);
  } else {
    for (const best of ['CMR', 'PMR'] as const) {
      const tp = seq.find((x) => x.category === best);
      if (tp) return done(best, tp, best.toLowerCase(), `${best} on ${tp.dateIso}${uptake(tp)} (no confirmation required)`);
    }
  }
  const stable = seq.find((x) => x.category === 'SMD' || x.category === 'CMR' || x.category === 'PMR');
  if (stable) {
    const what = stable.category === 'SMD' ? 'SMD' : `unconfirmed ${stable.category}`;
    return done('SMD', stable, 'smd', `${what} on ${stable.dateIso}${uptake(stable)}: best response SMD`);
  }
  if (progression) {
    const rule = progression.confirmedBy ? 'pmd.confirmed' : progression.unconfirmed ? 'pmd.unconfirmed' : 'pmd';
    const why = progression.confirmedBy ? `, confirmed by PMD on ${progression.confirmedBy.dateIso}` : progression.unconfirmed ? ', not confirmed: no later scan' : '';
    return done('PMD', progression.tp, rule, `no response or stable disease before PMD on ${progression.tp.dateIso}${uptake(progression.tp)}${why}`);
  }
  return done('NE', null, 'ne', 'no evaluable scan after baseline');
}

/** The scan where progression ends the course; with `confirm`, uptake PMD needs the next evaluable scan to be PMD too. */
function findProgression(all: Tp[], confirm: boolean, id: string, firings: RuleFiring[]) {
  for (let t = 0; t < all.length; t++) {
    const tp = all[t];
    if (tp.category !== 'PMD') continue;
    if (!confirm || isNewLesionPmd(tp)) return { tp, confirmedBy: null, unconfirmed: false };
    const next = all.slice(t + 1).find((x) => x.category !== 'NE');
    if (!next) return { tp, confirmedBy: null, unconfirmed: true };
    if (next.category === 'PMD') return { tp, confirmedBy: next, unconfirmed: false };
    firings.push({ ruleId: `${id}.pmd.not-confirmed`, message: `PMD on ${tp.dateIso} is not confirmed: ${next.category} on ${next.dateIso} (PERCIST 1.0)`, values: bestResponseValues(tp) });
  }
  return null;
}
