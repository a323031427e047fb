import { CAMERA_PRESETS } from '@voxa/render';
import type { ViewerController } from '../viewer/ViewerController.ts';
import { gridBounds } from './gridBounds.ts';
import type { SurfaceMapKind } from './surfaceMap.ts';
import { SurfaceMapLegend } from './SurfaceMapLegend.tsx';
import { CinematicLabel, VolumeControls } from './Volume3dControls.tsx';

const mm = (p: number[]) => p.map((v) => v.toFixed(1)).join(', ');

/** The 3D view's labels, camera presets and surface tools; the surfaces are drawn on the shared canvas. */
export function Surface3dControls({ c }: { c: ViewerController }) {
  const v = c.surfaces;
  const b = c.primary?.plan ? gridBounds(c.primary.plan.plan.dimensions, c.primary.plan.plan.indexToWorld) : undefined;
  const count = v?.scene.ids().length ?? 0;
  const selected = c.segmentation?.selected;
  const picked = v?.picked ? `\n${v.picked.label} at (${mm(v.picked.point)}) mm` : '';
  const segments = c.segmentation?.segments ?? [];
  const label = (n: number | undefined) => segments.find((g) => g.number === n)?.label ?? `segment ${n}`;
  // A new map goes on the selected segment; the other select lists the rest.
  const spec = v?.mapSpec;
  const target = selected ?? spec?.segment;
  const others = segments.filter((g) => g.number !== (spec?.segment ?? target));
  const chooseMap = (kind: SurfaceMapKind | 'none') => {
    if (!v) return;
    if (kind === 'none' || target === undefined) { v.setMap(undefined); return; }
    const other = kind === 'distance' ? (spec?.other !== undefined && spec.other !== target ? spec.other : segments.find((g) => g.number !== target)?.number) : undefined;
    v.setMap({ kind, segment: target, other });
  };
  const map = v?.map;
  const distance = v?.distanceMm !== undefined ? `\n3D distance ${v.distanceMm.toFixed(1)} mm` : v?.mode === 'measure' ? `\nclick ${2 - (v.measure.length % 2)} point(s) on the surfaces` : '';
  return (
    <>
      {count === 0 && !c.volume3d?.enabled && (
        <div className="placeholder">3D view: segment surfaces appear here as you segment; turn on "volume" for the volume rendering.<br />Click a surface to show that point in the slices.</div>
      )}
      <div className="label tr" data-testid="surface-status">3D · {c.volume3d?.enabled ? `volume rendering (${c.volume3d.cinematic ? 'path traced' : c.volume3d.mode === 'composite' ? 'ray cast' : c.volume3d.mode}) and ` : ''}segment surfaces{'\n'}{v?.status}{'\n'}click a surface: slices go there{picked}{distance}</div>
      <CinematicLabel c={c} />
      {/* The map's legend, or what the map is doing, top left: the status and the controls hold the other corners. */}
      {map ? <SurfaceMapLegend legend={map.legend} mean={map.stats.mean} title={map.kind === 'thickness' ? `thickness of ${label(map.segment)}` : `distance of ${label(map.segment)} to ${label(map.other)}`} />
        : v?.mapStatus && <div className="label tl" data-testid="surface-map-status">{v.mapStatus}</div>}
      <div className="slot-controls surface-controls" onPointerDown={(e) => e.stopPropagation()}>
        {CAMERA_PRESETS.map((p) => <button key={p} data-camera={p} title={`view from the ${p}`} onClick={() => v?.preset(p, b)}>{p[0].toUpperCase()}</button>)}
        <select value={v?.camera?.projection ?? 'perspective'} data-control="projection" onChange={(e) => v?.setProjection(e.target.value as 'perspective' | 'orthographic')}>
          <option value="perspective">perspective</option><option value="orthographic">orthographic</option>
        </select>
        <button className={v?.mode === 'measure' ? 'active' : ''} data-action="measure-3d" title="click two points on the surfaces: their distance in mm"
          onClick={() => v?.setMode(v.mode === 'measure' ? 'pick' : 'measure')}>Distance</button>
        <button className={v?.isolated !== undefined ? 'active' : ''} data-action="isolate" disabled={selected === undefined && v?.isolated === undefined}
          title="show only the selected segment" onClick={() => v?.isolate(v.isolated === undefined ? selected : undefined)}>Isolate</button>
        <select value={spec?.kind ?? 'none'} data-control="surface-map" disabled={target === undefined && !spec}
          title="colour the selected segment's surface by a per-vertex map" onChange={(e) => chooseMap(e.target.value as SurfaceMapKind | 'none')}>
          <option value="none">no map</option><option value="thickness">thickness</option>
          <option value="distance" disabled={segments.length < 2}>distance to…</option>
        </select>
        {spec?.kind === 'distance' && (
          <select value={spec.other ?? ''} data-control="surface-map-other" title="the segment whose surface the distance is measured to"
            onChange={(e) => v?.setMap({ ...spec, other: Number(e.target.value) })}>
            {spec.other === undefined && <option value="">segment…</option>}
            {others.map((g) => <option key={g.number} value={g.number}>{g.label}</option>)}
          </select>
        )}
        <label title="move the surfaces apart from their common middle">explode
          <input type="range" min={0} max={100} value={Math.round((v?.explode ?? 0) * 100)} data-control="explode" style={{ width: 60 }}
            onChange={(e) => v?.setExplode(Number(e.target.value) / 100)} /></label>
        <label title="the MPR planes' cuts through the volume"><input type="checkbox" data-control="planes" checked={v?.showPlanes ?? true}
          onChange={(e) => { if (v) { v.showPlanes = e.target.checked; c.notify(); } }} />planes</label>
        <label title="the MPR planes as slices painted with the voxels (the 2D views' window)"><input type="checkbox" data-control="slices" checked={v?.showSlices ?? false}
          onChange={(e) => { if (v) { v.showSlices = e.target.checked; c.notify(); } }} />slices</label>
        <VolumeControls c={c} />
      </div>
    </>
  );
}
