import { bestOverallResponse } from '../../src/response/bestOverallResponse.ts';
import { evaluateRecist11 } from '../../src/response/recist11.ts';
import type { ResponseReport } from '../../src/report/ResponseReport.ts';
import { newLesion, node, nonTarget, patient, target, weeks } from '../response/caseBuilder.ts';

/**
 * A hand-worked RECIST 1.1 case, PR then PD by a new lesion:
 * baseline 2024-01-01: L1 50 + L2 40 + N1 (short axis) 20 = 110 mm;
 * week 8 (2024-02-26): 30 + 25 + 12 = 67 mm, (67 − 110) / 110 = −39.09 % ≤ −30 % → PR (nadir so far 110);
 * week 16 (2024-04-22): 36 + 28 + 14 = 78 mm, −29.09 % from baseline, +11 mm = +16.42 % from the
 * nadir 67 (not PD by the sum), but the new liver lesion NEW1 → PD. Best overall response: PR.
 */
export const RECIST_PR_THEN_PD = patient(
  weeks(0, 8, 16),
  target('L1', 'liver', [50, 30, 36]),
  target('L2', 'lung', [40, 25, 28]),
  node('N1', [20, 12, 14]),
  nonTarget('NT1', 'bone', ['present', 'present', 'present']),
  newLesion('NEW1', 'liver', [null, null, 'yes']),
);

/** The sums by hand, baseline first. */
export const HAND_SUMS_MM = [110, 67, 78];

/** The case as a report for a patient whose name tries to inject markup. */
export function recistReport(name = 'Doe <script>alert("x")</script> & O\'Brien'): ResponseReport {
  const evaluation = evaluateRecist11(RECIST_PR_THEN_PD);
  return {
    patient: { name, id: 'P<001>' },
    criterion: 'RECIST 1.1',
    input: RECIST_PR_THEN_PD,
    evaluation,
    bestOverallResponse: bestOverallResponse(evaluation),
    generatedAtIso: '2024-05-01T12:00:00Z',
    softwareVersion: 'Voxa test',
  };
}
