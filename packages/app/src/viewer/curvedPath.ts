import { straightenedGeometry, stretchedGeometry, type CurvedReformatSamples, type Vec3 } from '@voxa/core';
import type { CurvedView, ViewportRect } from '@voxa/render';

/** Straightened (the path becomes a straight vertical line) or stretched (one fixed view direction). */
export type CurvedMode = 'straightened' | 'stretched';

/**
 * A curved planar reformation the user defined by clicking a path: its geometry comes from core
 * (the same functions the CPU reference uses), the GPU samples the rows.
 */
export class CurvedPath {
  readonly points: Vec3[];
  readonly mode: CurvedMode;
  /** Rotation about the path (straightened only), radians. */
  readonly angleRad: number;
  readonly widthMm: number;
  readonly pixelMm: number;
  private readonly samples: CurvedReformatSamples;
  private readonly width: number;
  private readonly packed: { points: Float32Array; laterals: Float32Array; centreColumns: Float32Array };
  /** Image pixel at the viewport's top-left, and image pixels per device pixel (pan, zoom). */
  offset: [number, number] = [0, 0];
  scale?: number;

  constructor(points: Vec3[], options: { mode?: CurvedMode; angleRad?: number; widthMm?: number; pixelMm: number }) {
    this.points = points;
    this.mode = options.mode ?? 'straightened';
    this.angleRad = options.angleRad ?? 0;
    this.widthMm = options.widthMm ?? 80;
    this.pixelMm = options.pixelMm;
    const g = this.mode === 'straightened'
      ? straightenedGeometry(points, { widthMm: this.widthMm, pixelMm: this.pixelMm, angleRad: this.angleRad })
      : stretchedGeometry(points, { widthMm: this.widthMm, pixelMm: this.pixelMm });
    this.samples = g.samples;
    this.width = g.width;
    const n = g.samples.positions.length;
    this.packed = { points: new Float32Array(n * 3), laterals: new Float32Array(n * 3), centreColumns: Float32Array.from(g.samples.centreColumn) };
    for (let s = 0; s < n; s++) {
      this.packed.points.set(g.samples.positions[s], s * 3);
      this.packed.laterals.set(g.samples.laterals[s], s * 3);
    }
  }

  /** The same path with another rotation, mode or width. */
  with(options: { mode?: CurvedMode; angleRad?: number; widthMm?: number }): CurvedPath {
    return new CurvedPath(this.points, { mode: this.mode, angleRad: this.angleRad, widthMm: this.widthMm, pixelMm: this.pixelMm, ...options });
  }

  get rows(): number {
    return this.samples.positions.length;
  }

  get imageWidth(): number {
    return this.width;
  }

  /** What the GPU draws in a viewport: the image fitted (or as zoomed and panned). */
  view(rect: ViewportRect, pixelRatio: number): CurvedView {
    const w = rect.width * pixelRatio, h = rect.height * pixelRatio;
    const scale = this.scale ?? Math.max(this.width / w, this.rows / h) * 1.02;
    // Centre the image when fitted.
    const offset: [number, number] = this.scale === undefined ? [(this.width - 1) / 2 - ((w - 1) / 2) * scale, (this.rows - 1) / 2 - ((h - 1) / 2) * scale] : this.offset;
    return { kind: 'curved', ...this.packed, width: this.width, pixelMm: this.pixelMm, offset, scale };
  }
}
