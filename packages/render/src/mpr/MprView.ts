import type { Vec3 } from '@voxa/core';
import type { ColorMapName } from '../color/colorMaps.ts';

/** How a thick slab combines its samples along the view normal. */
export type SlabMode = 'mip' | 'minip' | 'average';

/** A thick slab: samples every stepMm over thicknessMm, centred on the plane. */
export interface SlabSettings {
  mode: SlabMode;
  thicknessMm: number;
  stepMm: number;
}

/** A planar view: the plane through `centre` spanned by `row` (screen right) and `column` (screen down). */
export interface PlaneView {
  kind: 'plane';
  /** LPS point shown at the viewport's centre. */
  centre: Vec3;
  row: Vec3;
  column: Vec3;
  /** Zoom: mm per device pixel. */
  mmPerPixel: number;
  slab?: SlabSettings;
}

/**
 * A curved view: rows of a straightened or stretched CPR. Image pixel (x, s) lies at
 * points[s] + (x − centreColumns[s])·pixelMm·laterals[s]; the viewport shows image pixel
 * offset + screen·scale.
 */
export interface CurvedView {
  kind: 'curved';
  /** xyz per path sample (LPS mm). */
  points: Float32Array;
  /** Unit lateral direction per path sample. */
  laterals: Float32Array;
  /** Image width in pixels (for fitting the view). */
  width: number;
  centreColumns: Float32Array;
  pixelMm: number;
  offset: [number, number];
  /** Image pixels per device pixel. */
  scale: number;
}

/** How values become colours. */
export interface DisplaySettings {
  /** Window centre and width in the volume's units. */
  window: { center: number; width: number };
  invert: boolean;
  colorMap: ColorMapName;
}

/** How a second volume is combined with the first. */
export type FusionMode = 'blend' | 'checkerboard' | 'difference';

/**
 * A second volume over the first: 'blend' (PET on CT) through its own window, colour map and
 * opacity; 'checkerboard' (a registered follow-up): squares of `tileMm` fixed in the patient,
 * alternately the first and the second volume, both through the first's window and colour map;
 * 'difference': second − first in the first's window width, mid grey where nothing changed.
 */
export interface FusionSettings {
  window: { center: number; width: number };
  colorMap: ColorMapName;
  opacity: number;
  /** Default 'blend'. */
  mode?: FusionMode;
  /** Checkerboard square size, mm (default 20). */
  tileMm?: number;
}
