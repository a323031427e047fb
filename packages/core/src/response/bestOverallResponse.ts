import type { RecistCategory, ResponseEvaluation, RuleFiring, TimePointResponse } from './ResponseResult.ts';
import { confirmedPair } from './confirmedPair.ts';
import { daysBetween } from './validateResponseInput.ts';

/** How best overall response is read from the time points (RECIST 1.1: best overall response; confirmation). */
export interface BestResponseOptions {
  /** CR and PR count only when a later assessment at least `confirmationMinDays` on shows them again (non-randomised trials). */
  confirmation: boolean;
  /** RECIST 1.1 confirmation: "no less than 4 weeks" after the first. */
  confirmationMinDays: number;
  /** SD (and unconfirmed CR/PR) counts only at an assessment this many days after baseline or later; set by the protocol, commonly 6–8 weeks. */
  sdMinDays: number;
}

/** Defaults: no confirmation, 28 days for it when asked for, SD at 6 weeks (42 days) or later. */
export const BEST_RESPONSE_DEFAULTS: BestResponseOptions = { confirmation: false, confirmationMinDays: 28, sdMinDays: 42 };

/** The best overall response across time points and why. */
export interface BestOverallResponse {
  category: RecistCategory;
  /** Index (into the input's time points) of the assessment that set it; null for NE. */
  timePointIndex: number | null;
  firings: RuleFiring[];
}

type Tp = TimePointResponse<RecistCategory>;

/**
 * Best overall response of a RECIST-family evaluation (RECIST 1.1 Table 3): the best
 * response recorded before progression (assessments after the first PD are ignored). With
 * confirmation, CR needs a second CR and PR a second PR or CR at least 4 weeks later (NE
 * between them is allowed — a common protocol convention, not stated in the paper); otherwise
 * an unconfirmed CR or PR counts as SD. SD needs an assessment at least `sdMinDays` after
 * baseline, else the best response is PD (if progression followed) or NE. Patients with only
 * non-target disease get non-CR/non-PD instead of SD.
 */
export function bestOverallResponse(evaluation: ResponseEvaluation<RecistCategory>, options: Partial<BestResponseOptions> = {}): BestOverallResponse {
  const o = { ...BEST_RESPONSE_DEFAULTS, ...options };
  const id = `${evaluation.criterion}.bor`;
  const pd = evaluation.timePoints.findIndex((tp) => tp.category === 'PD');
  const seq = pd < 0 ? evaluation.timePoints : evaluation.timePoints.slice(0, pd + 1);
  const firings: RuleFiring[] = [];
  if (pd >= 0 && pd < evaluation.timePoints.length - 1) {
    const later = evaluation.timePoints.length - 1 - pd;
    firings.push({ ruleId: `${id}.after-progression-ignored`, message: `${later} assessment(s) after the PD of ${seq[pd].dateIso} do not count`, values: {} });
  }
  const done = (category: RecistCategory, tp: Tp | null, ruleId: string, message: string, values: Record<string, number> = {}): BestOverallResponse =>
    ({ category, timePointIndex: tp?.index ?? null, firings: [...firings, { ruleId: `${id}.${ruleId}`, message, values }] });
  const confirmedBy = (category: RecistCategory, [a, b]: [Tp, Tp]): BestOverallResponse => {
    const days = daysBetween(a.dateIso, b.dateIso);
    const message = `${a.category} on ${a.dateIso} confirmed by ${b.category} on ${b.dateIso}, ${days} days later (≥ ${o.confirmationMinDays})`;
    return done(category, a, `${category.toLowerCase()}.confirmed`, message, { days });
  };
  const hasTargets = evaluation.baseline.value !== null;
  if (o.confirmation) {
    const cr = confirmedPair(seq, new Set(['CR']), new Set(['CR']), new Set(['CR', 'NE']), o.confirmationMinDays);
    if (cr) return confirmedBy('CR', cr);
    const responses = new Set(['PR', 'CR']);
    const pr = hasTargets ? confirmedPair(seq, responses, responses, new Set(['PR', 'CR', 'NE']), o.confirmationMinDays) : null;
    if (pr) return confirmedBy('PR', pr);
  } else {
    for (const best of ['CR', 'PR'] as const) {
      const tp = seq.find((x) => x.category === best);
      if (tp) return done(best, tp, best.toLowerCase(), `${best} on ${tp.dateIso} (no confirmation required)`);
    }
  }
  const afterBaseline = (tp: Tp) => daysBetween(evaluation.baselineDateIso, tp.dateIso);
  const stable = seq.find((x) => x.category !== 'PD' && x.category !== 'NE' && afterBaseline(x) >= o.sdMinDays);
  const sd: RecistCategory = hasTargets ? 'SD' : 'NON_CR_NON_PD';
  if (stable) {
    const days = afterBaseline(stable);
    const what = stable.category === 'SD' || stable.category === 'NON_CR_NON_PD' ? stable.category : `unconfirmed ${stable.category}`;
    return done(sd, stable, 'sd.duration-met', `${what} on ${stable.dateIso}, ${days} days after baseline (≥ ${o.sdMinDays}): best response ${sd}`, { days });
  }
  if (pd >= 0) return done('PD', seq[pd], 'pd', `no response or stable disease at least ${o.sdMinDays} days after baseline before PD on ${seq[pd].dateIso}`);
  return done('NE', null, 'ne', `no response, stable disease at least ${o.sdMinDays} days after baseline, or progression`);
}
