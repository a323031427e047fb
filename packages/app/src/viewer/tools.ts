import type { MeasurementKind } from '@voxa/core';

/** What the left mouse button does in a view. */
export type ToolName = 'crosshair' | 'wl' | 'pan' | 'zoom' | 'path' | MeasurementKind;

export const NAVIGATION_TOOLS: { name: ToolName; label: string }[] = [
  { name: 'crosshair', label: 'Crosshair' }, { name: 'wl', label: 'W/L' }, { name: 'pan', label: 'Pan' }, { name: 'zoom', label: 'Zoom' },
];

export const MEASUREMENT_TOOLS: { name: ToolName; label: string }[] = [
  { name: 'length', label: 'Length' }, { name: 'angle', label: 'Angle' }, { name: 'cobb', label: 'Cobb' },
  { name: 'bidirectional', label: 'Bidirectional' }, { name: 'ellipse', label: 'Ellipse' }, { name: 'freehand', label: 'Freehand' },
  { name: 'probe', label: 'Probe' }, { name: 'path', label: 'Curved path' },
];
