import type { ColorLegend, Mesh } from '@voxa/core';
import type { SurfaceMapKind, SurfaceMapStats } from './surfaceMap.ts';

/** A map of one segment's surface (`mesh`, with normals for thickness), for distance against `other`'s. */
export interface SurfaceMapRequest {
  id: number;
  kind: SurfaceMapKind;
  mesh: Mesh;
  other?: Mesh;
}

/** The map's colours (sRGB r, g, b per vertex of `mesh`), legend and value summary. */
export type SurfaceMapResponse =
  | { id: number; ok: true; rgb: Uint8Array; legend: ColorLegend; stats: SurfaceMapStats; ms: number }
  | { id: number; ok: false; error: string };
