import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { computeValues } from '../measure/computeValues.ts';
import { directionLabel, POINT_COUNTS, type Measurement, type MeasurementKind, type Vec3 } from '@voxa/core';
import type { MeasurementList } from '../measure/MeasurementList.ts';
import { formatValues } from '../measure/MeasurementPanel.tsx';
import { readerEdit } from '../measure/readerEdit.ts';
import { oneClickLesion } from '../segmentation/oneClickLesion.ts';
import { ORIENTATIONS, planeNormalOf, rotateCrosshairs, type Orientation } from './MprState.ts';
import { scaleBarMm } from './scaleBarMm.ts';
import { Surface3dControls } from '../viewer3d/Surface3dControls.tsx';
import { isSegmentationTool, type ToolName } from './tools.ts';
import type { ViewerController } from './ViewerController.ts';

const LINE_COLOURS: Record<Orientation, string> = { axial: '#ff5c5c', coronal: '#5cd65c', sagittal: '#f0d000' };

interface Drag {
  kind: 'wl' | 'pan' | 'zoom' | 'rotate' | 'centre' | 'create' | 'handle' | 'freehand' | 'paint' | 'scissors' | 'orbit' | 'pan3d' | 'zoom3d';
  /** The pointer moved (a 3D press without movement is a pick). */
  moved?: boolean;
  x: number;
  y: number;
  angle?: number;
  id?: string;
  handle?: number;
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const newId = () => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** One viewport: reports its rectangle to the controller, draws overlays, handles the mouse. */
export function ViewportPane({ c, slot, tool, list, pathDraft, setPathDraft }: {
  c: ViewerController; slot: number; tool: ToolName; list: MeasurementList;
  pathDraft: Vec3[]; setPathDraft: (p: Vec3[]) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | undefined>(undefined);
  // The scissors outline being drawn (LPS points on this view's plane).
  const [lasso, setLasso] = useState<Vec3[]>([]);
  const content = c.slotContents[slot];

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const report = () => {
      const canvas = el.parentElement?.parentElement?.querySelector('canvas');
      if (!canvas) return;
      const a = el.getBoundingClientRect(), b = canvas.getBoundingClientRect();
      c.setRect(slot, { left: a.left - b.left, top: a.top - b.top, width: a.width, height: a.height });
      c.notify();
    };
    const ro = new ResizeObserver(report);
    ro.observe(el);
    report();
    return () => { ro.disconnect(); c.setRect(slot, undefined); };
  }, [c, slot, content]);

  const view = c.viewOf(slot);
  const rect = c.rectOf(slot);
  const pr = c.pixelRatio;
  const plane = view?.kind === 'plane' ? view : undefined;
  const orientation = (ORIENTATIONS as string[]).includes(content) ? (content as Orientation) : undefined;

