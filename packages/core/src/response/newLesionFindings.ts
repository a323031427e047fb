import type { Lesion, LesionObservation, ResponseInput } from './ResponseInput.ts';
import type { NewLesionStatus, RuleFiring } from './ResponseResult.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/** New lesions at one time point. */
export interface NewLesionFinding {
  status: NewLesionStatus;
  /** The itemised new lesions present. */
  lesionIds: string[];
  firings: RuleFiring[];
}

/** Whether a new lesion is there at this observation (seen, not gone). */
export function newLesionPresent(obs: LesionObservation | null): obs is LesionObservation {
  return obs !== null && obs.presence !== 'disappeared' && obs.presence !== 'NE';
}

function confirmedAt(lesion: Lesion): number {
  return lesion.observations.findIndex((o) => newLesionPresent(o) && !o.equivocal);
}

/**
 * New lesions per time point (index-aligned; baseline has none). An equivocal new lesion is not
 * PD; once a later scan shows it unequivocally, PD dates from the scan where it was first seen
 * (RECIST 1.1 'new lesions'), so those earlier time points turn unequivocal too, saying so.
 * Lesions of kind 'new' and the time point's `newLesions` flag both count.
 */
export function newLesionFindings(input: ResponseInput, criterion: { id: string; name: string }): NewLesionFinding[] {
  const news = input.lesions.filter((l) => l.kind === 'new');
  const { id, name } = criterion;
  return input.timePoints.map((tp, t) => {
    const finding: NewLesionFinding = { status: 'none', lesionIds: [], firings: [] };
    if (t === 0) return finding;
    const at = describeTimePoint(input, t);
    const unequivocal: string[] = [], equivocal: string[] = [];
    for (const l of news) {
      const obs = l.observations[t];
      if (!newLesionPresent(obs)) continue;
      finding.lesionIds.push(l.id);
      const confirmed = confirmedAt(l);
      if (!obs.equivocal || (confirmed >= 0 && confirmed < t)) unequivocal.push(l.id);
      else if (confirmed > t) {
        unequivocal.push(l.id);
        const message = `new lesion ${l.id}, equivocal at ${at}, is confirmed at ${describeTimePoint(input, confirmed)}; progression dates from ${at} (${name})`;
        finding.firings.push({ ruleId: `${id}.pd.new-lesion.confirmed-later`, message, values: { confirmedAtIndex: confirmed }, lesionIds: [l.id] });
      } else equivocal.push(l.id);
    }
    if (unequivocal.length > 0 || tp.newLesions === 'unequivocal') {
      finding.status = 'unequivocal';
      const which = unequivocal.length > 0 ? `new lesion ${unequivocal.join(', ')}` : 'new lesions reported';
      finding.firings.push({ ruleId: `${id}.pd.new-lesion`, message: `${which} at ${at}: PD (${name})`, values: { count: unequivocal.length }, lesionIds: unequivocal });
    } else if (equivocal.length > 0 || tp.newLesions === 'equivocal') {
      finding.status = 'equivocal';
      const which = equivocal.length > 0 ? `new lesion ${equivocal.join(', ')}` : 'a new lesion reported';
      const message = `${which} at ${at} is equivocal: not PD unless a later scan confirms it (${name})`;
      finding.firings.push({ ruleId: `${id}.new-lesion.equivocal`, message, values: {}, lesionIds: equivocal });
    }
    return finding;
  });
}
