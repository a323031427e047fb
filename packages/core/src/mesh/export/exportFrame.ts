import { VoxaError } from '../../errors/VoxaError.ts';

/**
 * The coordinate frames Voxa's mesh files are written in. Meshes are patient LPS millimetres
 * everywhere in core; this file is the one place where they leave that frame.
 *
 * - `'lps-mm'`: STL, OBJ, PLY and 3MF. Patient LPS (+x left, +y posterior, +z superior), mm, as
 *   DICOM and every other Voxa file. 3D Slicer writes model files in LPS by default since 4.11 and
 *   reads `SPACE=LPS` from an STL header, an OBJ comment or a PLY comment, which our writers put
 *   there, so Slicer places them on the image without a flip. (3MF additionally translates, see
 *   `write3mf`; that moves the model on the build plate and does not change the axes.)
 * - `'gltf-m'`: glTF/GLB. glTF is right-handed, +Y up, +Z the asset's front and metres (glTF 2.0
 *   §3.4), so the patient stands upright facing the viewer: +Y_gltf = superior (+z LPS),
 *   +Z_gltf = anterior (−y LPS), and +X_gltf = Y × Z = superior × anterior = patient left
 *   (+x LPS). Hence (x, y, z)_gltf = 0.001 · (x_lps, z_lps, −y_lps): a rotation of −90° about x
 *   (determinant +1, so triangle winding and outward normals are kept) and mm → m.
 */
export type ExportFrame = 'lps-mm' | 'gltf-m';

/** glTF units are metres; LPS is millimetres. */
export const GLTF_METRES_PER_MM = 0.001;

/**
 * Each frame's map from LPS mm as a row-major 3×3 (linear part, no translation); the rows say
 * which LPS combination each output axis is.
 */
export const EXPORT_FRAME_MATRICES: Readonly<Record<ExportFrame, readonly number[]>> = {
  'lps-mm': [1, 0, 0, 0, 1, 0, 0, 0, 1],
  'gltf-m': [
    GLTF_METRES_PER_MM, 0, 0,
    0, 0, GLTF_METRES_PER_MM,
    0, -GLTF_METRES_PER_MM, 0,
  ],
};

/**
 * LPS mm xyz triples → the export frame, into a new array. Points take the frame's full linear
 * map; directions (`kind: 'direction'`, e.g. normals) take it without the scale and stay unit
 * length.
 *
 * @example const gltfPositions = lpsToExportFrame(mesh.positions, 'gltf-m');
 */
export function lpsToExportFrame(xyzLps: Float32Array, frame: ExportFrame, kind: 'point' | 'direction' = 'point'): Float32Array {
  const m = EXPORT_FRAME_MATRICES[frame];
  if (!m) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'lpsToExportFrame', frame: String(frame) }, `unknown export frame; expected ${Object.keys(EXPORT_FRAME_MATRICES).join(' or ')}`);
  if (xyzLps.length % 3 !== 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'lpsToExportFrame' }, `${xyzLps.length} values is not a multiple of 3 (x, y, z each)`);
  // A similarity (rotation × uniform scale): its row length is the scale, which directions drop.
  const s = kind === 'direction' ? 1 / Math.hypot(m[0], m[1], m[2]) : 1;
  const out = new Float32Array(xyzLps.length);
  for (let v = 0; v < xyzLps.length; v += 3) {
    const x = xyzLps[v], y = xyzLps[v + 1], z = xyzLps[v + 2];
    out[v] = s * (m[0] * x + m[1] * y + m[2] * z);
    out[v + 1] = s * (m[3] * x + m[4] * y + m[5] * z);
    out[v + 2] = s * (m[6] * x + m[7] * y + m[8] * z);
  }
  return out;
}

/**
 * How files that can carry a comment name the LPS frame: 3D Slicer's tag (vtkMRMLModelStorageNode
 * looks for `SPACE=LPS` or `SPACE=RAS` in an STL header, an OBJ comment or a PLY comment).
 */
export const LPS_SPACE_TAG = 'SPACE=LPS';