  const local = (e: ReactPointerEvent | WheelEvent): [number, number] => {
    const r = ref.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const centreScreen = () => (c.mpr ? c.worldToScreen(slot, c.mpr.centre) : undefined);
  const valueReader = (v: Parameters<typeof c.readValues>[1], w: number, h: number) => c.readValues(slot, v, { left: 0, top: 0, width: w / pr, height: h / pr });
  const finish = (m: Measurement) => ({ ...m, values: computeValues(m, valueReader, c.minSpacing) });
  const onPlane = (m: Measurement) => {
    if (!plane || !m.plane) return false;
    const n = planeNormalOf({ row: plane.row, column: plane.column }), mn = planeNormalOf(m.plane);
    if (Math.abs(dot(n, mn)) < 0.999) return false;
    return m.points.every((p) => Math.abs(c.worldToScreen(slot, p)?.[2] ?? Infinity) <= Math.max(0.5 * c.minSpacing, 0.01));
  };
  const visible = list.items.filter(onPlane);

  const handleAt = (x: number, y: number) => {
    for (const m of visible) {
      for (let h = 0; h < m.points.length; h++) {
        const s = c.worldToScreen(slot, m.points[h]);
        if (s && Math.hypot(s[0] - x, s[1] - y) < 6) return { id: m.id, handle: h };
      }
    }
    return undefined;
  };

  const onPointerDown = (e: ReactPointerEvent) => {
    if (content === '3d') {
      const [x, y] = local(e);
      (e.target as Element).setPointerCapture?.(e.pointerId);
      drag.current = { kind: e.button === 1 ? 'pan3d' : e.button === 2 ? 'zoom3d' : 'orbit', x, y };
      return;
    }
    if (!view) return;
    (e.target as Element).setPointerCapture?.(e.pointerId);
    const [x, y] = local(e);
    const button = e.button === 1 ? 'pan' : e.button === 2 ? 'zoom' : tool;
    const hit = button === tool && plane ? handleAt(x, y) : undefined;
    if (hit) { drag.current = { kind: 'handle', x, y, ...hit }; return; }
    if (button === 'wl' || button === 'pan' || button === 'zoom') { drag.current = { kind: button, x, y }; return; }
    if (!plane || !orientation || !c.mpr) return;
    const world = c.screenToWorld(slot, x, y)!;
    if (button === 'crosshair') {
      const cs = centreScreen();
      const far = cs && Math.hypot(x - cs[0], y - cs[1]) > 40;
      drag.current = far ? { kind: 'rotate', x, y, angle: Math.atan2(y - cs![1], x - cs![0]) } : { kind: 'centre', x, y };
      if (!far) c.setMpr({ ...c.mpr, centre: world });
      return;
    }
    if (button === 'path') { setPathDraft([...pathDraft, world]); return; }
    if (isSegmentationTool(button)) {
      const seg = c.startSegmentation();
      if (!seg) return;
      const normal = planeNormalOf({ row: plane.row, column: plane.column });
      if (button === 'paint' || button === 'erase') {
        if (seg.selected === undefined && button === 'paint') seg.add();
        if (!seg.beginStroke(button === 'erase')) return;
        seg.paint(world, seg.brushMm, { erase: button === 'erase', planeNormal: seg.brush3d ? undefined : normal });
        drag.current = { kind: 'paint', x, y };
      } else if (button === 'scissors') {
        if (seg.selected === undefined) return;
        setLasso([world]);
        drag.current = { kind: 'scissors', x, y };
      } else if (button === 'level') {
        if (seg.selected === undefined) seg.add();
        void seg.runMaskOp('level trace', { op: 'level', seedLps: world, normal }, { segment: seg.selected, mode: 'add' });
      } else if (button === 'grow') {
        void seg.runMaskOp('region growing', { op: 'grow', seedLps: world, lo: seg.range[0], hi: seg.range[1] }, { create: { label: 'Region', algorithmType: 'SEMIAUTOMATIC', algorithmName: 'Voxa region growing' } });
      } else {
        void oneClickLesion(c, list, world);
      }
      return;
    }
    const kind = button as MeasurementKind;
    const existing = list.items.find((m) => m.id === list.selectedId && m.kind === kind && m.points.length < POINT_COUNTS[kind][0] && kind !== 'freehand');
    if (existing && (kind === 'angle' || kind === 'cobb')) {
      // Multi-click tools: each press adds a point (Cobb: the second line is a drag too).
      const pts = [...existing.points, world];
      if (kind === 'cobb') pts.push(world);
      list.put(finish({ ...existing, points: pts.slice(0, POINT_COUNTS[kind][0]) }));
      drag.current = kind === 'cobb' ? { kind: 'handle', x, y, id: existing.id, handle: 3 } : undefined;
      return;
    }
    const m: Measurement = {
      id: newId(), kind, seriesInstanceUid: c.primary!.summary.seriesUid, frameOfReferenceUid: c.primary!.plan?.frameOfReferenceUid,
      points: kind === 'probe' ? [world] : kind === 'angle' ? [world, world] : [world, world], plane: { origin: world, row: plane.row, column: plane.column },
      values: {}, units: c.primary!.plan?.units || undefined,
    };
    if (kind === 'ellipse') m.points = [world, world, world];
    if (kind === 'bidirectional') m.points = [world, world, world, world];
    list.selectedId = m.id;
    list.put(finish(m));
    drag.current = kind === 'probe' ? undefined : { kind: kind === 'freehand' ? 'freehand' : 'create', x, y, id: m.id, handle: 1 };
    if (kind === 'probe') void list.save(m.id);
  };

  const onPointerMove = (e: ReactPointerEvent) => {
    const d = drag.current;
    if (d && content === '3d' && c.surfaces && rect) {
      const [x, y] = local(e);
      const dx = x - d.x, dy = y - d.y;
      if (!d.moved && Math.hypot(dx, dy) < 3) return;
      d.moved = true;
      if (d.kind === 'orbit') c.surfaces.rotate(dx, dy);
      else if (d.kind === 'pan3d') c.surfaces.pan(dx, dy, rect);
      else c.surfaces.zoom(Math.exp(dy / 200));
      d.x = x; d.y = y;
      return;
    }
    if (!d || !view) return;
    const [x, y] = local(e);
    const dx = x - d.x, dy = y - d.y;
    if (d.kind === 'wl') {
      const w = c.display.window;
      c.display = { ...c.display, window: { center: w.center + dy * Math.max(1, w.width / 200), width: Math.max(1, w.width + dx * Math.max(1, w.width / 200)) } };
      d.x = x; d.y = y;
      c.notify();
      return;
    }
    if (d.kind === 'pan' || d.kind === 'zoom') {
      if (view.kind === 'curved' && c.curved) {
        const cv = c.curved.view(rect!, pr);
        c.curved.scale = cv.scale * (d.kind === 'zoom' ? Math.exp(dy / 200) : 1);
        c.curved.offset = d.kind === 'pan' ? [cv.offset[0] - dx * pr * cv.scale, cv.offset[1] - dy * pr * cv.scale] : cv.offset;
      } else {
        c.adjustView(slot, (sv) => {
          if (d.kind === 'zoom') sv.mmPerPixel = (sv.mmPerPixel ?? 1) * Math.exp(dy / 200);
          else sv.pan = [sv.pan[0] + dx * pr * (sv.mmPerPixel ?? 1), sv.pan[1] + dy * pr * (sv.mmPerPixel ?? 1)];
        });
      }
      d.x = x; d.y = y;
      c.notify();
      return;
    }
    if (!plane || !c.mpr || !orientation) return;
    const world = c.screenToWorld(slot, x, y)!;
    if (d.kind === 'centre') { c.setMpr({ ...c.mpr, centre: world }); return; }
    if (d.kind === 'paint') {
      const seg = c.segmentation;
      if (seg) seg.paint(world, seg.brushMm, { erase: tool === 'erase', planeNormal: seg.brush3d ? undefined : planeNormalOf({ row: plane.row, column: plane.column }) });
      return;
    }
    if (d.kind === 'scissors') {
      const last = lasso.length ? c.worldToScreen(slot, lasso[lasso.length - 1]) : undefined;
      if (!last || Math.hypot(last[0] - x, last[1] - y) >= 3) setLasso((pts) => [...pts, world]);
      return;
    }
    if (d.kind === 'rotate') {
      const cs = centreScreen()!;
      const a = Math.atan2(y - cs[1], x - cs[0]);
      c.setMpr(rotateCrosshairs(c.mpr, orientation, a - d.angle!));
      d.angle = a;
      return;
    }
    const m = list.items.find((q) => q.id === d.id);
    if (!m) return;
    const pts = [...m.points];
    if (d.kind === 'freehand') {
      const last = c.worldToScreen(slot, pts[pts.length - 1])!;
      if (Math.hypot(last[0] - x, last[1] - y) >= 3) pts.push(world);
    } else if (d.kind === 'create' && m.kind === 'ellipse') {
      const rel = sub(world, pts[0]);
      const u = dot(rel, plane.row), v = dot(rel, plane.column);
      pts[1] = [0, 1, 2].map((i) => pts[0][i] + u * plane.row[i]) as Vec3;
      pts[2] = [0, 1, 2].map((i) => pts[0][i] + v * plane.column[i]) as Vec3;
    } else if (d.kind === 'create' && m.kind === 'bidirectional') {
      pts[1] = world;
      // Short axis: perpendicular through the middle, half the long axis.
      const mid: Vec3 = [0, 1, 2].map((i) => (pts[0][i] + world[i]) / 2) as Vec3;
      const l = sub(world, pts[0]);
      const n = planeNormalOf({ row: plane.row, column: plane.column });
      const perp: Vec3 = [n[1] * l[2] - n[2] * l[1], n[2] * l[0] - n[0] * l[2], n[0] * l[1] - n[1] * l[0]];
      pts[2] = [0, 1, 2].map((i) => mid[i] - perp[i] / 4) as Vec3;
      pts[3] = [0, 1, 2].map((i) => mid[i] + perp[i] / 4) as Vec3;
    } else {
      pts[d.handle!] = world;
    }
    // Moved by the reader: an automatic proposal becomes the reader's; a lesion keeps its segment's volume and mean.
    list.put(readerEdit(m, pts, (edited) => finish(edited).values));
  };

  const onPointerUp = () => {
    const d = drag.current;
    drag.current = undefined;
    if (d?.kind === 'orbit' && !d.moved && rect && c.mpr) {
      // A click on a surface, else on the volume rendering: the slices go there (every 3D view leads back to the slices).
      const point = c.surfaces?.click(d.x, d.y, rect) ?? (c.surfaces?.mode === 'pick' ? c.pickVolume(slot, d.x, d.y) : undefined);
      if (point) c.setMpr({ ...c.mpr, centre: point });
      return;
    }
    if (d?.kind === 'paint') { c.segmentation?.endStroke(); return; }
    if (d?.kind === 'scissors') {
      if (plane && orientation) void c.segmentation?.cut(lasso, planeNormalOf({ row: plane.row, column: plane.column }), c.scrollStepMm(orientation));
      setLasso([]);
      return;
    }
    if (d?.id) {
      const m = list.items.find((q) => q.id === d.id);
      if (m && (m.points.length >= POINT_COUNTS[m.kind][0] || m.kind === 'freehand')) void list.save(m.id);
    }
  };

  // Wheel scrolls slices; a non-passive listener (React's is passive) so the page does not scroll.
  useEffect(() => {
    const el = ref.current;
    const o = orientation;
    if (!el || (!o && content !== '3d')) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      if (o) c.scroll(o, Math.sign(e.deltaY));
      else c.surfaces?.zoom(Math.exp(Math.sign(e.deltaY) * 0.1));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [c, orientation, content]);

  const p = c.seriesOfSlot(slot);
  const w = c.display.window;
  const mode = view?.kind === 'curved' ? `curved MPR (${c.curved?.mode}, ${(((c.curved?.angleRad ?? 0) * 180) / Math.PI).toFixed(0)}° about the path)`
    : plane?.slab ? `${plane.slab.mode.toUpperCase()} slab ${plane.slab.thicknessMm.toFixed(1)} mm` : 'MPR, trilinear';
  const gpu = p?.gpu;
  const decimated = (gpu && gpu.decimation.some((f) => f > 1)
    ? `\ntexture decimated ×${gpu.decimation.join('×')}${c.showsFullResolution(slot) ? `; this view: slice ${p?.fullRes?.k} at full resolution` : ''}` : '')
    + (p?.progress?.clamped ? `\n${p.progress.clamped} slices clamped to ${p.plan?.voxelType}` : '');
  const fusion = c.fusion?.gpu && c.fusion !== p ? `\nfusion ${c.fusion.summary.modality} ${c.fusion.summary.number ?? ''} ${(c.fusionSettings.opacity * 100).toFixed(0)}%` : '';
  const mmPerCss = plane ? plane.mmPerPixel * pr : undefined;
  const bar = mmPerCss ? scaleBarMm(mmPerCss) : undefined;

  return (
    <div ref={ref} className="viewport" data-slot={slot} data-content={content}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onContextMenu={(e) => e.preventDefault()}>
      {content === '3d' && <Surface3dControls c={c} />}
      {content === 'curved' && !c.curved && <div className="placeholder">Curved MPR: pick "Curved path", click points along a vessel in a planar view, then "Make CPR".</div>}
      {orientation && c.primary?.plan && (
        <div className="slot-controls" onPointerDown={(e) => e.stopPropagation()}>
          <select data-testid="slot-orientation" value={orientation} onChange={(e) => c.setSlotOrientation(slot, e.target.value as Orientation)} title="this view's plane">
            {ORIENTATIONS.map((o) => <option key={o}>{o}</option>)}
          </select>
          {c.sameFrameSeries.length > 0 && (
            <select data-testid="slot-series" value={p === c.primary ? '' : p?.summary.seriesUid} onChange={(e) => void c.showInSlot(slot, e.target.value || undefined)}
              title="another series of the same frame of reference here; all views scroll together">
              <option value="">{c.primary.summary.modality} {c.primary.summary.number ?? ''} (main)</option>
              {c.sameFrameSeries.map((s) => <option key={s.summary.seriesUid} value={s.summary.seriesUid}>{s.summary.modality} {s.summary.number ?? ''} {s.summary.description}</option>)}
            </select>
          )}
        </div>
      )}
      {p && view && (
        <>
          <div className="label tl">{p.plan?.patientName}{'\n'}{p.plan?.patientId}{'\n'}{p.plan?.studyDate}</div>
          <div className="label tr" data-testid="render-mode">{content}{'\n'}{p.summary.modality} {p.summary.number ?? ''} {p.plan?.seriesDescription}{'\n'}{mode}{decimated}{fusion}</div>
          <div className="label bl">W {w.width.toFixed(0)} L {w.center.toFixed(0)}{c.display.invert ? ' inverted' : ''} {c.display.colorMap}{plane ? `\n${(plane.mmPerPixel * pr).toFixed(2)} mm/px` : ''}</div>
          {bar && mmPerCss && (
            <svg style={{ pointerEvents: 'none' }}>
              <line x1={(rect?.width ?? 0) - 20 - bar / mmPerCss} x2={(rect?.width ?? 0) - 20} y1={(rect?.height ?? 0) - 28} y2={(rect?.height ?? 0) - 28} stroke="#fff" strokeWidth={2} />
              <text x={(rect?.width ?? 0) - 20} y={(rect?.height ?? 0) - 34} fill="#fff" fontSize={11} textAnchor="end">{bar} mm</text>
            </svg>
          )}
          {plane && (
            <>
              <div className="orient" style={{ left: 4, top: '50%' }}>{directionLabel([-plane.row[0], -plane.row[1], -plane.row[2]])}</div>
              <div className="orient" style={{ right: 4, top: '50%' }}>{directionLabel(plane.row)}</div>
              <div className="orient" style={{ top: 4, left: '50%' }}>{directionLabel([-plane.column[0], -plane.column[1], -plane.column[2]])}</div>
              <div className="orient" style={{ bottom: 4, left: '50%' }}>{directionLabel(plane.column)}</div>
            </>
          )}
          <svg>
            {orientation && c.mpr && <Crosshairs c={c} slot={slot} orientation={orientation} />}
            {visible.map((m) => <MeasurementShape key={m.id} c={c} slot={slot} m={m} selected={m.id === list.selectedId} />)}
            {plane && lasso.length > 1 && (
              <polygon data-testid="scissors-outline" fill="rgba(255,80,80,0.15)" stroke="#ff5050" strokeDasharray="4 3" strokeWidth={1.5}
                points={lasso.map((q) => c.worldToScreen(slot, q)).filter(Boolean).map((s) => `${s![0]},${s![1]}`).join(' ')} />
            )}
            {plane && pathDraft.length > 0 && (
              <polyline fill="none" stroke="#ff9f1c" strokeWidth={2} points={pathDraft.map((q) => c.worldToScreen(slot, q)).filter(Boolean).map((s) => `${s![0]},${s![1]}`).join(' ')} />
            )}
          </svg>
        </>
      )}
      {p?.status === 'error' && <div className="placeholder error">{p.error}</div>}
    </div>
  );
}

function Crosshairs({ c, slot, orientation }: { c: ViewerController; slot: number; orientation: Orientation }) {
  const mpr = c.mpr!;
  const n = planeNormalOf(mpr.axes[orientation]);
  return (
    <g>
      {ORIENTATIONS.filter((o) => o !== orientation).map((o) => {
        const m = planeNormalOf(mpr.axes[o]);
        const dir: Vec3 = [n[1] * m[2] - n[2] * m[1], n[2] * m[0] - n[0] * m[2], n[0] * m[1] - n[1] * m[0]];
        const len = Math.hypot(...dir);
        if (len < 1e-6) return null;
        const a = c.worldToScreen(slot, [0, 1, 2].map((i) => mpr.centre[i] - (dir[i] / len) * 2000) as Vec3);
        const b = c.worldToScreen(slot, [0, 1, 2].map((i) => mpr.centre[i] + (dir[i] / len) * 2000) as Vec3);
        if (!a || !b) return null;
        return <line key={o} x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} stroke={LINE_COLOURS[o]} strokeOpacity={0.7} strokeWidth={1} data-plane={o} />;
      })}
    </g>
  );
}

function MeasurementShape({ c, slot, m, selected }: { c: ViewerController; slot: number; m: Measurement; selected: boolean }) {
  const s = m.points.map((p) => c.worldToScreen(slot, p)!);
  const colour = selected ? '#7fdbff' : '#ffdc00';
  const seg = (i: number, j: number) => <line key={`${i}-${j}`} x1={s[i][0]} y1={s[i][1]} x2={s[j][0]} y2={s[j][1]} stroke={colour} strokeWidth={1.5} />;
  let shape: React.ReactNode = null;
  if (m.kind === 'length') shape = seg(0, 1);
  else if (m.kind === 'angle') shape = <>{seg(0, 1)}{s[2] && seg(1, 2)}</>;
  else if (m.kind === 'cobb' || m.kind === 'bidirectional') shape = <>{seg(0, 1)}{s[3] && seg(2, 3)}</>;
  else if (m.kind === 'ellipse') shape = <ellipse cx={s[0][0]} cy={s[0][1]} rx={Math.hypot(s[1][0] - s[0][0], s[1][1] - s[0][1])} ry={Math.hypot(s[2][0] - s[0][0], s[2][1] - s[0][1])} fill="none" stroke={colour} strokeWidth={1.5} />;
  else if (m.kind === 'freehand') shape = <polygon points={s.map((q) => `${q[0]},${q[1]}`).join(' ')} fill="none" stroke={colour} strokeWidth={1.5} />;
  const label = s[s.length - 1];
  return (
    <g data-measurement={m.id}>
      {shape}
      {m.kind !== 'freehand' && s.map((q, i) => <circle key={i} cx={q[0]} cy={q[1]} r={3} fill="none" stroke={colour} />)}
      <text x={label[0] + 6} y={label[1] - 6} fill={colour} fontSize={11}>{formatValues(m).split('\n').join(' · ')}</text>
    </g>
  );
}

