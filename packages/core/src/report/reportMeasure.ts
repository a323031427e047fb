import { CHOI } from '../response/choi.ts';
import { IRECIST } from '../response/irecist.ts';
import { measureLesion } from '../response/lesionMeasure.ts';
import { LUGANO_CT } from '../response/lugano.ts';
import { MRECIST } from '../response/mrecist.ts';
import { PERCIST } from '../response/percist.ts';
import { lesionUptake } from '../response/percistUptake.ts';
import { RANO } from '../response/rano.ts';
import { RECIST_1_1 } from '../response/recist11.ts';
import type { Lesion } from '../response/ResponseInput.ts';
import type { SumCriterionRules } from '../response/SumCriterionRules.ts';
import { VOLUMETRIC } from '../response/volumetric.ts';
import { WHO_CRITERIA } from '../response/who.ts';

/** What a report shows of a criterion: each lesion's number, its name and unit, and the response thresholds to draw. */
export interface ReportMeasure {
  /** Column heading of the per-lesion number, e.g. 'diameter (nodes: short axis)'. */
  label: string;
  unit: string;
  /** The lesion's number at time point t as the criterion reads it; null when there is none. */
  valueAt: (lesion: Lesion, t: number) => number | null;
  /** PR (or PMR) at this fraction change from baseline or lower (−0.3); null: no such line. */
  responseChange: number | null;
  /** PD at this fraction change or higher, from the nadir (sum criteria) or baseline (PERCIST); null: no sum rule. */
  progressionChange: number | null;
  /** …and at least this much in `unit` (RECIST: 5 mm). */
  progressionMinAbsolute: number;
  progressionFrom: 'nadir' | 'baseline';
  /** The measure is a sum over target lesions (false: PERCIST's hottest lesion). */
  summed: boolean;
}

const SUM_RULES: Record<string, SumCriterionRules> = {
  recist: RECIST_1_1, irecist: IRECIST.recist, mrecist: MRECIST, who: WHO_CRITERIA, choi: CHOI, rano: RANO, lugano: LUGANO_CT, volumetric: VOLUMETRIC,
};

const LABELS: Record<SumCriterionRules['measure'], string> = {
  'diameter': 'diameter (nodes: short axis)',
  'viable-diameter': 'viable diameter (nodes: short axis)',
  'long-axis': 'long axis',
  'product': 'long × short axis',
  'volume': 'volume',
};

/**
 * The measure of the criterion an evaluation names (`ResponseEvaluation.criterion`), with the
 * default rule tables (`RECIST_1_1`, `PERCIST` …); an unknown id reads RECIST 1.1 diameters and
 * draws no threshold lines.
 */
export function reportMeasure(criterionId: string): ReportMeasure {
  if (criterionId === 'percist') {
    const metric = PERCIST.uptake;
    return {
      label: metric === 'sulPeak' ? 'SULpeak' : 'SUVmax', unit: 'SUL', valueAt: (lesion, t) => lesionUptake(lesion, t, metric),
      responseChange: PERCIST.partialResponseMaxChange, progressionChange: PERCIST.progressionMinChange,
      progressionMinAbsolute: PERCIST.progressionMinRise, progressionFrom: 'baseline', summed: false,
    };
  }
  const known = SUM_RULES[criterionId];
  const rules = known ?? RECIST_1_1;
  return {
    label: LABELS[rules.measure],
    unit: rules.measure === 'product' ? 'mm²' : rules.measure === 'volume' ? 'mm³' : 'mm',
    valueAt: (lesion, t) => {
      const m = measureLesion(lesion, lesion.observations[t] ?? null, rules.measure, rules.tooSmallAxisMm);
      return m.ok ? m.value : null;
    },
    responseChange: known ? rules.partialResponseMaxChange : null,
    progressionChange: known ? rules.progressionMinChange : null,
    progressionMinAbsolute: rules.progressionMinAbsolute,
    progressionFrom: 'nadir',
    summed: true,
  };
}
