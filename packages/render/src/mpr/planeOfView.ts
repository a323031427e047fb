import type { ReslicePlane } from '@voxa/core';
import type { PlaneView } from './MprView.ts';

/**
 * The reslice plane a planar view shows in a viewport of width × height device pixels: square
 * pixels of mmPerPixel, the view's centre at the viewport's centre. The same plane handed to
 * core's `reslice` gives the CPU reference of what the GPU draws.
 */
export function planeOfView(view: PlaneView, width: number, height: number): ReslicePlane {
  const mm = view.mmPerPixel;
  const hx = ((width - 1) / 2) * mm, hy = ((height - 1) / 2) * mm;
  const { centre: c, row: r, column: k } = view;
  return {
    origin: [c[0] - hx * r[0] - hy * k[0], c[1] - hx * r[1] - hy * k[1], c[2] - hx * r[2] - hy * k[2]],
    row: [...r],
    column: [...k],
    spacing: [mm, mm],
    size: [width, height],
  };
}
