import { useEffect, useRef } from 'react';
import { sampleTransferFunction, transferFunctionRange, type TransferFunction } from '@voxa/core';
import type { VolumeView } from './VolumeView.ts';

const W = 260, H = 96, STRIP = 10;

/**
 * The transfer function over the volume's histogram (log counts): drag an opacity point (value
 * left–right, opacity up–down), double-click to add one, right-click to remove one; the strip
 * below shows the colours. Edits apply at once (the preset's name then shows "edited").
 */
export function TransferFunctionEditor({ v }: { v: VolumeView }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drag = useRef<number | undefined>(undefined);
  const tf = v.transferFunction;
  const span = valueSpan(v, tf);
  const xOf = (value: number) => ((value - span.low) / (span.high - span.low)) * W;
  const valueOf = (x: number) => span.low + (x / W) * (span.high - span.low);
  const yOf = (alpha: number) => (1 - alpha) * (H - STRIP - 4) + 2;
  const alphaOf = (y: number) => Math.min(1, Math.max(0, 1 - (y - 2) / (H - STRIP - 4)));

  useEffect(() => {
    const g = ref.current?.getContext('2d');
    if (!g) return;
    g.fillStyle = '#111';
    g.fillRect(0, 0, W, H);
    const h = v.histogram;
    if (h) {
      const max = Math.log1p(Math.max(...h.counts));
      g.fillStyle = '#444';
      h.counts.forEach((c, b) => {
        const x0 = xOf(h.low + ((h.high - h.low) * b) / h.counts.length), x1 = xOf(h.low + ((h.high - h.low) * (b + 1)) / h.counts.length);
        const bh = (Math.log1p(c) / max) * (H - STRIP - 4);
        g.fillRect(x0, H - STRIP - bh, Math.max(1, x1 - x0), bh);
      });
    }
    const table = sampleTransferFunction(tf, span.low, span.high, W);
    for (let x = 0; x < W; x++) {
      const [r, gg, b] = table.rgba.subarray(x * 4, x * 4 + 3);
      g.fillStyle = `rgb(${r * 255},${gg * 255},${b * 255})`;
      g.fillRect(x, H - STRIP, 1, STRIP);
    }
    g.strokeStyle = '#fc0';
    g.beginPath();
    tf.opacity.forEach((p, i) => (i ? g.lineTo(xOf(p.value), yOf(p.alpha)) : g.moveTo(xOf(p.value), yOf(p.alpha))));
    g.stroke();
    g.fillStyle = '#fc0';
    for (const p of tf.opacity) g.fillRect(xOf(p.value) - 3, yOf(p.alpha) - 3, 6, 6);
  });

  const at = (e: React.PointerEvent | React.MouseEvent) => {
    const r = ref.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const nearest = (x: number, y: number) => {
    let best: number | undefined, bestD = 8;
    tf.opacity.forEach((p, i) => { const d = Math.hypot(xOf(p.value) - x, yOf(p.alpha) - y); if (d < bestD) { best = i; bestD = d; } });
    return best;
  };
  const setOpacity = (opacity: TransferFunction['opacity']) => v.setTransferFunction({ ...tf, opacity });

  return (
    <div className="tf-editor" data-testid="tf-editor" onPointerDown={(e) => e.stopPropagation()}>
      <div className="tf-title">{v.preset.label}{tf !== v.preset.transferFunction ? ' (edited)' : ''} · opacity per mm over the histogram</div>
      <canvas ref={ref} width={W} height={H}
        onPointerDown={(e) => { const { x, y } = at(e); drag.current = nearest(x, y); if (drag.current !== undefined) e.currentTarget.setPointerCapture(e.pointerId); }}
        onPointerMove={(e) => {
          const i = drag.current;
          if (i === undefined) return;
          const { x, y } = at(e);
          const lo = i > 0 ? tf.opacity[i - 1].value : -Infinity, hi = i < tf.opacity.length - 1 ? tf.opacity[i + 1].value : Infinity;
          setOpacity(tf.opacity.map((p, k) => (k === i ? { value: Math.min(hi, Math.max(lo, valueOf(x))), alpha: alphaOf(y) } : p)));
        }}
        onPointerUp={() => { drag.current = undefined; }}
        onDoubleClick={(e) => {
          const { x, y } = at(e);
          const value = valueOf(x);
          setOpacity([...tf.opacity, { value, alpha: alphaOf(y) }].sort((a, b) => a.value - b.value));
        }}
        onContextMenu={(e) => {
          e.preventDefault();
          const { x, y } = at(e);
          const i = nearest(x, y);
          if (i !== undefined && tf.opacity.length > 2) setOpacity(tf.opacity.filter((_, k) => k !== i));
        }} />
      <div className="tf-axis"><span>{Math.round(span.low)}</span><span>{Math.round(span.high)}</span></div>
    </div>
  );
}

/** The values the editor spans: the volume's robust range widened to the transfer function's points that lie near it. */
function valueSpan(v: VolumeView, tf: TransferFunction): { low: number; high: number } {
  const r = transferFunctionRange(tf);
  const data = v.range ?? r;
  const pad = (data.high - data.low) * 0.05;
  const low = Math.max(Math.min(data.low, ...tf.opacity.filter((p) => p.alpha > 0).map((p) => p.value)) - pad, v.histogram?.low ?? -Infinity);
  const high = Math.min(Math.max(data.high, ...tf.opacity.filter((p) => p.alpha > 0).map((p) => p.value)) + pad, v.histogram?.high ?? Infinity);
  return high > low ? { low, high } : { low: r.low, high: r.high > r.low ? r.high : r.low + 1 };
}
