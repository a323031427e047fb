import { useEffect, useState } from 'react';
import type { Segment } from '@voxa/core';
import { MAX_LABEL_LAYERS } from '@voxa/render';
import { listModels, type ModelSummary } from '../api/models.ts';
import type { ViewerController } from '../viewer/ViewerController.ts';
import type { SegmentationSession } from './SegmentationSession.ts';

const RANGES: { name: string; range: [number, number] }[] = [
  { name: 'bone', range: [150, 3000] }, { name: 'soft tissue', range: [-100, 200] }, { name: 'fat', range: [-190, -30] }, { name: 'lung / air', range: [-1000, -400] },
];

const hex = (rgb: [number, number, number]) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const rgbOf = (h: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];

/** Segments (visibility, colour, opacity, lock, review) and the tools that act on the selected one. */
export function SegmentationPanel({ c }: { c: ViewerController }) {
  const seg = c.segmentation;
  const [reader, setReader] = useState(() => localStorage.getItem('voxa.reader') ?? '');
  if (!seg) {
    return (
      <div className="seg-panel" data-testid="segmentation">
        <h3>Segmentation</h3>
        <button disabled={!c.primary?.plan} onClick={() => c.startSegmentation()} data-action="start-segmentation">Segment this series</button>
      </div>
    );
  }
  const selected = seg.segments.find((g) => g.number === seg.selected);
  const maskOp = (label: string, job: (mask: Uint8Array) => Parameters<SegmentationSession['runMaskOp']>[1]) => {
    if (!selected) return;
    void seg.runMaskOp(label, job(seg.maskOf(selected.number)), { segment: selected.number });
  };
  return (
    <div className="seg-panel" data-testid="segmentation">
      <h3>Segmentation</h3>
      {seg.busy && <div className="busy">Running: {seg.busy}…</div>}
      {seg.error && <div className="error">{seg.error}</div>}
      <div className="row">
        <button onClick={() => seg.add()} data-action="add-segment">+ Segment</button>
        <button onClick={() => seg.undo()} disabled={!seg.history.canUndo} title={seg.history.labels.at(-1)}>Undo</button>
        <button onClick={() => seg.redo()} disabled={!seg.history.canRedo}>Redo</button>
        <button onClick={() => void seg.autoCt()} disabled={c.primary?.plan?.modality !== 'CT' || !!seg.busy} data-action="auto-ct"
          title="body, skin, bones, lungs (right/left), airway, fat, muscle by rules: proposals to review">Auto CT</button>
      </div>
      <div className="row">
        <button disabled={seg.segments.length === 0 || !!seg.busy} data-action="save-seg" title="store as a DICOM SEG series of this study (STOW-RS)"
          onClick={() => void seg.save().then((uid) => { if (uid) void c.refreshSeries(); })}>Save as DICOM SEG</button>
        {c.series.some((s) => s.summary.modality === 'SEG') && (
          <select value="" onChange={(e) => e.target.value && void seg.load(e.target.value)} data-control="load-seg" title="load a DICOM SEG of this study onto the image grid">
            <option value="">Load SEG…</option>
            {c.series.filter((s) => s.summary.modality === 'SEG').map((s) => <option key={s.summary.seriesUid} value={s.summary.seriesUid}>{s.summary.number ?? ''} {s.summary.description}</option>)}
          </select>
        )}
      </div>
      <ModelRunner seg={seg} modality={c.primary?.plan?.modality} />
      {seg.segmentation.layers.length > MAX_LABEL_LAYERS && (
        <div className="warning">The views draw the first {MAX_LABEL_LAYERS} of {seg.segmentation.layers.length} label layers; segments in the others are kept and saved but not shown.</div>
      )}
      {seg.segments.some((g) => g.review.status === 'proposal') && <div className="warning">Automatic segments are proposals until a reader reviews them.</div>}
      <div className="segments">
        {seg.segments.map((g) => <SegmentRow key={g.number} seg={seg} g={g} reader={reader} />)}
      </div>
      <h4>Tools</h4>
      <div className="row">brush <input type="number" min={0.5} max={100} step={0.5} value={seg.brushMm} style={{ width: 56 }} onChange={(e) => { seg.brushMm = Number(e.target.value); c.notify(); }} /> mm
        <label><input type="checkbox" checked={seg.brush3d} onChange={(e) => { seg.brush3d = e.target.checked; c.notify(); }} />sphere</label></div>
      <div className="row">HU <input type="number" value={seg.range[0]} style={{ width: 64 }} onChange={(e) => { seg.range = [Number(e.target.value), seg.range[1]]; c.notify(); }} />
        – <input type="number" value={seg.range[1]} style={{ width: 64 }} onChange={(e) => { seg.range = [seg.range[0], Number(e.target.value)]; c.notify(); }} />
        <select value="" onChange={(e) => { const r = RANGES[Number(e.target.value)]; if (r) { seg.range = r.range; c.notify(); } }}>
          <option value="">range</option>{RANGES.map((r, i) => <option key={r.name} value={i}>{r.name}</option>)}
        </select></div>
      <div className="row">
        <button onClick={() => void seg.runMaskOp('threshold', { op: 'threshold', lo: seg.range[0], hi: seg.range[1] }, { create: { label: `Threshold ${seg.range[0]}…${seg.range[1]}`, algorithmType: 'SEMIAUTOMATIC', algorithmName: 'Voxa threshold' } })}
          data-action="threshold">Threshold → new</button>
      </div>
      <div className="row" title="acts on the selected segment">
        <button disabled={!selected || !!seg.busy} title="the segments of the selected one's layer are the seeds: paint a little of each, then grow"
          onClick={() => void seg.growFromSeeds()} data-action="grow-seeds">Grow from seeds</button>
        <button disabled={!selected} onClick={() => maskOp('keep largest island', (mask) => ({ op: 'keep-largest', mask }))}>Largest island</button>
        <button disabled={!selected} onClick={() => maskOp('remove small islands', (mask) => ({ op: 'remove-small', mask, minMm3: 100 }))}>Drop islands &lt; 100 mm³</button>
        <button disabled={!selected} onClick={() => maskOp('fill holes', (mask) => ({ op: 'fill-holes', mask }))}>Fill holes</button>
        <button disabled={!selected} title="interpolate the acquired slices between the drawn ones (shape-based)"
          onClick={() => maskOp('fill between slices', (mask) => ({ op: 'fill-between', mask, axis: 2 }))}>Fill between slices</button>
      </div>
      <MmOps disabled={!selected} onRun={maskOp} />
      <div className="row" title="the Scissors tool: draw a closed outline on a view; it is extruded along the view direction">
        scissors <select value={seg.scissorsOperation} data-control="scissors-operation"
          onChange={(e) => { seg.scissorsOperation = e.target.value as SegmentationSession['scissorsOperation']; c.notify(); }}>
          <option value="erase-inside">erase inside</option><option value="erase-outside">erase outside</option><option value="fill-inside">fill inside</option>
        </select>
        <select value={seg.scissorsDepth} data-control="scissors-depth"
          onChange={(e) => { seg.scissorsDepth = e.target.value as SegmentationSession['scissorsDepth']; c.notify(); }}>
          <option value="volume">through the volume</option><option value="slice">this slice only</option>
        </select>
      </div>
      <h4>Display</h4>
      <div className="row">fill <input type="range" min={0} max={100} value={Math.round(seg.fill * 100)} onChange={(e) => { seg.fill = Number(e.target.value) / 100; c.notify(); }} />
        <label><input type="checkbox" checked={seg.outline} onChange={(e) => { seg.outline = e.target.checked; c.notify(); }} />outline</label></div>
      <div className="row">reader <input value={reader} placeholder="your name" onChange={(e) => { setReader(e.target.value); localStorage.setItem('voxa.reader', e.target.value); }} /></div>
    </div>
  );
}

