import { bestOverallResponse } from '../../src/response/bestOverallResponse.ts';
import { evaluateRecist11 } from '../../src/response/recist11.ts';
import type { ResponseInput } from '../../src/response/ResponseInput.ts';
import type { ResponseReport } from '../../src/report/ResponseReport.ts';
import { patient, target, weeks } from '../response/caseBuilder.ts';
import { RECIST_PR_THEN_PD } from './recistReportCase.ts';

/** A RECIST 1.1 report of one patient. */
function report(id: string, input: ResponseInput): ResponseReport {
  const evaluation = evaluateRecist11(input);
  return {
    patient: { id, name: `Name of ${id}` }, criterion: 'RECIST 1.1', input, evaluation,
    bestOverallResponse: bestOverallResponse(evaluation), generatedAtIso: '2024-06-01T09:00:00Z', softwareVersion: 'Voxa test',
  };
}

/**
 * A hand-worked cohort of six (best change = the lowest change of the sum from baseline):
 * P1 110 → 67 → 78 mm: −39.09 % at week 8, BOR PR, last PD (new lesion);
 * P2 50 → 60 → 70 mm: +20 %, PD at week 8 (+10 mm from the nadir 50);
 * P3 40 → gone → gone: −100 %, CR;
 * P4 30 → 28 → 27 mm: −6.67 %, then −10 %: −10 %, SD;
 * P5 20 → 50 mm: +150 %, PD (drawn capped at +100 %);
 * P6 baseline only: no change, BOR NE.
 */
export const COHORT: ResponseReport[] = [
  report('P1', RECIST_PR_THEN_PD),
  report('P2', patient(weeks(0, 8, 16), target('A', 'liver', [50, 60, 70]))),
  report('P3', patient(weeks(0, 8, 16), target('A', 'liver', [40, 'gone', 'gone']))),
  report('P4', patient(weeks(0, 8, 16), target('A', 'lung', [30, 28, 27]))),
  report('P5', patient(weeks(0, 8), target('A', 'liver', [20, 50]))),
  report('P6', patient(weeks(0), target('A', 'liver', [25]))),
];

/** Best change per patient by hand, percent; null: no follow-up. */
export const HAND_BEST_CHANGE: Record<string, number | null> = { P1: (67 - 110) / 110 * 100, P2: 20, P3: -100, P4: -10, P5: 150, P6: null };
