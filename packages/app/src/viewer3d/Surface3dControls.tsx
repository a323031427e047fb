import { CAMERA_PRESETS } from '@voxa/render';
import type { ViewerController } from '../viewer/ViewerController.ts';
import { gridBounds } from './gridBounds.ts';

/** The 3D view's labels and camera presets; the surfaces themselves are drawn on the shared canvas. */
export function Surface3dControls({ c }: { c: ViewerController }) {
  const v = c.surfaces;
  const b = c.primary?.plan ? gridBounds(c.primary.plan.plan.dimensions, c.primary.plan.plan.indexToWorld) : undefined;
  const count = v?.scene.ids().length ?? 0;
  return (
    <>
      {count === 0 && (
        <div className="placeholder">3D view: segment surfaces appear here as you segment (volume rendering arrives with the rendering issue).<br />Click a surface to show that point in the slices.</div>
      )}
      <div className="label tr" data-testid="surface-status">3D · segment surfaces (smoothed label maps){'\n'}{v?.status}{'\n'}click a surface: slices go there</div>
      <div className="slot-controls" onPointerDown={(e) => e.stopPropagation()}>
        {CAMERA_PRESETS.map((p) => <button key={p} data-camera={p} title={`view from the ${p}`} onClick={() => v?.preset(p, b)}>{p[0].toUpperCase()}</button>)}
        <select value={v?.camera?.projection ?? 'perspective'} data-control="projection" onChange={(e) => v?.setProjection(e.target.value as 'perspective' | 'orthographic')}>
          <option value="perspective">perspective</option><option value="orthographic">orthographic</option>
        </select>
      </div>
    </>
  );
}
