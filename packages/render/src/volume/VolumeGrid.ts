import type { Dims3, Mat4, VoxelType } from '@voxa/core';

/** What the GPU needs to know of a volume before any voxel arrives: its grid and voxel type. */
export interface VolumeGrid {
  dimensions: Dims3;
  /** Voxel index → patient LPS mm (column-major). */
  indexToWorld: Mat4;
  voxelType: VoxelType;
  /** Store axes longer than this decimated; default the context's MAX_3D_TEXTURE_SIZE (smaller only to exercise decimation). */
  maxTextureSize?: number;
}
