import type { ColorLegend } from '@voxa/core';

/** Values on the legend: one decimal, as the surfaces' sub-voxel accuracy warrants. */
const fmt = (v: number) => v.toFixed(1);

/**
 * A surface map's colour legend: a gradient through the map's own stops (the colour maps are
 * piecewise linear, so the bar shows exactly the vertices' colours), the range, the unit and the mean.
 */
export function SurfaceMapLegend({ title, legend, mean }: { title: string; legend: ColorLegend; mean: number }) {
  const span = legend.max - legend.min;
  const rgb = (c: readonly number[]) => `rgb(${c.join(', ')})`;
  // An empty range colours every vertex with the map's middle colour.
  const background = span > 0
    ? `linear-gradient(to right, ${legend.stops.map((s) => `${rgb(s.rgb)} ${(((s.value - legend.min) / span) * 100).toFixed(2)}%`).join(', ')})`
    : rgb(legend.stops[legend.stops.length >> 1].rgb);
  return (
    <div className="surface-legend" data-testid="surface-map-legend">
      <div>{title}</div>
      <div className="bar" style={{ background }} />
      <div className="ends"><span data-end="min">{fmt(legend.min)}</span><span>{legend.unit}</span><span data-end="max">{fmt(legend.max)}</span></div>
      <div>mean {fmt(mean)} {legend.unit}</div>
    </div>
  );
}
