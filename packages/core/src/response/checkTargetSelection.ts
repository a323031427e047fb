import { formatNumber } from './formatValue.ts';
import { lesionAxisMm } from './lesionMeasure.ts';
import type { Lesion, ResponseInput } from './ResponseInput.ts';
import type { ResponseIssue } from './ResponseResult.ts';
import type { AxisThreshold, SumCriterionRules } from './SumCriterionRules.ts';
import { atLeast, atMost, greaterThan, lessThan } from './tolerantCompare.ts';

/** The organ a lesion counts against for the per-organ limit (all nodes one organ when the table says so). */
export function organKey(lesion: Lesion, nodesAreOneOrgan: boolean): string {
  return lesion.isLymphNode && nodesAreOneOrgan ? 'lymph nodes' : lesion.organ.trim().toLowerCase();
}

/** Whether a size meets a measurability bound (≥, or > when not inclusive). */
export function meetsThreshold(value: number, t: AxisThreshold): boolean {
  return t.inclusive ? atLeast(value, t.mm) : greaterThan(value, t.mm);
}

/** Whether a node at this size is normal under a criterion's CR bound (≤, or < when not inclusive). */
export function isNormalNode(value: number, bound: AxisThreshold): boolean {
  return bound.inclusive ? atMost(value, bound.mm) : lessThan(value, bound.mm);
}

function countIssues(targets: Lesion[], rules: SumCriterionRules): ResponseIssue[] {
  const { selection, id, name } = rules;
  const issues: ResponseIssue[] = [];
  if (selection.maxTargets !== null && targets.length > selection.maxTargets) {
    const message = `${targets.length} target lesions (${targets.map((l) => l.id).join(', ')}); ${name} allows at most ${selection.maxTargets}`;
    issues.push({ severity: 'error', code: `${id}.selection.too-many-targets`, message });
  }
  if (selection.maxTargetsPerOrgan === null) return issues;
  const byOrgan = new Map<string, string[]>();
  for (const l of targets) {
    const key = organKey(l, selection.nodesAreOneOrgan);
    byOrgan.set(key, [...(byOrgan.get(key) ?? []), l.id]);
  }
  for (const [organ, ids] of byOrgan) {
    if (ids.length <= selection.maxTargetsPerOrgan) continue;
    const message = `${ids.length} target lesions in ${organ} (${ids.join(', ')}); ${name} allows at most ${selection.maxTargetsPerOrgan} per organ`;
    issues.push({ severity: 'error', code: `${id}.selection.too-many-per-organ`, message });
  }
  return issues;
}

/**
 * Checks the baseline target selection against a criterion's table (RECIST 1.1 measurability and
 * baseline documentation: at most 5 targets, 2 per organ, all nodes one organ; measurable ≥ 10 mm,
 * nodes ≥ 15 mm short axis) and flags non-target nodes that are not pathological (< 10 mm short
 * axis). Every issue names the lesion; the evaluation still uses the lesions as given.
 */
export function checkTargetSelection(input: ResponseInput, rules: SumCriterionRules): ResponseIssue[] {
  const { selection, id, name } = rules;
  const targets = input.lesions.filter((l) => l.kind === 'target');
  const issues: ResponseIssue[] = [];
  if (targets.length === 0 && !input.lesions.some((l) => l.kind === 'non-target')) {
    issues.push({ severity: 'error', code: `${id}.selection.no-disease`, message: `no target or non-target lesion at baseline: ${name} has nothing to follow` });
  }
  issues.push(...countIssues(targets, rules));
  for (const l of targets) {
    for (const b of l.isLymphNode ? selection.measurableNode : selection.measurableLesion) {
      const v = lesionAxisMm(l.observations[0], b.axis, rules.tooSmallAxisMm);
      if (v !== null && meetsThreshold(v, b)) continue;
      const what = v === null ? `has no ${b.axis} at baseline` : `measures ${formatNumber(v)} mm (${b.axis}) at baseline`;
      const message = `target ${l.isLymphNode ? 'node' : 'lesion'} ${l.id} ${what}; ${name} needs ${b.inclusive ? '≥' : '>'} ${b.mm} mm to be measurable`;
      issues.push({ severity: 'error', code: `${id}.selection.target-not-measurable`, lesionId: l.id, timePointIndex: 0, message });
    }
  }
  const normal = rules.nodeNormal;
  if (!normal) return issues;
  for (const l of input.lesions) {
    if (l.kind !== 'non-target' || !l.isLymphNode) continue;
    const v = lesionAxisMm(l.observations[0], normal.axis, rules.tooSmallAxisMm);
    if (v === null || !isNormalNode(v, normal)) continue;
    const message = `non-target node ${l.id} measures ${formatNumber(v)} mm (${normal.axis}) at baseline: ` +
      'a node this small is not pathological and should not be recorded as a lesion';
    issues.push({ severity: 'warning', code: `${id}.selection.non-target-node-normal`, lesionId: l.id, timePointIndex: 0, message });
  }
  return issues;
}
