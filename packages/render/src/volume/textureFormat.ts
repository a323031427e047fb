import type { VoxelType } from '@voxa/core';

/** How one voxel type is stored in a WebGL2 3D texture, and which sampler the shader declares. */
export interface TextureFormat {
  internalFormat: number;
  format: number;
  type: number;
  bytesPerVoxel: number;
  /** GLSL sampler type: integer textures are fetched with texelFetch and interpolated in the shader. */
  sampler: 'isampler3D' | 'usampler3D' | 'sampler3D';
}

// WebGL2 enums (constants, so the format table needs no context).
const GL = {
  R8I: 0x8231, R8UI: 0x8232, R16I: 0x8233, R16UI: 0x8234, R32I: 0x8235, R32UI: 0x8236, R32F: 0x822e,
  RED: 0x1903, RED_INTEGER: 0x8d94,
  BYTE: 0x1400, UNSIGNED_BYTE: 0x1401, SHORT: 0x1402, UNSIGNED_SHORT: 0x1403, INT: 0x1404, UNSIGNED_INT: 0x1405, FLOAT: 0x1406,
} as const;

/**
 * The texture format per voxel type: the voxels' own width, never widened (a CT stays 2 bytes a
 * voxel on the GPU; memory is 1× the voxel data). float64 is stored as float32.
 */
export function textureFormat(type: VoxelType): TextureFormat {
  switch (type) {
    case 'int8': return { internalFormat: GL.R8I, format: GL.RED_INTEGER, type: GL.BYTE, bytesPerVoxel: 1, sampler: 'isampler3D' };
    case 'uint8': return { internalFormat: GL.R8UI, format: GL.RED_INTEGER, type: GL.UNSIGNED_BYTE, bytesPerVoxel: 1, sampler: 'usampler3D' };
    case 'int16': return { internalFormat: GL.R16I, format: GL.RED_INTEGER, type: GL.SHORT, bytesPerVoxel: 2, sampler: 'isampler3D' };
    case 'uint16': return { internalFormat: GL.R16UI, format: GL.RED_INTEGER, type: GL.UNSIGNED_SHORT, bytesPerVoxel: 2, sampler: 'usampler3D' };
    case 'int32': return { internalFormat: GL.R32I, format: GL.RED_INTEGER, type: GL.INT, bytesPerVoxel: 4, sampler: 'isampler3D' };
    case 'uint32': return { internalFormat: GL.R32UI, format: GL.RED_INTEGER, type: GL.UNSIGNED_INT, bytesPerVoxel: 4, sampler: 'usampler3D' };
    case 'float32':
    case 'float64': return { internalFormat: GL.R32F, format: GL.RED, type: GL.FLOAT, bytesPerVoxel: 4, sampler: 'sampler3D' };
  }
}
