import { VoxaError } from '../errors/VoxaError.ts';
import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3 } from '../math/Vec3.ts';
import { computeNormals } from './computeNormals.ts';
import { DECIMATE_MESH_DEFAULTS, type DecimateMeshOptions, decimateMesh } from './decimateMesh.ts';
import { labelBounds } from './labelBounds.ts';
import { checkLabelGrid, checkLabelValue, meshLabelBox } from './labelToMesh.ts';
import type { Mesh } from './Mesh.ts';
import { SMOOTH_MESH_DEFAULTS, smoothMesh } from './smoothMesh.ts';

/** Options of `segmentationToMeshes`. */
export interface SegmentationToMeshesOptions {
  /** `smoothMesh` iterations (default `SMOOTH_MESH_DEFAULTS.iterations`; 0: the raw staircase). */
  smoothIterations?: number;
  /** `smoothMesh` pass band (default `SMOOTH_MESH_DEFAULTS.passBand`). */
  passBand?: number;
  /** Decimate each smoothed mesh with these `decimateMesh` options (default: no decimation). */
  decimate?: DecimateMeshOptions;
  /** Mesh only these values (default: every non-zero value that occurs); 0, the background, never is. */
  values?: number[];
}

/** One label value's surface. */
export interface LabelMesh {
  value: number;
  /** Smoothed (and decimated, if asked) surface with normals, LPS mm. */
  mesh: Mesh;
  /** Voxels of the value: voxelCount × voxel volume is the label's volume. */
  voxelCount: number;
  /** When decimated: meshoptimizer's error estimate (mm) and whether the result stayed manifold. */
  decimation?: { errorMm: number; manifold: boolean };
}

/**
 * A smoothed surface with normals for each non-zero value of a label layer (one uint8 label map,
 * e.g. a layer of a `Segmentation`): `labelToMesh`, `smoothMesh`, optionally `decimateMesh`,
 * then `computeNormals`. The boxes of all values are found in one pass over the layer, and each
 * value's surface is extracted from its box only. Values in increasing order.
 */
export async function segmentationToMeshes(
  labels: Uint8Array, dims: Dims3, indexToWorld: Mat4, options: SegmentationToMeshesOptions = {},
): Promise<LabelMesh[]> {
  checkLabelGrid(labels, dims, indexToWorld, 'segmentationToMeshes');
  const iterations = options.smoothIterations ?? SMOOTH_MESH_DEFAULTS.iterations;
  const passBand = options.passBand ?? SMOOTH_MESH_DEFAULTS.passBand;
  for (const v of options.values ?? []) checkLabelValue(v, 'segmentationToMeshes');
  // Checked here too, so that a bad ratio fails before the first label is meshed and smoothed.
  const targetRatio = options.decimate?.targetRatio ?? DECIMATE_MESH_DEFAULTS.targetRatio;
  if (options.decimate && !(targetRatio > 0 && targetRatio <= 1)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'segmentationToMeshes', targetRatio }, 'decimate.targetRatio must be in (0, 1]');
  }
  const counts = new Float64Array(256);
  const boxes = labelBounds(labels, dims, -1, counts);
  const wanted = options.values ?? [...Array(255).keys()].map((v) => v + 1);
  const values = [...new Set(wanted)].filter((v) => counts[v] > 0).sort((a, b) => a - b);
  const result: LabelMesh[] = [];
  for (const value of values) {
    let mesh = meshLabelBox(labels, dims, indexToWorld, value, boxes.subarray(6 * value, 6 * value + 6));
    if (iterations > 0) mesh = smoothMesh(mesh, { iterations, passBand });
    let decimation: LabelMesh['decimation'];
    if (options.decimate) {
      const d = await decimateMesh(mesh, options.decimate);
      mesh = d.mesh;
      decimation = { errorMm: d.errorMm, manifold: d.manifold };
    }
    result.push({ value, mesh: computeNormals(mesh), voxelCount: counts[value], ...(decimation ? { decimation } : {}) });
  }
  return result;
}
