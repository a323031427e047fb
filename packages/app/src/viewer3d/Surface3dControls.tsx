import { CAMERA_PRESETS } from '@voxa/render';
import type { ViewerController } from '../viewer/ViewerController.ts';
import { gridBounds } from './gridBounds.ts';

const mm = (p: number[]) => p.map((v) => v.toFixed(1)).join(', ');

/** The 3D view's labels, camera presets and surface tools; the surfaces are drawn on the shared canvas. */
export function Surface3dControls({ c }: { c: ViewerController }) {
  const v = c.surfaces;
  const b = c.primary?.plan ? gridBounds(c.primary.plan.plan.dimensions, c.primary.plan.plan.indexToWorld) : undefined;
  const count = v?.scene.ids().length ?? 0;
  const selected = c.segmentation?.selected;
  const picked = v?.picked ? `\n${v.picked.label} at (${mm(v.picked.point)}) mm` : '';
  const distance = v?.distanceMm !== undefined ? `\n3D distance ${v.distanceMm.toFixed(1)} mm` : v?.mode === 'measure' ? `\nclick ${2 - (v.measure.length % 2)} point(s) on the surfaces` : '';
  return (
    <>
      {count === 0 && (
        <div className="placeholder">3D view: segment surfaces appear here as you segment (volume rendering arrives with the rendering issue).<br />Click a surface to show that point in the slices.</div>
      )}
      <div className="label tr" data-testid="surface-status">3D · segment surfaces (smoothed label maps){'\n'}{v?.status}{'\n'}click a surface: slices go there{picked}{distance}</div>
      <div className="slot-controls surface-controls" onPointerDown={(e) => e.stopPropagation()}>
        {CAMERA_PRESETS.map((p) => <button key={p} data-camera={p} title={`view from the ${p}`} onClick={() => v?.preset(p, b)}>{p[0].toUpperCase()}</button>)}
        <select value={v?.camera?.projection ?? 'perspective'} data-control="projection" onChange={(e) => v?.setProjection(e.target.value as 'perspective' | 'orthographic')}>
          <option value="perspective">perspective</option><option value="orthographic">orthographic</option>
        </select>
        <button className={v?.mode === 'measure' ? 'active' : ''} data-action="measure-3d" title="click two points on the surfaces: their distance in mm"
          onClick={() => v?.setMode(v.mode === 'measure' ? 'pick' : 'measure')}>Distance</button>
        <button className={v?.isolated !== undefined ? 'active' : ''} data-action="isolate" disabled={selected === undefined && v?.isolated === undefined}
          title="show only the selected segment" onClick={() => v?.isolate(v.isolated === undefined ? selected : undefined)}>Isolate</button>
        <label title="move the surfaces apart from their common middle">explode
          <input type="range" min={0} max={100} value={Math.round((v?.explode ?? 0) * 100)} data-control="explode" style={{ width: 60 }}
            onChange={(e) => v?.setExplode(Number(e.target.value) / 100)} /></label>
        <label title="the MPR planes' cuts through the volume"><input type="checkbox" data-control="planes" checked={v?.showPlanes ?? true}
          onChange={(e) => { if (v) { v.showPlanes = e.target.checked; c.notify(); } }} />planes</label>
      </div>
    </>
  );
}
