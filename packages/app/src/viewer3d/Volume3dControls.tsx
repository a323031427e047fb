import { useState } from 'react';
import { VOLUME_PRESETS } from '@voxa/core';
import type { VolumeRenderMode } from '@voxa/render';
import type { ViewerController } from '../viewer/ViewerController.ts';
import { TransferFunctionEditor } from './TransferFunctionEditor.tsx';
import type { VolumeClip } from './VolumeView.ts';

/** The volume rendering's controls, in the 3D view's control row. */
export function VolumeControls({ c }: { c: ViewerController }) {
  const v = c.volume3d;
  const [editor, setEditor] = useState(false);
  const [crop, setCrop] = useState(false);
  if (!v) return null;
  return (
    <>
      <label title="volume rendering of the series (ray casting on the GPU)"><input type="checkbox" data-control="volume" checked={v.enabled}
        onChange={(e) => v.set('enabled', e.target.checked)} />volume</label>
      {v.enabled && (
        <>
          <select value={v.preset.name} data-control="volume-preset" title="transfer function preset" onChange={(e) => v.setPreset(e.target.value)}>
            {VOLUME_PRESETS.map((p) => <option key={p.name} value={p.name}>{p.label}</option>)}
          </select>
          <select value={v.mode} data-control="volume-mode" disabled={v.cinematic} title="how rays combine samples" onChange={(e) => v.set('mode', e.target.value as VolumeRenderMode)}>
            <option value="composite">composite</option><option value="mip">MIP</option><option value="minip">MinIP</option><option value="average">mean</option>
          </select>
          <label title="Blinn–Phong lighting by the gradient"><input type="checkbox" data-control="volume-shading" checked={v.shading} onChange={(e) => v.set('shading', e.target.checked)} />shade</label>
          <label title="darken samples by the opacity around them"><input type="checkbox" data-control="volume-ao" checked={v.ambientOcclusion} onChange={(e) => v.set('ambientOcclusion', e.target.checked)} />AO</label>
          <label title="segments drawn inside the volume in their colours"><input type="checkbox" data-control="volume-segments" checked={v.labelOpacity > 0}
            onChange={(e) => v.set('labelOpacity', e.target.checked ? 0.6 : 0)} />segments</label>
          <select value={v.clip} data-control="volume-clip" title="cut the volume at an MPR plane, on the side facing the camera" onChange={(e) => v.set('clip', e.target.value as VolumeClip)}>
            <option value="none">no clip</option><option value="axial">clip axial</option><option value="coronal">clip coronal</option><option value="sagittal">clip sagittal</option>
          </select>
          {c.fusion && <label title="mix the fused series into the volume rendering through its modality's preset"><input type="checkbox" data-control="volume-fusion" checked={v.fuse}
            onChange={(e) => v.set('fuse', e.target.checked)} />fuse {c.fusion.summary.modality}</label>}
          <button className={crop ? 'active' : ''} data-action="crop" title="crop box: keep only a part of the grid" onClick={() => setCrop(!crop)}>Crop</button>
          <button className={editor ? 'active' : ''} data-action="tf-editor" title="edit the transfer function over the histogram" onClick={() => setEditor(!editor)}>TF</button>
          <button className={v.cinematic ? 'active' : ''} data-action="cinematic" title="progressive path tracing (not for diagnosis)" onClick={() => v.set('cinematic', !v.cinematic)}>Cinematic</button>
        </>
      )}
      {editor && v.enabled && <TransferFunctionEditor v={v} />}
      {crop && v.enabled && <CropBox v={v} />}
    </>
  );
}

/** The cinematic label: always visible while the path tracer's image is shown, with the way back. */
export function CinematicLabel({ c }: { c: ViewerController }) {
  const v = c.volume3d;
  if (!v?.enabled || !v.cinematic) return null;
  const samples = c.cinematicSamples;
  return (
    <div className="cinematic-label" data-testid="cinematic-label" onPointerDown={(e) => e.stopPropagation()}>
      Cinematic rendering — not for diagnosis · {samples} sample{samples === 1 ? '' : 's'}
      <button data-action="raycast" onClick={() => v.set('cinematic', false)}>ray casting</button>
      <button data-action="to-slices" title="show the slices (MPR) instead of the 3D view" onClick={() => { v.set('cinematic', false); c.setLayout('2x2'); }}>slices</button>
    </div>
  );
}

const AXES = ['i (columns)', 'j (rows)', 'k (slices)'];

/** The crop box: per grid axis the kept range, as percentages of the grid. */
function CropBox({ v }: { v: NonNullable<ViewerController['volume3d']> }) {
  const set = (end: 'lo' | 'hi', axis: number, percent: number) => {
    const box = { lo: [...v.crop.lo] as typeof v.crop.lo, hi: [...v.crop.hi] as typeof v.crop.hi };
    const f = percent / 100;
    if (end === 'lo') box.lo[axis] = Math.min(f, box.hi[axis] - 0.01);
    else box.hi[axis] = Math.max(f, box.lo[axis] + 0.01);
    v.set('crop', box);
  };
  return (
    <div className="tf-editor crop-box" data-testid="crop-box" onPointerDown={(e) => e.stopPropagation()}>
      <div className="tf-title">crop box (% of the grid)</div>
      {AXES.map((name, a) => (
        <div key={a} className="crop-axis">{name}
          <input type="range" min={0} max={100} value={Math.round(v.crop.lo[a] * 100)} data-control={`crop-lo-${a}`} onChange={(e) => set('lo', a, Number(e.target.value))} />
          <input type="range" min={0} max={100} value={Math.round(v.crop.hi[a] * 100)} data-control={`crop-hi-${a}`} onChange={(e) => set('hi', a, Number(e.target.value))} />
        </div>
      ))}
    </div>
  );
}