const STAGE_NAMES: Record<string, string> = { download: 'downloading', session: 'starting onnxruntime', preprocess: 'preparing the image', inference: 'running the model', postprocess: 'labels onto the image' };

/** The server's segmentation models: choose one, run it in the browser (a worker), cancel it. */
function ModelRunner({ seg, modality }: { seg: SegmentationSession; modality?: string }) {
  const [models, setModels] = useState<ModelSummary[]>();
  const [failed, setFailed] = useState<string>();
  const [id, setId] = useState('');
  useEffect(() => {
    let live = true;
    listModels().then(
      (list) => {
        if (!live) return;
        setModels(list);
        const usable = list.filter((m) => m.file.available);
        setId((usable.find((m) => !m.modality || m.modality === modality) ?? usable[0])?.id ?? '');
      },
      (e: Error) => live && setFailed(e.message),
    );
    return () => { live = false; };
  }, [modality]);
  const run = seg.modelRun;
  const last = seg.lastModelRun;
  const chosen = models?.find((m) => m.id === id);
  return (
    <div className="model-runner" data-testid="models">
      <h4>Models</h4>
      {failed && <div className="error">models: {failed}</div>}
      <div className="row">
        <select value={id} onChange={(e) => setId(e.target.value)} disabled={!models?.length || !!run} data-control="model" title={chosen?.title ?? ''}>
          {!models?.length && <option value="">{models ? 'no models on the server' : 'loading…'}</option>}
          {models?.map((m) => (
            <option key={m.id} value={m.id} disabled={!m.file.available} title={m.file.problem ?? m.title}>
              {m.id}{m.modality ? ` (${m.modality})` : ''}{m.file.available ? '' : ' — file missing'}
            </option>
          ))}
        </select>
        {run
          ? <button onClick={() => seg.cancelModel()} data-action="cancel-model">Cancel</button>
          : <button disabled={!id || !!seg.busy} onClick={() => void seg.runModel(id)} data-action="run-model"
            title={chosen ? `${chosen.title ?? chosen.name} · ${chosen.license}` : ''}>Run</button>}
      </div>
      {chosen?.modality && modality && chosen.modality !== modality && <div className="warning">This model was trained on {chosen.modality}; the series is {modality}.</div>}
      {run && (
        <div className="row busy" data-model-stage={run.stage}>
          {STAGE_NAMES[run.stage] ?? run.stage} <progress max={1} value={run.fraction} />
        </div>
      )}
      {!run && last && (
        <div className="row" data-model-result={last.cancelled ? 'cancelled' : 'done'}>
          {last.cancelled ? `${last.modelId}: cancelled` : `${last.modelId}: ${last.segments.length} segments in ${(last.wallMs / 1000).toFixed(1)} s (${last.backend}, ${last.threads} thread${last.threads === 1 ? '' : 's'})`}
          {last.warnings.map((w) => <div key={w} className="warning">{w}</div>)}
        </div>
      )}
    </div>
  );
}

