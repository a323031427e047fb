import type { NewLesionStatus, NonTargetCategory, RecistCategory, RuleFiring, TargetCategory } from './ResponseResult.ts';

const LABEL: Record<string, string> = { CR: 'CR', PR: 'PR', SD: 'SD', PD: 'PD', NE: 'not evaluable', NON_CR_NON_PD: 'non-CR/non-PD' };

/**
 * Overall time-point response from target, non-target and new-lesion findings: RECIST 1.1
 * Table 1 (patients with targets) and Table 2 (non-target disease only; 'non-CR/non-PD' rather
 * than SD). An equivocal new lesion does not change the category. The same table serves the
 * criteria built on RECIST (mRECIST, WHO, Choi, RANO, Lugano CT, volumetric).
 */
export function overallResponse(
  criterion: { id: string; name: string },
  target: TargetCategory | null,
  nonTarget: NonTargetCategory | null,
  newLesions: NewLesionStatus,
): { category: RecistCategory; firing: RuleFiring } {
  const { id, name } = criterion;
  const parts = `targets ${target ? LABEL[target] : 'none'}, non-targets ${nonTarget ? LABEL[nonTarget] : 'none'}, ` +
    `new lesions ${newLesions === 'unequivocal' ? 'yes' : 'no'}`;
  const table = `RECIST 1.1 ${target ? 'Table 1' : 'Table 2'}`;
  const source = name === 'RECIST 1.1' ? table : `${name}, combined as in ${table}`;
  const fire = (category: RecistCategory, rule: string): { category: RecistCategory; firing: RuleFiring } =>
    ({ category, firing: { ruleId: `${id}.overall.${rule}`, message: `${parts}: ${LABEL[category]} (${source})`, values: {} } });
  if (target === 'PD') return fire('PD', 'pd.target');
  if (nonTarget === 'PD') return fire('PD', 'pd.non-target');
  if (newLesions === 'unequivocal') return fire('PD', 'pd.new-lesions');
  if (target === null) {
    if (nonTarget === null) return fire('NE', 'ne.no-disease');
    if (nonTarget === 'CR') return fire('CR', 'cr');
    if (nonTarget === 'NE') return fire('NE', 'ne.non-target');
    return fire('NON_CR_NON_PD', 'non-cr-non-pd');
  }
  if (target === 'NE') return fire('NE', 'ne.target');
  if (target === 'CR') {
    if (nonTarget === null || nonTarget === 'CR') return fire('CR', 'cr');
    return fire('PR', 'pr.target-cr-non-target-not-cr');
  }
  return target === 'PR' ? fire('PR', 'pr') : fire('SD', 'sd');
}
