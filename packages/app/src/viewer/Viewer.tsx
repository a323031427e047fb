import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Vec3 } from '@voxa/core';
import { COLOR_MAP_NAMES, type ColorMapName, type FusionMode, type SlabMode } from '@voxa/render';
import { formatDate, seriesThumbnailUrl, type StudySummary } from '../api/archive.ts';
import { MeasurementList } from '../measure/MeasurementList.ts';
import { MeasurementPanel } from '../measure/MeasurementPanel.tsx';
import type { MeasureLesionAt } from '../response/carryLesions.ts';
import { ResponsePanel } from '../response/ResponsePanel.tsx';
import { ResponseSession } from '../response/ResponseSession.ts';
import { oneClickLesion } from '../segmentation/oneClickLesion.ts';
import { SegmentationPanel } from '../segmentation/SegmentationPanel.tsx';
import { installTestApi } from '../testing/testApi.ts';
import { otherStudiesOfPatient } from './Comparison.ts';
import { CurvedPath } from './curvedPath.ts';
import { LAYOUTS, type LayoutName } from './layouts.ts';
import { MEASUREMENT_TOOLS, NAVIGATION_TOOLS, SEGMENTATION_TOOLS, type ToolName } from './tools.ts';
import { ViewerController } from './ViewerController.ts';
import { ViewportPane } from './ViewportPane.tsx';
import { WINDOW_PRESETS } from './windowPresets.ts';

