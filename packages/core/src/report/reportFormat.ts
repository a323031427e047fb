import type { Lesion, LesionObservation } from '../response/ResponseInput.ts';
import { escapeHtml } from './escapeHtml.ts';

/** A number for the report: at most `digits` decimals, no trailing zeros; '—' for null. */
export function formatReportNumber(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return String(Number(v.toFixed(digits))).replace('-', '−');
}

/** A signed percentage: +20%, −30.4%; '—' for null. */
export function formatReportPercent(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const r = Number(v.toFixed(1));
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r)}%`;
}

/** How a lesion was seen at a time point, in words: 'measured', 'disappeared', 'present', 'not assessed' … */
export function describeObservation(lesion: Lesion, obs: LesionObservation | null): string {
  if (!obs) return lesion.kind === 'new' ? 'not seen' : 'not assessed';
  const words: string[] = [];
  const presence = obs.presence ?? 'measured';
  if (obs.status) words.push(obs.status);
  else if (presence === 'NE') words.push('not evaluable');
  else if (presence !== 'measured' || lesion.kind !== 'non-target') words.push(presence === 'measured' && lesion.kind === 'new' ? 'present' : presence);
  if (obs.equivocal) words.push('equivocal');
  return words.join(', ') || 'present';
}

/** A response category as HTML, coloured by the stylesheet's cat-* class; '—' for null. */
export function categoryHtml(category: string | null): string {
  if (category === null) return '—';
  return `<span class="category cat-${escapeHtml(category)}">${escapeHtml(category)}</span>`;
}