function MmOps({ disabled, onRun }: { disabled: boolean; onRun: (label: string, job: (mask: Uint8Array) => Parameters<SegmentationSession['runMaskOp']>[1]) => void }) {
  const [mm, setMm] = useState(2);
  return (
    <div className="row" title="acts on the selected segment, in millimetres">
      <input type="number" min={-50} max={50} step={0.5} value={mm} style={{ width: 56 }} onChange={(e) => setMm(Number(e.target.value))} /> mm
      <button disabled={disabled} onClick={() => onRun(`margin ${mm} mm`, (mask) => ({ op: 'margin', mask, mm }))}>Margin</button>
      <button disabled={disabled} onClick={() => onRun(`hollow ${mm} mm`, (mask) => ({ op: 'hollow', mask, mm: Math.abs(mm) }))}>Hollow</button>
      <select value="" disabled={disabled} onChange={(e) => { const kind = e.target.value as 'median' | 'opening' | 'closing' | 'gaussian'; if (kind) onRun(`${kind} ${mm} mm`, (mask) => ({ op: 'smooth', mask, kind, mm: Math.abs(mm) })); }}>
        <option value="">smooth…</option><option>median</option><option>opening</option><option>closing</option><option>gaussian</option>
      </select>
    </div>
  );
}

function SegmentRow({ seg, g, reader }: { seg: SegmentationSession; g: Segment; reader: string }) {
  const status = g.review.status;
  return (
    <div className={`segment${g.number === seg.selected ? ' selected' : ''}`} data-segment={g.number} data-review={status} onClick={() => seg.select(g.number)}>
      <input type="color" value={hex(g.color)} onChange={(e) => seg.update(g.number, { color: rgbOf(e.target.value) })} onClick={(e) => e.stopPropagation()} />
      <input className="name" value={g.label} onChange={(e) => seg.update(g.number, { label: e.target.value })} />
      <label title="visible"><input type="checkbox" checked={g.visible} onChange={(e) => seg.update(g.number, { visible: e.target.checked })} />show</label>
      <label title="locked: no tool changes it"><input type="checkbox" checked={g.locked} onChange={(e) => seg.update(g.number, { locked: e.target.checked })} />lock</label>
      <input type="range" min={0} max={100} value={Math.round(g.opacity * 100)} title="opacity" onChange={(e) => seg.update(g.number, { opacity: Number(e.target.value) / 100 })} />
      <span className={`review ${status}`} title={g.algorithmName ? `${g.algorithmType} · ${g.algorithmName}${g.algorithmVersion ? ` ${g.algorithmVersion}` : ''}` : g.algorithmType}>
        {status}{g.review.by ? ` by ${g.review.by}` : ''}
      </span>
      {(status === 'proposal' || status === 'draft') && (
        <>
          <button disabled={!reader} title={reader ? '' : 'enter your name below first'} onClick={(e) => { e.stopPropagation(); seg.review(g.number, 'reviewed', reader); }}>Accept</button>
          <button disabled={!reader} onClick={(e) => { e.stopPropagation(); seg.review(g.number, 'rejected', reader); }}>Reject</button>
        </>
      )}
      <button onClick={(e) => { e.stopPropagation(); seg.remove(g.number); }} title="delete segment">✕</button>
    </div>
  );
}
