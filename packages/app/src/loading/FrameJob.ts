import type { SliceRef, VoxelType } from '@voxa/core';

/** One frame to fetch and decode in a worker, and the slices (mosaic tiles) it holds. */
export interface FrameJob {
  id: number;
  /** WADO-RS frame URL. */
  url: string;
  slices: { k: number; slice: SliceRef }[];
  voxelType: VoxelType;
  /** Grid columns and rows (a mosaic tile's size, not the frame's). */
  nx: number;
  ny: number;
}

/** What a worker sends back: each slice's values in the grid's voxel type, or why it failed. */
export type FrameResult =
  | { id: number; ok: true; slices: { k: number; values: ArrayBufferView; clamped: boolean }[] }
  | { id: number; ok: false; error: string };
