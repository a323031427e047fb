import { describe, expect, it } from 'vitest';
import { type Mat4, mat4FromColumns } from '../../src/math/Mat4.ts';
import { readMetaImage } from '../../src/io/metaimage/readMetaImage.ts';
import { writeMetaImage, writeMetaImagePair } from '../../src/io/metaimage/writeMetaImage.ts';
import { parseNiftiHeader } from '../../src/io/nifti/NiftiHeader.ts';
import { readNifti } from '../../src/io/nifti/readNifti.ts';
import { writeNifti } from '../../src/io/nifti/writeNifti.ts';
import { readNrrd } from '../../src/io/nrrd/readNrrd.ts';
import { writeNrrd } from '../../src/io/nrrd/writeNrrd.ts';
import type { VolumeReadResult } from '../../src/io/VolumeReadResult.ts';
import { createVolume, type Volume, type VolumeSeries4D, voxelTypeOf } from '../../src/volume/Volume.ts';
import { obliqueInt16Volume, rgbVolume } from './fixtures.ts';

/** |a − b| ≤ tol · max(1, |b|) for every element. */
function expectMatrixClose(actual: Mat4, expected: Mat4, relTol: number) {
  for (let n = 0; n < 16; n++) expect(Math.abs(actual[n] - expected[n]), `element ${n}`).toBeLessThanOrEqual(relTol * Math.max(1, Math.abs(expected[n])));
}

interface Codec {
  name: string;
  /** Relative matrix tolerance: NIfTI-1 stores the affine as float32 (relative precision 6e-8). */
  tol: number;
  roundTrip(v: Volume | VolumeSeries4D): VolumeReadResult;
}

const CODECS: Codec[] = [
  { name: 'NIfTI-1 .nii', tol: 1e-6, roundTrip: (v) => readNifti(writeNifti(v)) },
  { name: 'NIfTI-1 .nii.gz', tol: 1e-6, roundTrip: (v) => readNifti(writeNifti(v, { gzip: true })) },
  { name: 'NIfTI-2 .nii', tol: 1e-12, roundTrip: (v) => readNifti(writeNifti(v, { version: 2 })) },
  { name: 'NRRD gzip', tol: 1e-12, roundTrip: (v) => readNrrd(writeNrrd(v)) },
  { name: 'NRRD raw', tol: 1e-12, roundTrip: (v) => readNrrd(writeNrrd(v, { encoding: 'raw' })) },
  { name: 'MetaImage .mha (zlib)', tol: 1e-12, roundTrip: (v) => readMetaImage(writeMetaImage(v)) },
  { name: 'MetaImage .mha (raw)', tol: 1e-12, roundTrip: (v) => readMetaImage(writeMetaImage(v, { compress: false })) },
  {
    name: 'MetaImage .mhd + .raw', tol: 1e-12, roundTrip: (v) => {
      const { header, data } = writeMetaImagePair(v, 'vol.zraw');
      return readMetaImage(header, { file: 'vol.mhd', readFile: (n) => (n === 'vol.zraw' ? data : undefined) });
    },
  },
];

describe.each(CODECS)('$name write → read', ({ roundTrip, tol }) => {
  it('keeps the voxels of an oblique, anisotropic int16 volume identical and its matrix within tolerance', () => {
    const v = obliqueInt16Volume();
    const [back] = roundTrip(v).volumes;
    expect(back.dimensions).toEqual(v.dimensions);
    expect(back.components).toBe(1);
    expect(back.voxels).toBeInstanceOf(Int16Array);
    expect(back.voxels).toEqual(v.voxels);
    expectMatrixClose(back.indexToWorld, v.indexToWorld, tol);
  });

  it('keeps an RGB uint8 volume as 3 interleaved components', () => {
    const v = rgbVolume();
    const [back] = roundTrip(v).volumes;
    expect(back.components).toBe(3);
    expect(back.voxels).toBeInstanceOf(Uint8Array);
    expect(back.voxels).toEqual(v.voxels);
    expectMatrixClose(back.indexToWorld, v.indexToWorld, tol);
  });

  it('keeps every scalar voxel type', () => {
    for (const type of ['int8', 'uint8', 'uint16', 'int32', 'uint32', 'float32', 'float64'] as const) {
      const v = createVolume({ dimensions: [3, 2, 2], type });
      v.voxels.forEach((_, n) => (v.voxels[n] = type.startsWith('float') ? n * 0.5 - 2 : type.startsWith('u') ? n * 9 : n * 9 - 50));
      const [back] = roundTrip(v).volumes;
      expect(voxelTypeOf(back.voxels)).toBe(type);
      expect(back.voxels).toEqual(v.voxels);
    }
  });

  it('writes a series as one 4D file and reads it back as the same volumes', () => {
    const a = obliqueInt16Volume();
    const b = { ...a, voxels: a.voxels.map((x) => -x - 1) };
    const c = { ...a, voxels: a.voxels.map((x) => x >> 3) };
    const r = roundTrip({ volumes: [a, b, c], axis: 'time' });
    expect(r.volumes).toHaveLength(3);
    r.volumes.forEach((v, n) => expect(v.voxels).toEqual([a, b, c][n].voxels));
  });
});

