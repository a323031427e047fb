import {
  angleDeg, bidirectional, cobbAngleDeg, ellipseMask, lengthMm, polygonMask, roiStatistics, type Measurement, type Vec3,
} from '@voxa/core';
import type { PlaneView, ViewportValues } from '@voxa/render';

/** Reads real values on a plane at native resolution: (view, width px, height px) → values. */
export type ValueReader = (view: PlaneView, width: number, height: number) => ViewportValues | undefined;

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * A measurement's numbers from its points: geometry with core's measure functions; ROI
 * statistics and probes from values resampled on the measurement's plane at the volume's finest
 * spacing (not the screen's), so they do not change with zoom.
 */
export function computeValues(m: Measurement, read: ValueReader, spacingMm: number): Record<string, number> {
  const p = m.points;
  switch (m.kind) {
    case 'length': return { lengthMm: lengthMm(p[0], p[1]) };
    case 'angle': return { angleDeg: angleDeg(p[0], p[1], p[2]) };
    case 'cobb': return { angleDeg: cobbAngleDeg([p[0], p[1]], [p[2], p[3]]) };
    case 'bidirectional': {
      const b = bidirectional(p[0], p[1], p[2], p[3]);
      return { longMm: b.longMm, shortMm: b.shortMm };
    }
    case 'probe': {
      const v = read(planeAt(m, p[0], spacingMm), 1, 1);
      return v && v.inside[0] ? { value: v.values[0] } : {};
    }
    case 'ellipse':
    case 'freehand': return roiValues(m, read, spacingMm);
  }
}

function planeAt(m: Measurement, centre: Vec3, mmPerPixel: number): PlaneView {
  const row = m.plane?.row ?? [1, 0, 0], column = m.plane?.column ?? [0, 1, 0];
  return { kind: 'plane', centre, row, column, mmPerPixel };
}

function roiValues(m: Measurement, read: ValueReader, s: number): Record<string, number> {
  const row = m.plane?.row ?? [1, 0, 0], column = m.plane?.column ?? [0, 1, 0];
  // In-plane coordinates (mm) of the points relative to the first one.
  const o = m.points[0];
  const uv = m.points.map((q) => { const d: Vec3 = [q[0] - o[0], q[1] - o[1], q[2] - o[2]]; return [dot(d, row), dot(d, column)]; });
  let u0: number, u1: number, v0: number, v1: number;
  if (m.kind === 'ellipse') {
    const ru = Math.abs(uv[1][0]), rv = Math.abs(uv[2][1]);
    [u0, u1, v0, v1] = [-ru, ru, -rv, rv];
  } else {
    u0 = Math.min(...uv.map((q) => q[0])); u1 = Math.max(...uv.map((q) => q[0]));
    v0 = Math.min(...uv.map((q) => q[1])); v1 = Math.max(...uv.map((q) => q[1]));
  }
  const width = Math.max(1, Math.ceil((u1 - u0) / s) + 2), height = Math.max(1, Math.ceil((v1 - v0) / s) + 2);
  const cu = (u0 + u1) / 2, cv = (v0 + v1) / 2;
  const centre: Vec3 = [0, 1, 2].map((i) => o[i] + cu * row[i] + cv * column[i]) as Vec3;
  const values = read(planeAt(m, centre, s), width, height);
  if (!values) return {};
  // Pixel (x, y) centre is at in-plane (cu + (x − (w−1)/2)·s, cv + (y − (h−1)/2)·s).
  const toPx = (q: number[]) => [(q[0] - cu) / s + (width - 1) / 2, (q[1] - cv) / s + (height - 1) / 2] as [number, number];
  const mask = m.kind === 'ellipse'
    ? ellipseMask(width, height, ...toPx([0, 0]), Math.abs(uv[1][0]) / s, Math.abs(uv[2][1]) / s)
    : polygonMask(width, height, uv.map(toPx));
  const img = values.values;
  for (let i = 0; i < img.length; i++) if (!values.inside[i]) img[i] = NaN;
  const st = roiStatistics(img, width, height, s * s, mask);
  return { mean: st.mean, sd: st.sd, min: st.min, max: st.max, areaMm2: st.areaMm2, pixels: st.count };
}
