import type { Orientation } from './MprState.ts';

/** What a viewport slot shows. */
export type ViewportContent = Orientation | 'curved' | '3d';

export type LayoutName = '1x1' | '1x2' | '2x2' | 'mpr3d';

/** Grid size and contents per layout. The 3D slot is filled by the volume rendering issue. */
export const LAYOUTS: Readonly<Record<LayoutName, { columns: number; rows: number; slots: ViewportContent[]; label: string }>> = {
  '1x1': { columns: 1, rows: 1, slots: ['axial'], label: '1×1' },
  '1x2': { columns: 2, rows: 1, slots: ['axial', 'coronal'], label: '1×2' },
  '2x2': { columns: 2, rows: 2, slots: ['axial', 'coronal', 'sagittal', 'curved'], label: '2×2' },
  mpr3d: { columns: 2, rows: 2, slots: ['axial', '3d', 'coronal', 'sagittal'], label: 'MPR + 3D' },
};