describe('writeNifti details', () => {
  it('sets sform and qform (same code), scl 1/0, and the qform reproduces the oblique matrix', () => {
    const v = obliqueInt16Volume();
    const bytes = writeNifti(v);
    const h = parseNiftiHeader(bytes);
    expect(h).toMatchObject({ version: 1, datatype: 4, bitpix: 16, sclSlope: 1, sclInter: 0, qformCode: 1, sformCode: 1, voxOffset: 352 });
    // Force the reader onto the qform by clearing sform_code (bytes 254–255).
    bytes[254] = 0;
    bytes[255] = 0;
    const viaQform = readNifti(bytes).volumes[0];
    expect(viaQform.meta.extra?.niftiGeometry).toBe('qform');
    // Quaternion and pixdim are float32: relative 1e-6.
    expectMatrixClose(viaQform.indexToWorld, v.indexToWorld, 1e-6);
  });

  it('writes a left-handed grid with qfac −1 and still reproduces it from the qform', () => {
    const m = mat4FromColumns([0, 0, -1.5], [2, 0, 0], [0, 0.8, 0], [5, -6, 7]);
    const v = createVolume({ dimensions: [2, 2, 2], type: 'uint8', indexToWorld: m });
    const bytes = writeNifti(v);
    bytes[254] = 0;
    const back = readNifti(bytes).volumes[0];
    expect(parseNiftiHeader(bytes).pixdim[0]).toBe(-1);
    expectMatrixClose(back.indexToWorld, m, 1e-6);
  });

  it('leaves the qform unset for a sheared grid (a quaternion cannot hold shear)', () => {
    const m = mat4FromColumns([1, 0, 0], [0, 1, 0], [0, 0.4, 1], [0, 0, 0]);
    const h = parseNiftiHeader(writeNifti(createVolume({ dimensions: [2, 2, 2], type: 'uint8', indexToWorld: m })));
    expect(h.qformCode).toBe(0);
    expect(h.sformCode).toBe(1);
  });

  it('marks label maps with NIFTI_INTENT_LABEL and keeps the sform code a volume was read with', () => {
    const v = createVolume({ dimensions: [2, 2, 2], type: 'uint8', units: 'label', meta: { extra: { niftiSformCode: 4 } } });
    const h = parseNiftiHeader(writeNifti(v));
    expect(h.intentCode).toBe(1002);
    expect(h.sformCode).toBe(4);
    expect(readNifti(writeNifti(v)).volumes[0].units).toBe('label');
  });

  it('refuses RGB with a non-uint8 type and series on different grids', () => {
    const rgb16 = createVolume({ dimensions: [1, 1, 1], type: 'uint16', components: 3 });
    expect(() => writeNifti(rgb16)).toThrow(/RGB24 needs uint8/);
    const a = obliqueInt16Volume();
    const b = createVolume({ dimensions: [2, 2, 2], type: 'int16' });
    expect(() => writeNifti({ volumes: [a, b], axis: 'time' })).toThrow(expect.objectContaining({ code: 'VOXA_ERR_GRID_MISMATCH' }));
  });
});

describe('writeNrrd details', () => {
  it('writes LPS, gzip by default, and round-trips key/value pairs with newlines and backslashes', () => {
    const v = obliqueInt16Volume();
    const keyValues = { Segment0_Name: 'liver', Segment0_Color: '0.9 0.1 0.2', Note: 'a\\b\nsecond line' };
    const bytes = writeNrrd(v, { keyValues });
    const text = new TextDecoder().decode(bytes.subarray(0, 600));
    expect(text).toMatch(/^NRRD0004\n/);
    expect(text).toContain('space: left-posterior-superior\n');
    expect(text).toContain('encoding: gzip\n');
    const back = readNrrd(bytes).volumes[0];
    expect(back.meta.extra?.keyValues).toEqual(keyValues);
    // A read → write keeps the pairs without passing them again.
    expect(readNrrd(writeNrrd(back)).volumes[0].meta.extra?.keyValues).toEqual(keyValues);
  });

  it('refuses a key containing ":="', () => {
    expect(() => writeNrrd(obliqueInt16Volume(), { keyValues: { 'a:=b': 'c' } })).toThrow(/must not contain/);
  });
});
