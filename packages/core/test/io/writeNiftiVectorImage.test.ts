import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../src/math/Mat4.ts';
import { parseNiftiHeader } from '../../src/io/nifti/NiftiHeader.ts';
import { readNifti } from '../../src/io/nifti/readNifti.ts';
import { writeNiftiVectorImage, type VectorImage } from '../../src/io/nifti/writeNiftiVectorImage.ts';
import { gunzipBytes } from '../../src/io/compression.ts';

/** A 4 × 3 × 2 oblique grid; vector n = (n, 100 + n, 200 + n) in LPS. */
function image(): VectorImage {
  const count = 24;
  const comp = (base: number) => Float32Array.from({ length: count }, (_, n) => base + n);
  return { dimensions: [4, 3, 2], indexToWorld: mat4FromColumns([0, 1.5, 0], [-2, 0, 0], [0, 0, 3], [10, -20, 30]), components: [comp(0), comp(100), comp(200)] };
}

describe('writeNiftiVectorImage', () => {
  it('writes a 5-D float32 vector image (dim 4×3×2×1×3, NIFTI_INTENT_VECTOR) with the LPS vectors as they are, components planar', () => {
    const bytes = writeNiftiVectorImage(image());
    const h = parseNiftiHeader(bytes);
    expect(h.dim.slice(0, 6)).toEqual([5, 4, 3, 2, 1, 3]);
    expect(h.intentCode).toBe(1007);
    expect(h.datatype).toBe(16);
    const read = readNifti(bytes);
    // Our reader flattens dim[5] into the volume list: one volume per component.
    expect(read.volumes).toHaveLength(3);
    read.volumes.forEach((v, c) => {
      expect(v.dimensions).toEqual([4, 3, 2]);
      expect(Array.from(v.voxels)).toEqual(Array.from(image().components[c]));
      // The grid goes through the same LPS → RAS → LPS as writeNifti: the LPS matrix comes back.
      for (let n = 0; n < 16; n++) expect(v.indexToWorld[n]).toBeCloseTo(image().indexToWorld[n], 5);
    });
  });

  it('in the NIfTI-standard DISPVECT form stores RAS vectors: L and P negated, S kept; gzip on request', () => {
    const bytes = writeNiftiVectorImage(image(), { intent: 'displacement', gzip: true });
    expect(parseNiftiHeader(gunzipBytes(bytes, 'VOXA_ERR_NIFTI_INVALID')).intentCode).toBe(1006);
    const [x, y, z] = readNifti(bytes).volumes;
    expect(x.voxels[5]).toBe(-5);
    expect(y.voxels[5]).toBe(-105);
    expect(z.voxels[5]).toBe(205);
  });

  it('refuses components of the wrong length, naming the grid', () => {
    const bad = { ...image(), components: [new Float32Array(3), new Float32Array(24), new Float32Array(24)] as const };
    expect(() => writeNiftiVectorImage(bad as unknown as VectorImage)).toThrow(/vector component 0 has 3 values, 24 expected for 4×3×2/);
  });
});