/** The workstation: toolbar, series list, the viewport grid drawn by one GL canvas, measurements. */
export function Viewer({ studyUid }: { studyUid: string }) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const c = useMemo(() => new ViewerController(studyUid), [studyUid]);
  const list = useMemo(() => new MeasurementList(studyUid, rerender), [studyUid]);
  const response = useMemo(() => new ResponseSession(studyUid, list, rerender), [studyUid, list]);
  const [tool, setTool] = useState<ToolName>('crosshair');
  const [pathDraft, setPathDraft] = useState<Vec3[]>([]);
  const [cine, setCine] = useState(false);
  const [others, setOthers] = useState<StudySummary[]>([]);
  const canvas = useRef<HTMLCanvasElement>(null);
  // The one-click lesion tool at a point of the open study, as a carried baseline lesion is measured.
  const lesionToolAt: MeasureLesionAt = async (seedLps, proposal) => {
    const measurement = await oneClickLesion(c, list, seedLps, proposal);
    return measurement ? { measurement } : { reason: c.segmentation?.error };
  };

  useEffect(() => {
    const off = c.subscribe(rerender);
    c.attachCanvas(canvas.current!);
    installTestApi(c, list, response);
    void c.open();
    void list.load();
    const onResize = () => c.resize();
    addEventListener('resize', onResize);
    return () => { off(); removeEventListener('resize', onResize); c.dispose(); };
  }, [c, list, response]);

  // The patient's other studies and assessments, once the open series says who the patient is.
  const patientId = c.primary?.plan?.patientId;
  useEffect(() => {
    void otherStudiesOfPatient(patientId, studyUid).then(setOthers, () => setOthers([]));
    void response.load(patientId);
  }, [patientId, studyUid, response]);

  useEffect(() => {
    if (!cine) return;
    // Scroll the axial plane back and forth through the volume at 15 frames/s.
    let dir = 1, step = 0;
    const nz = c.primary?.plan?.plan.dimensions[2] ?? 1;
    const t = setInterval(() => {
      if (++step >= nz / 2) { step = -nz / 2; dir = -dir; }
      c.scroll('axial', dir);
    }, 66);
    return () => clearInterval(t);
  }, [cine, c]);

  const layout = LAYOUTS[c.layout];
  const modality = c.primary?.plan?.modality ?? '';
  const slab = c.mpr?.slab;
  const setSlab = (mode: SlabMode | 'none', thicknessMm = slab?.thicknessMm ?? 10) => {
    if (!c.mpr) return;
    c.setMpr({ ...c.mpr, slab: mode === 'none' ? undefined : { mode, thicknessMm, stepMm: c.minSpacing } });
  };
  /** Select a measurement and centre the views on it (from the lesion table). */
  const showMeasurement = (id: string) => {
    const m = list.items.find((x) => x.id === id);
    if (!m) return;
    list.selectedId = id;
    const centre = [0, 1, 2].map((i) => m.points.reduce((t, p) => t + p[i], 0) / m.points.length) as Vec3;
    if (c.mpr) c.setMpr({ ...c.mpr, centre });
    rerender();
  };
  const makeCpr = () => {
    if (pathDraft.length < 2) return;
    c.curved = new CurvedPath(pathDraft, { pixelMm: c.minSpacing });
    setPathDraft([]);
    if (!c.slotContents.includes('curved')) c.setLayout('2x2');
    c.notify();
  };

  return (
    <div className="viewer">
      <div className="toolbar">
        <div className="group"><a href="#/">◀ Studies</a></div>
        <div className="group">
          {(Object.keys(LAYOUTS) as LayoutName[]).map((l) => (
            <button key={l} className={c.layout === l ? 'active' : ''} data-layout={l} onClick={() => c.setLayout(l)}>{LAYOUTS[l].label}</button>
          ))}
        </div>
        <div className="group">
          {[...NAVIGATION_TOOLS, ...MEASUREMENT_TOOLS].map((t) => (
            <button key={t.name} className={tool === t.name ? 'active' : ''} data-tool={t.name} onClick={() => setTool(t.name)}>{t.label}</button>
          ))}
          {SEGMENTATION_TOOLS.map((t) => (
            <button key={t.name} className={tool === t.name ? 'active' : ''} data-tool={t.name} title={t.title} onClick={() => { setTool(t.name); c.startSegmentation(); }}>{t.label}</button>
          ))}
          {tool === 'path' && <button onClick={makeCpr} disabled={pathDraft.length < 2} data-action="make-cpr">Make CPR ({pathDraft.length})</button>}
        </div>
        <div className="group">
          <select value="" onChange={(e) => { const p = WINDOW_PRESETS[modality]?.[Number(e.target.value)]; if (p) { c.display = { ...c.display, window: { center: p.center, width: p.width } }; c.notify(); } }}>
            <option value="">Window preset</option>
            {(WINDOW_PRESETS[modality] ?? []).map((p, i) => <option key={p.name} value={i}>{p.name} ({p.center}/{p.width})</option>)}
          </select>
          <select value={c.display.colorMap} onChange={(e) => { c.display = { ...c.display, colorMap: e.target.value as ColorMapName }; c.notify(); }}>
            {COLOR_MAP_NAMES.map((n) => <option key={n}>{n}</option>)}
          </select>
          <label><input type="checkbox" checked={c.display.invert} onChange={(e) => { c.display = { ...c.display, invert: e.target.checked }; c.notify(); }} />invert</label>
          <button className={cine ? 'active' : ''} onClick={() => setCine(!cine)}>Cine</button>
        </div>
        <div className="group">
          slab
          <select value={slab?.mode ?? 'none'} onChange={(e) => setSlab(e.target.value as SlabMode | 'none')} data-control="slab-mode">
            <option value="none">none</option><option value="mip">MIP</option><option value="minip">MinIP</option><option value="average">average</option>
          </select>
          <input type="number" min={1} max={200} step={1} style={{ width: 56 }} value={slab?.thicknessMm ?? 10} onChange={(e) => slab && setSlab(slab.mode, Number(e.target.value))} /> mm
        </div>
        {c.curved && (
          <div className="group">
            CPR
            <select value={c.curved.mode} onChange={(e) => { c.curved = c.curved!.with({ mode: e.target.value as 'straightened' | 'stretched' }); c.notify(); }}>
              <option>straightened</option><option>stretched</option>
            </select>
            <input type="range" min={-180} max={180} value={Math.round((c.curved.angleRad * 180) / Math.PI)} onChange={(e) => { c.curved = c.curved!.with({ angleRad: (Number(e.target.value) * Math.PI) / 180 }); c.notify(); }} title="rotation about the path" />
          </div>
        )}
        <div className="group" title="a second series of the same frame of reference, blended over the first">
          fusion
          <select value={c.fusion?.summary.seriesUid ?? ''} onChange={(e) => void c.setFusion(e.target.value || undefined)}>
            <option value="">none</option>
            {c.sameFrameSeries.map((s) => (
              <option key={s.summary.seriesUid} value={s.summary.seriesUid}>{s.summary.modality} {s.summary.number ?? ''} {s.summary.description}</option>
            ))}
          </select>
          <input type="range" min={0} max={100} value={Math.round(c.fusionSettings.opacity * 100)} onChange={(e) => { c.fusionSettings = { ...c.fusionSettings, opacity: Number(e.target.value) / 100 }; c.notify(); }} />
          <select data-control="fusion-mode" value={c.fusionSettings.mode ?? 'blend'} title="blend: colour overlay; checkerboard and difference: for a registered follow-up, in this series' window"
            onChange={(e) => { c.fusionSettings = { ...c.fusionSettings, mode: e.target.value as FusionMode }; c.notify(); }}>
            <option value="blend">blend</option><option value="checkerboard">checkerboard</option><option value="difference">difference</option>
          </select>
        </div>
        {others.length > 0 && (
          <div className="group" title="another study of this patient, registered onto this series and shown beside it (linked); blend it with fusion">
            compare
            <select data-control="compare" value={c.comparison?.study.studyUid ?? ''} onChange={(e) => void c.compareWith(others.find((s) => s.studyUid === e.target.value))}>
              <option value="">none</option>
              {others.map((s) => <option key={s.studyUid} value={s.studyUid}>{formatDate(s.studyDate)} {s.description}</option>)}
            </select>
            {c.comparison && (
              <span data-testid="comparison-status" data-status={c.comparison.status}>
                {c.comparison.status === 'registering' ? 'registering…' : c.comparison.status === 'loading' ? 'loading…'
                  : c.comparison.status === 'ready' ? `registered (${c.comparison.answer?.kind})` : `failed: ${c.comparison.error}`}
              </span>
            )}
          </div>
        )}
        <div className="group" data-testid="memory">GPU {(c.gpuBytes / 2 ** 20).toFixed(0)} MiB</div>
      </div>
      <div className="series-panel">
        {c.error && <div className="error">{c.error}</div>}
        {c.series.map((s) => (
          <div key={s.summary.seriesUid} className={`series-item${s === c.primary ? ' primary' : ''}`} data-series-uid={s.summary.seriesUid} data-status={s.status}
            onClick={() => s.status !== 'not-an-image' && void c.showSeries(s.summary.seriesUid)}>
            {s.status !== 'not-an-image' && <img src={seriesThumbnailUrl(s.summary)} alt="" loading="lazy" />}
            <div>{s.summary.modality} {s.summary.number ?? ''} {s.summary.description} ({s.summary.instanceCount})</div>
            {s.status === 'loading' && s.progress && <div>{s.progress.loaded}/{s.progress.total}</div>}
            {s.status === 'error' && <div className="error" data-testid="series-error">Could not open this series: {s.error}</div>}
            {s.status === 'ready' && s.error && <div className="warning">{s.error}</div>}
            {s.status === 'not-an-image' && <div>not an image series</div>}
          </div>
        ))}
        {c.series.some((s) => s.status === 'idle') && <button onClick={() => void c.loadAll()}>Load all series</button>}
      </div>
      <div className="grid-area">
        <canvas ref={canvas} />
        <div className="viewport-grid" style={{ gridTemplateColumns: `repeat(${layout.columns}, 1fr)`, gridTemplateRows: `repeat(${layout.rows}, 1fr)` }}>
          {layout.slots.map((content, slot) => (
            <ViewportPane key={`${c.layout}-${slot}`} c={c} slot={slot} tool={tool} list={list} pathDraft={pathDraft} setPathDraft={setPathDraft} />
          ))}
        </div>
      </div>
      <div className="side-panel">
        <SegmentationPanel c={c} />
        <ResponsePanel session={response} comparedUid={c.comparison?.study.studyUid} onCompare={(s) => void c.compareWith(s)} onSelectMeasurement={showMeasurement}
          onCarryLesions={c.primary?.plan ? () => void response.carryBaselineLesions({ studyInstanceUid: studyUid, seriesInstanceUid: c.primary!.summary.seriesUid }, lesionToolAt) : undefined} />
        <MeasurementPanel list={list} onSelect={(m) => { list.selectedId = m.id; rerender(); }} tagging={response.tagging()} />
      </div>
    </div>
  );
}
