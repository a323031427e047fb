import { BEST_RESPONSE_DEFAULTS, type BestResponseOptions } from './bestOverallResponse.ts';
import { confirmedPair } from './confirmedPair.ts';
import { bestResponseValues } from './bestResponseValues.ts';
import type { IrecistCategory, ResponseEvaluation, RuleFiring, TimePointResponse } from './ResponseResult.ts';
import { daysBetween } from './validateResponseInput.ts';

/** The iRECIST best overall response (iBOR) across time points and why. */
export interface IrecistBestOverallResponse {
  category: IrecistCategory;
  /** Index (into the input's time points) of the assessment that set it; null for NE. */
  timePointIndex: number | null;
  firings: RuleFiring[];
}

type Tp = TimePointResponse<IrecistCategory>;

const NOT_STABLE = new Set<IrecistCategory>(['iUPD', 'iCPD', 'NE']);

/**
 * iBOR of an iRECIST evaluation (Seymour et al., Lancet Oncol 2017;18:e143–e152, 'best overall
 * response' and Table 3): the best time-point response from the start of treatment to iCPD, in
 * the order iCR > iPR > iSD > iUPD > iCPD. Unlike RECIST 1.1, an iUPD does not end the search:
 * iSD, iPR or iCR after it still count (Table 3 examples 2–5), and it does not override an
 * earlier better response (example 1). An iUPD confirmed as iCPD makes iBOR iCPD (examples 6–7);
 * an iUPD never confirmed nor followed by a better response stays iBOR iUPD (example 8). The
 * confirmation and stable-disease rules are RECIST 1.1's (the guideline keeps them): with
 * `confirmation` (non-randomised trials) iCR needs a second iCR and iPR a second iPR or iCR at least
 * 4 weeks later, only NE between them (an iUPD between breaks the pair), else it counts as iSD;
 * iSD needs an assessment at least `sdMinDays` after baseline. Non-target-only disease gets
 * NON_iCR_NON_iUPD instead of iSD.
 */
export function irecistBestOverallResponse(evaluation: ResponseEvaluation<IrecistCategory>, options: Partial<BestResponseOptions> = {}): IrecistBestOverallResponse {
  const o = { ...BEST_RESPONSE_DEFAULTS, ...options };
  const id = `${evaluation.criterion}.ibor`;
  const all = evaluation.timePoints;
  const cpd = all.findIndex((tp) => tp.category === 'iCPD');
  const seq = cpd < 0 ? all : all.slice(0, cpd + 1);
  const firings: RuleFiring[] = [];
  if (cpd >= 0 && cpd < all.length - 1) {
    firings.push({ ruleId: `${id}.after-icpd-ignored`, message: `${all.length - 1 - cpd} assessment(s) after the iCPD of ${all[cpd].dateIso} do not count`, values: {} });
  }
  const done = (category: IrecistCategory, tp: Tp | null, rule: string, message: string, values: Record<string, number> = {}): IrecistBestOverallResponse =>
    ({ category, timePointIndex: tp?.index ?? null, firings: [...firings, { ruleId: `${id}.${rule}`, message: `${message} (iRECIST)`, values: { ...bestResponseValues(tp), ...values } }] });
  const hasTargets = evaluation.baseline.value !== null;
  const iupdBefore = (tp: Tp) => seq.some((x) => x.category === 'iUPD' && x.index < tp.index);
  const afterIupd = (tp: Tp) => (iupdBefore(tp) ? ', after an iUPD that did not override it' : '');

  if (o.confirmation) {
    const confirmed = (category: IrecistCategory, [a, b]: [Tp, Tp]) => {
      const days = daysBetween(a.dateIso, b.dateIso);
      return done(category, a, `${category.slice(1).toLowerCase()}.confirmed`, `${a.category} on ${a.dateIso} confirmed by ${b.category} on ${b.dateIso}, ${days} days later (≥ ${o.confirmationMinDays})${afterIupd(a)}`, { days });
    };
    const cr = confirmedPair(seq, new Set(['iCR']), new Set(['iCR']), new Set(['iCR', 'NE']), o.confirmationMinDays);
    if (cr) return confirmed('iCR', cr);
    const responses = new Set(['iPR', 'iCR']);
    const pr = hasTargets ? confirmedPair(seq, responses, responses, new Set(['iPR', 'iCR', 'NE']), o.confirmationMinDays) : null;
    if (pr) return confirmed('iPR', pr);
  } else {
    for (const best of ['iCR', 'iPR'] as const) {
      const tp = seq.find((x) => x.category === best);
      if (tp) return done(best, tp, best.slice(1).toLowerCase(), `${best} on ${tp.dateIso} (no confirmation required)${afterIupd(tp)}`);
    }
  }
  const sinceBaseline = (tp: Tp) => daysBetween(evaluation.baselineDateIso, tp.dateIso);
  const stable = seq.find((x) => !NOT_STABLE.has(x.category) && sinceBaseline(x) >= o.sdMinDays);
  const sd: IrecistCategory = hasTargets ? 'iSD' : 'NON_iCR_NON_iUPD';
  if (stable) {
    const days = sinceBaseline(stable);
    const what = stable.category === 'iSD' || stable.category === 'NON_iCR_NON_iUPD' ? stable.category : `unconfirmed ${stable.category}`;
    return done(sd, stable, 'isd.duration-met', `${what} on ${stable.dateIso}, ${days} days after baseline (≥ ${o.sdMinDays})${afterIupd(stable)}: iBOR ${sd}`, { days });
  }
  // The iUPD that iCPD confirmed, or that is still pending: the first of the last run of iUPDs (iUPD persists until confirmed or reset).
  const end = cpd >= 0 ? cpd : seq.length;
  let run = end;
  while (run > 0 && seq[run - 1].category === 'iUPD') run--;
  const noBetter = `no response or stable disease at least ${o.sdMinDays} days after baseline`;
  if (cpd >= 0) {
    const from = seq[run];
    const days = daysBetween(from.dateIso, seq[cpd].dateIso);
    return done('iCPD', seq[cpd], 'icpd', `${noBetter}; iUPD on ${from.dateIso} confirmed as iCPD on ${seq[cpd].dateIso}, ${days} days later`, { daysSinceIupd: days });
  }
  const pending = run < seq.length ? seq[run] : seq.findLast((x) => x.category === 'iUPD');
  if (pending) {
    const last = seq[seq.length - 1];
    return done('iUPD', pending, 'iupd.unconfirmed', `${noBetter}; the iUPD of ${pending.dateIso} was never confirmed (last assessment ${last.category} on ${last.dateIso})`);
  }
  return done('NE', null, 'ne', `no response, stable disease at least ${o.sdMinDays} days after baseline, or progression`);
}
