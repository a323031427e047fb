/** The numbers a best-response firing reports: the deciding assessment's measure and its changes, where it has them. */
export function bestResponseValues(tp: { measure: { value: number | null; changeFromBaselinePercent: number | null; changeFromNadirPercent: number | null } } | null): Record<string, number> {
  const out: Record<string, number> = {};
  if (!tp) return out;
  const { value, changeFromBaselinePercent, changeFromNadirPercent } = tp.measure;
  if (value !== null) out.measure = value;
  if (changeFromBaselinePercent !== null) out.changeFromBaselinePercent = changeFromBaselinePercent;
  if (changeFromNadirPercent !== null) out.changeFromNadirPercent = changeFromNadirPercent;
  return out;
}
