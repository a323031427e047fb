import type { MeasurementKind } from '@voxa/core';

/** What the left mouse button does in a view. */
export type ToolName = 'crosshair' | 'wl' | 'pan' | 'zoom' | 'path' | MeasurementKind | SegmentationTool;

/** Segmentation tools: brush, eraser, region growing from a click, level tracing, one-click lesion, scissors. */
export type SegmentationTool = 'paint' | 'erase' | 'grow' | 'level' | 'lesion' | 'scissors';

export const SEGMENTATION_TOOLS: { name: SegmentationTool; label: string; title: string }[] = [
  { name: 'paint', label: 'Paint', title: 'paint the selected segment (disc on the view plane, or a sphere in 3D mode)' },
  { name: 'erase', label: 'Erase', title: 'erase the selected segment' },
  { name: 'grow', label: 'Grow', title: 'region growing from the click within the HU range' },
  { name: 'level', label: 'Level trace', title: 'add the region at the clicked level on this slice to the selected segment' },
  { name: 'lesion', label: 'Lesion', title: 'one click inside a lesion, lung nodule or lymph node gives its 3D segment and its RECIST long and short axis, volume and mean (a proposal until edited or accepted)' },
  { name: 'scissors', label: 'Scissors', title: 'draw a closed outline: the selected segment is cut along the view direction (operation and depth in the panel)' },
];

export function isSegmentationTool(t: ToolName): t is SegmentationTool {
  return SEGMENTATION_TOOLS.some((s) => s.name === t);
}

export const NAVIGATION_TOOLS: { name: ToolName; label: string }[] = [
  { name: 'crosshair', label: 'Crosshair' }, { name: 'wl', label: 'W/L' }, { name: 'pan', label: 'Pan' }, { name: 'zoom', label: 'Zoom' },
];

export const MEASUREMENT_TOOLS: { name: ToolName; label: string }[] = [
  { name: 'length', label: 'Length' }, { name: 'angle', label: 'Angle' }, { name: 'cobb', label: 'Cobb' },
  { name: 'bidirectional', label: 'Bidirectional' }, { name: 'ellipse', label: 'Ellipse' }, { name: 'freehand', label: 'Freehand' },
  { name: 'probe', label: 'Probe' }, { name: 'path', label: 'Curved path' },
];
