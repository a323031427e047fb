import type { Measurement, MeasurementLesion } from '@voxa/core';
import { LesionEditor } from '../response/LesionEditor.tsx';
import type { LesionTagging } from '../response/ResponseSession.ts';
import { AutoMarker } from './AutoMarker.tsx';
import type { MeasurementList } from './MeasurementList.ts';
import { acceptProposal } from './readerEdit.ts';

const UNITS: Record<string, string> = { lengthMm: 'mm', longMm: 'mm', shortMm: 'mm', angleDeg: '°', areaMm2: 'mm²', meanHu: 'HU' };

/** One line per value: "length 23.4 mm", "mean 41.2 HU", "volume 24.13 cm³" (volumes as readers report them). */
export function formatValues(m: Measurement): string {
  return Object.entries(m.values)
    .filter(([k]) => k !== 'pixels')
    .map(([k, v]) => {
      if (k === 'volumeMm3') return `volume ${Number.isFinite(v) ? (v / 1000).toFixed(2) : '–'} cm³`;
      return `${k.replace(/(Mm2|Mm|Deg|Hu)$/, '')} ${Number.isFinite(v) ? v.toFixed(1) : '–'} ${UNITS[k] ?? m.units ?? ''}`.trim();
    })
    .join('\n');
}

/** Save a measurement with its lesion tag replaced (undefined: removed). */
function saveLesion(list: MeasurementList, m: Measurement, lesion: MeasurementLesion | undefined): void {
  const { lesion: _old, ...rest } = m;
  list.put(lesion ? { ...rest, lesion } : rest);
  void list.save(m.id);
}

/**
 * The measurements of the study: select, label, tag as a lesion (with `tagging`), accept an
 * automatic proposal, delete; values update as they are edited.
 */
export function MeasurementPanel({ list, onSelect, tagging }: { list: MeasurementList; onSelect: (m: Measurement) => void; tagging?: LesionTagging }) {
  return (
    <div className="measure-panel" data-testid="measurements">
      <h3>Measurements</h3>
      {list.saveError && <div className="error">{list.saveError}</div>}
      {list.items.length === 0 && <p>None yet: pick a tool and draw on a view.</p>}
      {list.items.map((m) => (
        <div key={m.id} className={`measurement${m.id === list.selectedId ? ' selected' : ''}`} data-kind={m.kind} data-id={m.id} onClick={() => onSelect(m)}>
          <b>{m.kind}</b> <AutoMarker algorithm={m.algorithm} />
          <pre className="values" style={{ margin: 0 }}>{formatValues(m)}</pre>
          <input placeholder="label" defaultValue={m.label ?? ''} onBlur={(e) => { list.put({ ...m, label: e.target.value }); void list.save(m.id); }} />
          {tagging && <LesionEditor m={m} tagging={tagging} onSave={(lesion) => saveLesion(list, m, lesion)} />}
          {m.algorithm && (
            <button data-action="accept-proposal" title="reviewed: keep it as it is, as your measurement"
              onClick={(e) => { e.stopPropagation(); list.put(acceptProposal(m)); void list.save(m.id); }}>accept</button>
          )}
          <button onClick={(e) => { e.stopPropagation(); void list.remove(m.id); }}>delete</button>
        </div>
      ))}
    </div>
  );
}
