import { AutoMarker } from '../measure/AutoMarker.tsx';
import type { LesionCell, LesionTable as Table, TimePointColumn } from './tabulateLesions.ts';

const KIND_WORDS = { target: 'target', 'non-target': 'non-target', new: 'new' } as const;

/** '+30.4%', '−35.0%', '—'. */
function percent(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)}%`;
}

/** A change of the sum; from an incomplete sum (a lower bound) it is a lower bound too, and says so. */
function change(m: TimePointColumn['measure'], key: 'changeFromBaselinePercent' | 'changeFromNadirPercent'): string {
  const text = percent(m?.[key]);
  return m && !m.complete && text !== '—' ? `≥ ${text}` : text;
}

function sumText(c: TimePointColumn): string {
  const m = c.measure;
  if (!m || m.value === null) return '—';
  // An incomplete sum (a target not measured) is only a lower bound.
  return `${m.complete ? '' : '≥ '}${m.value.toFixed(1)}`;
}

function why(c: TimePointColumn): string {
  return [`targets ${c.target ?? '—'}, non-targets ${c.nonTarget ?? '—'}, new lesions ${c.newLesions ?? '—'}`, ...c.firings.map((f) => f.message)].join('\n');
}

function cellTitle(cell: LesionCell, unit: string | undefined): string {
  const parts = [cell.problem, cell.measurements.map((m) => `measurement ${m.id}${m.label ? ` (${m.label})` : ''}`).join(', ')];
  if (cell.proposedBy) parts.push(`proposed by ${cell.proposedBy}; edit or review to accept`);
  if (cell.counted !== null) parts.push(`counts ${cell.counted.toFixed(1)} ${unit ?? ''}`.trim());
  return parts.filter(Boolean).join('\n') || 'not measured at this time point';
}

interface Props {
  table: Table;
  /** A cell was clicked: open its study, or select its measurement when the study is open. */
  onCell: (studyUid: string, measurementId: string | undefined) => void;
}

/**
 * One row per lesion, one column per time point (long × short mm, or how the lesion was seen),
 * then the sum the criterion reads, its change from baseline and from the nadir, and the
 * response at each follow-up with the rules that decided it; the best overall response, input
 * issues and errors below, each naming its lesion and time point.
 */
export function LesionTable({ table, onCell }: Props) {
  const { columns, rows, unit } = table;
  return (
    <div className="lesions">
      <table className="lesion-table" data-testid="lesion-table">
        <thead>
          <tr>
            <th>lesion</th>
            {columns.map((c) => (
              <th key={c.studyUid} data-study-uid={c.studyUid} title={`${c.dateIso}, ${c.interval.label}`}>
                {c.label}<div className="sub">{c.dateIso}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={columns.length + 1} className="sub">No lesion tagged yet: tag measurements in the Measurements list.</td></tr>}
          {rows.map((r) => (
            <tr key={r.id} data-lesion={r.id} data-kind={r.kind}>
              <th title={`${KIND_WORDS[r.kind]} lesion in ${r.organ}${r.isLymphNode ? ' (lymph node: short axis)' : ''}`}>
                {r.id}<div className="sub">{r.kind === 'target' ? '' : `${KIND_WORDS[r.kind]} · `}{r.organ}{r.isLymphNode && r.organ !== 'lymph node' ? ' · node' : ''}</div>
              </th>
              {r.cells.map((cell, t) => (
                <td key={columns[t].studyUid} className={`cell${cell.problem ? ' problem' : ''}${cell.measurements.length ? ' measured' : ''}`}
                  data-study-uid={columns[t].studyUid} data-measurement-id={cell.measurements[0]?.id ?? ''} title={cellTitle(cell, unit)}
                  onClick={() => onCell(columns[t].studyUid, cell.measurements[0]?.id)}>
                  {cell.text}<AutoMarker algorithm={cell.proposedBy} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {table.measureLabel && (
          <tfoot>
            <tr className="sum" title={`sum of the target lesions' ${table.measureLabel}`}>
              <th>sum {unit}</th>{columns.map((c) => <td key={c.studyUid} data-sum={c.measure?.value ?? ''}>{sumText(c)}</td>)}
            </tr>
            <tr title="change of the sum from the baseline">
              <th>Δ baseline</th>{columns.map((c, t) => <td key={c.studyUid}>{t === 0 ? '' : change(c.measure, 'changeFromBaselinePercent')}</td>)}
            </tr>
            <tr title="change of the sum from its smallest value before (RECIST: progression is measured from the nadir)">
              <th>Δ nadir</th>{columns.map((c, t) => <td key={c.studyUid}>{t === 0 ? '' : change(c.measure, 'changeFromNadirPercent')}</td>)}
            </tr>
            <tr className="response">
              <th>response</th>
              {columns.map((c, t) => (
                <td key={c.studyUid} data-category={c.category ?? ''} title={t === 0 ? 'baseline' : why(c)} className={c.category ? `category ${c.category}` : ''}>{c.category ?? ''}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
      {table.best && (
        <div className="best" data-testid="best-response" data-category={table.best.category} title={table.best.firings.map((f) => f.message).join('\n')}>
          Best overall response: <b>{table.best.category}</b>
          {table.best.timePointIndex !== null && <> ({columns[table.best.timePointIndex]?.label} {columns[table.best.timePointIndex]?.dateIso})</>}
        </div>
      )}
      {columns.slice(1).filter((c) => c.category).map((c) => (
        <details key={c.studyUid} className="why" data-testid={`why-${c.label}`}>
          <summary>Why {c.category} at {c.label}</summary>
          <ul>{why(c).split('\n').map((line, i) => <li key={i}>{line}</li>)}</ul>
        </details>
      ))}
      {table.error && <div className="error" role="alert" data-testid="response-error">{table.error}</div>}
      {table.issues.length > 0 && (
        <ul className="issues" data-testid="response-issues">
          {table.issues.map((i, n) => (
            <li key={n} className={i.severity} data-code={i.code}>
              {i.lesionId ? `${i.lesionId}: ` : ''}{i.timePointIndex !== undefined ? `${columns[i.timePointIndex]?.label ?? `time point ${i.timePointIndex}`}: ` : ''}{i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
