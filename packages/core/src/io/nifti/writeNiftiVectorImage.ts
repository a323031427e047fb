import { VoxaError } from '../../errors/VoxaError.ts';
import type { Mat4 } from '../../math/Mat4.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import { createVolume } from '../../volume/Volume.ts';
import { concatBytes, gzipChunks } from '../compression.ts';
import { littleEndianBytes } from '../voxelBytes.ts';
import { niftiCodeFor } from './niftiDatatypes.ts';
import { encodeNiftiHeader } from './NiftiHeader.ts';
import { niftiHeaderFor, type WriteNiftiOptions } from './writeNifti.ts';

/** A 3-vector per voxel in patient LPS (a displacement field, a gradient), stored planar. */
export interface VectorImage {
  dimensions: Dims3;
  /** Voxel index → patient LPS mm (column-major 4×4). */
  indexToWorld: Mat4;
  /** The L, P and S components, each nx·ny·nz long in voxel order (i fastest). */
  components: readonly [Float32Array, Float32Array, Float32Array];
}

/** Options of `writeNiftiVectorImage`. */
export interface WriteNiftiVectorOptions extends Pick<WriteNiftiOptions, 'gzip' | 'version' | 'description'> {
  /**
   * 'vector' (default): NIFTI_INTENT_VECTOR (1007) with the vectors in LPS, as ITK and ANTs
   * write their displacement fields (`*Warp.nii.gz`) and read them back unchanged.
   * 'displacement': NIFTI_INTENT_DISPVECT (1006) with the vectors in RAS, the NIfTI standard's
   * frame, which ITK ≥ 5.3 converts back to LPS on reading (and older ITK misreads).
   */
  intent?: 'vector' | 'displacement';
}

/** Defaults of `WriteNiftiVectorOptions`. */
export const WRITE_NIFTI_VECTOR_DEFAULTS = { intent: 'vector', gzip: false, version: 1 } as const satisfies WriteNiftiVectorOptions;

const NIFTI_INTENT_DISPVECT = 1006;
const NIFTI_INTENT_VECTOR = 1007;

/**
 * Encode a vector image as a single-file NIfTI: dim = [5, nx, ny, nz, 1, 3], float32, the three
 * components as the fifth dimension (nifti1.h: "vector-valued data ... dim[5]"), each a whole
 * plane after the other. The grid goes through the same LPS → RAS sform/qform as `writeNifti`.
 *
 * @example writeFileSync('warp.nii.gz', writeNiftiVectorImage(field, { gzip: true }));
 */
export function writeNiftiVectorImage(image: VectorImage, options: WriteNiftiVectorOptions = {}): Uint8Array {
  const intent = options.intent ?? WRITE_NIFTI_VECTOR_DEFAULTS.intent;
  const [nx, ny, nz] = image.dimensions;
  const count = nx * ny * nz;
  image.components.forEach((c, n) => {
    if (c.length !== count) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `vector component ${n} has ${c.length} values, ${count} expected for ${image.dimensions.join('×')}`);
  });
  const first = createVolume({ dimensions: image.dimensions, voxels: image.components[0], indexToWorld: image.indexToWorld });
  const header = niftiHeaderFor(first, niftiCodeFor('float32', 1)!, 1, { version: options.version, description: options.description });
  header.dim = [5, nx, ny, nz, 1, 3, 1, 1];
  header.intentCode = intent === 'vector' ? NIFTI_INTENT_VECTOR : NIFTI_INTENT_DISPVECT;
  // The vectors are LPS in memory; the DISPVECT form stores them in RAS (L and P negated).
  const planes = intent === 'vector' ? image.components : image.components.map((c, n) => (n < 2 ? c.map((x) => -x) : c));
  const chunks = [encodeNiftiHeader(header), ...planes.map((p) => littleEndianBytes(p))];
  return options.gzip ? gzipChunks(chunks) : concatBytes(chunks);
}
