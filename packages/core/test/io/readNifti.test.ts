import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { readNifti, readNiftiPair } from '../../src/io/nifti/readNifti.ts';
import { nifti1Bytes, valueBytes } from './niftiBytes.ts';
import { plain, thrown } from '../util/thrown.ts';

const ramp = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('readNifti: byte order and datatypes', () => {
  const values = ramp(12, (i) => i * 997 - 6000);

  it('reads little- and big-endian int16 to the same values', () => {
    for (const le of [true, false]) {
      const bytes = nifti1Bytes({ littleEndian: le, dims: [3, 2, 2], datatype: 4, bitpix: 16, data: valueBytes('int16', values, le) });
      const { volumes, format } = readNifti(bytes, { file: le ? 'le.nii' : 'be.nii' });
      expect(format).toBe('nifti1');
      expect(volumes[0].dimensions).toEqual([3, 2, 2]);
      expect(volumes[0].voxels).toBeInstanceOf(Int16Array);
      expect(Array.from(volumes[0].voxels)).toEqual(values);
    }
  });

  const cases = [
    { code: 2, bitpix: 8, kind: 'uint8', ctor: Uint8Array, values: [0, 1, 127, 128, 254, 255] },
    { code: 256, bitpix: 8, kind: 'int8', ctor: Int8Array, values: [-128, -1, 0, 1, 100, 127] },
    { code: 512, bitpix: 16, kind: 'uint16', ctor: Uint16Array, values: [0, 1, 300, 40000, 65534, 65535] },
    { code: 8, bitpix: 32, kind: 'int32', ctor: Int32Array, values: [-2147483648, -1, 0, 1, 70000, 2147483647] },
    { code: 768, bitpix: 32, kind: 'uint32', ctor: Uint32Array, values: [0, 1, 70000, 3e9, 4294967294, 4294967295] },
    { code: 16, bitpix: 32, kind: 'float32', ctor: Float32Array, values: [-1.5, 0, 0.25, 1e10, -3.75, 2] },
    { code: 64, bitpix: 64, kind: 'float64', ctor: Float64Array, values: [-1.1, 0, Math.PI, 1e300, -2.5e-300, 7] },
  ] as const;
  for (const c of cases) {
    it(`reads datatype ${c.code} (${c.kind}) big-endian into a ${c.ctor.name} with the stored values`, () => {
      const bytes = nifti1Bytes({ littleEndian: false, dims: [3, 2, 1], datatype: c.code, bitpix: c.bitpix, data: valueBytes(c.kind, [...c.values], false) });
      const v = readNifti(bytes).volumes[0];
      expect(v.voxels).toBeInstanceOf(c.ctor);
      expect(Array.from(v.voxels)).toEqual(Array.from(c.ctor.from(c.values)));
    });
  }

  it('reads int64 as int32 when every value fits, else as float64', () => {
    const small = readNifti(nifti1Bytes({ dims: [2, 1, 1], datatype: 1024, bitpix: 64, data: valueBytes('int64', [-5, 7]) })).volumes[0];
    expect(small.voxels).toBeInstanceOf(Int32Array);
    expect(Array.from(small.voxels)).toEqual([-5, 7]);
    const big = readNifti(nifti1Bytes({ dims: [2, 1, 1], datatype: 1024, bitpix: 64, data: valueBytes('int64', [-(2 ** 40), 2 ** 50 + 3]) })).volumes[0];
    expect(big.voxels).toBeInstanceOf(Float64Array);
    expect(Array.from(big.voxels)).toEqual([-(2 ** 40), 2 ** 50 + 3]);
  });

  it('reads RGB24 as 3 interleaved uint8 components per voxel', () => {
    const rgb = ramp(2 * 2 * 1 * 3, (i) => (i * 40) % 256);
    const v = readNifti(nifti1Bytes({ dims: [2, 2, 1], datatype: 128, bitpix: 24, data: Uint8Array.from(rgb) })).volumes[0];
    expect(v.components).toBe(3);
    expect(v.voxels).toBeInstanceOf(Uint8Array);
    expect(Array.from(v.voxels)).toEqual(rgb);
  });

  it('reads complex64 as the float32 magnitude by default and rejects it on request', () => {
    const bytes = nifti1Bytes({ dims: [2, 1, 1], datatype: 32, bitpix: 64, data: valueBytes('float32', [3, 4, -6, 8]) });
    const v = readNifti(bytes).volumes[0];
    expect(v.voxels).toBeInstanceOf(Float32Array);
    expect(Array.from(v.voxels)).toEqual([5, 10]);
    expect(v.meta.extra?.niftiComplex).toMatch(/magnitude/);
    const e = thrown(() => readNifti(bytes, { file: 'c.nii', complex: 'reject' }));
    expect(e.code).toBe('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT');
    expect(e.message).toContain('c.nii');
  });

  it('views the input bytes when the data is little-endian and aligned (no copy)', () => {
    const bytes = nifti1Bytes({ dims: [3, 2, 2], datatype: 4, bitpix: 16, data: valueBytes('int16', values) });
    const v = readNifti(bytes).volumes[0];
    expect(v.voxels.buffer).toBe(bytes.buffer);
    expect(v.voxels.byteOffset).toBe(352);
  });
});

describe('readNifti: scl_slope / scl_inter', () => {
  const read = (datatype: number, bitpix: number, kind: 'uint8' | 'int16' | 'int32', values: number[], sclSlope: number, sclInter: number) =>
    readNifti(nifti1Bytes({ dims: [values.length, 1, 1], datatype, bitpix, sclSlope, sclInter, data: valueBytes(kind, values) })).volumes[0];

  it('leaves values alone for slope 0 and for (1, 0), recording that nothing was applied', () => {
    for (const [s, i] of [[0, 5], [1, 0]]) {
      const v = read(4, 16, 'int16', [-3, 9], s, i);
      expect(v.voxels).toBeInstanceOf(Int16Array);
      expect(Array.from(v.voxels)).toEqual([-3, 9]);
      expect(v.meta.extra?.niftiScaling).toMatchObject({ applied: false });
    }
  });

  it('keeps integer scaling exact in the signed widening: uint8 · 1 − 1024 → int16', () => {
    const v = read(2, 8, 'uint8', [0, 24, 255], 1, -1024);
    expect(v.voxels).toBeInstanceOf(Int16Array);
    expect(Array.from(v.voxels)).toEqual([-1024, -1000, -769]);
    expect(v.meta.extra?.niftiScaling).toEqual({ slope: 1, intercept: -1024, applied: true, storedType: 'uint8', outputType: 'int16' });
  });

  it('keeps the stored type when the integer results still fit it', () => {
    const v = read(4, 16, 'int16', [-100, 100], 2, 1);
    expect(v.voxels).toBeInstanceOf(Int16Array);
    expect(Array.from(v.voxels)).toEqual([-199, 201]);
  });

  it('widens int16 to int32 when integer results leave the int16 range', () => {
    const v = read(4, 16, 'int16', [-32768, 32767], 1000, 0);
    expect(v.voxels).toBeInstanceOf(Int32Array);
    expect(Array.from(v.voxels)).toEqual([-32768000, 32767000]);
  });

  it('produces float32 for a fractional slope, and for integer results beyond the widening', () => {
    const frac = read(4, 16, 'int16', [1, 3], 0.5, 0.25);
    expect(frac.voxels).toBeInstanceOf(Float32Array);
    expect(Array.from(frac.voxels)).toEqual([0.75, 1.75]);
    const huge = read(8, 32, 'int32', [2 ** 30], 4, 0);
    expect(huge.voxels).toBeInstanceOf(Float32Array);
    expect(huge.voxels[0]).toBe(2 ** 32);
  });
});

describe('readNifti: geometry', () => {
  const data = new Uint8Array(8);
  const base = { dims: [2, 2, 2], datatype: 2, bitpix: 8, data };

  it('prefers the sform (sform_code > 0) and converts RAS to LPS by negating x and y', () => {
    const v = readNifti(nifti1Bytes({
      ...base, sformCode: 1, qformCode: 1, quatern: [0, 0, 1], pixdim: [1, 9, 9, 9],
      srow: [0, 2, 0, 10, 0, 0, 3, -20, 0.5, 0, 0, 30],
    })).volumes[0];
    // RAS columns i → (0,0,0.5), j → (2,0,0), k → (0,3,0); LPS negates x and y of each and of the origin.
    expect(plain(v.indexToWorld)).toEqual([0, 0, 0.5, 0, -2, 0, 0, 0, 0, -3, 0, 0, -10, 20, 30, 1]);
    expect(v.meta.extra?.niftiGeometry).toBe('sform');
    expect(v.meta.warnings).toEqual([]);
  });

  it('builds the qform from the quaternion, pixdim and qfac when sform_code is 0', () => {
    // 90° about z: (b, c, d) = (0, 0, sin 45°); qfac −1 flips k. RAS columns: (0,2,0), (−3,0,0), (0,0,−4).
    const v = readNifti(nifti1Bytes({ ...base, qformCode: 1, quatern: [0, 0, Math.SQRT1_2], qoffset: [5, 6, 7], pixdim: [-1, 2, 3, 4] })).volumes[0];
    const expected = [0, -2, 0, 0, 3, 0, 0, 0, 0, 0, -4, 0, -5, -6, 7, 1];
    // float32 storage of sin 45° gives ~1e-7 relative error in the rotation.
    v.indexToWorld.forEach((x, n) => expect(x).toBeCloseTo(expected[n], 6));
    expect(v.meta.extra?.niftiGeometry).toBe('qform');
  });

  it('falls back to pixdim only with a MISSING_GEOMETRY warning naming the file', () => {
    const v = readNifti(nifti1Bytes({ ...base, pixdim: [0, 2, 3, 4] }), { file: 'bare.nii' }).volumes[0];
    expect(plain(v.indexToWorld)).toEqual([-2, 0, 0, 0, 0, -3, 0, 0, 0, 0, 4, 0, 0, 0, 0, 1]);
    expect(v.meta.warnings).toHaveLength(1);
    expect(v.meta.warnings[0]).toMatchObject({ code: 'MISSING_GEOMETRY', files: ['bare.nii'] });
  });

  it('converts metres and micrometres (xyzt_units) to millimetres', () => {
    const m = readNifti(nifti1Bytes({ ...base, xyztUnits: 1, sformCode: 1, srow: [0.001, 0, 0, 0.01, 0, 0.002, 0, 0, 0, 0, 0.003, 0] })).volumes[0];
    // float32 srow values: 1e-6 relative.
    [-1, 0, 0, 0, 0, -2, 0, 0, 0, 0, 3, 0, -10, 0, 0, 1].forEach((x, n) => expect(m.indexToWorld[n]).toBeCloseTo(x, 5));
    const um = readNifti(nifti1Bytes({ ...base, xyztUnits: 3, pixdim: [1, 500, 500, 500] })).volumes[0];
    expect(um.indexToWorld[10]).toBeCloseTo(0.5, 9);
  });

  it('warns NON_ORTHOGONAL_AXES for a sheared sform and keeps the shear', () => {
    const v = readNifti(nifti1Bytes({ ...base, sformCode: 1, srow: [1, 0, 0, 0, 0, 1, 0.5, 0, 0, 0, 1, 0] })).volumes[0];
    expect(v.indexToWorld[9]).toBeCloseTo(-0.5, 12);
    expect(v.meta.warnings.map((w) => w.code)).toEqual(['NON_ORTHOGONAL_AXES']);
  });

  it('marks label maps (intent NIFTI_INTENT_LABEL) with units "label"', () => {
    expect(readNifti(nifti1Bytes({ ...base, intentCode: 1002 })).volumes[0].units).toBe('label');
  });
});

describe('readNifti: 4D, pairs and gzip', () => {
  it('splits dim[4] > 1 into volumes that view one buffer, with time labels from pixdim[4]', () => {
    const values = ramp(2 * 2 * 1 * 3, (i) => i);
    const r = readNifti(nifti1Bytes({ dims: [2, 2, 1, 3], datatype: 2, bitpix: 8, pixdim: [1, 1, 1, 1, 2.5], xyztUnits: 2 | 8, data: Uint8Array.from(values) }));
    expect(r.axis).toBe('time');
    expect(r.volumes.map((v) => Array.from(v.voxels))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
    expect(r.volumes.map((v) => v.meta.timeIndex)).toEqual([0, 1, 2]);
    expect(r.volumes[2].meta.timeLabel).toBe('5 s');
    expect(r.volumes[1].voxels.buffer).toBe(r.volumes[0].voxels.buffer);
  });

  it('reads a .hdr/.img pair from header and image bytes, directly or through readFile', () => {
    const img = valueBytes('int16', [1, -2, 3, -4], false);
    const hdr = nifti1Bytes({ littleEndian: false, magic: 'ni1', dims: [2, 2, 1], datatype: 4, bitpix: 16, data: img });
    expect(Array.from(readNiftiPair(hdr, img).volumes[0].voxels)).toEqual([1, -2, 3, -4]);
    const viaCallback = readNifti(hdr, { file: 'dir/scan.hdr', readFile: (name) => (name === 'scan.img' ? img : undefined) });
    expect(Array.from(viaCallback.volumes[0].voxels)).toEqual([1, -2, 3, -4]);
    expect(viaCallback.volumes[0].meta.sourceFiles).toEqual(['dir/scan.hdr', 'scan.img']);
    const e = thrown(() => readNifti(hdr, { file: 'scan.hdr' }));
    expect(e.code).toBe('VOXA_ERR_NIFTI_INVALID');
    expect(e.message).toMatch(/scan\.img/);
  });

  it('reads .nii.gz exactly like the uncompressed file', () => {
    const bytes = nifti1Bytes({ dims: [3, 1, 1], datatype: 16, bitpix: 32, data: valueBytes('float32', [1.5, -2, 1e-3]) });
    expect(Array.from(readNifti(gzipSync(bytes)).volumes[0].voxels)).toEqual(Array.from(readNifti(bytes).volumes[0].voxels));
  });
});

describe('readNifti: errors', () => {
  const good = nifti1Bytes({ dims: [4, 4, 4], datatype: 4, bitpix: 16, data: new Uint8Array(128) });

  it('rejects a truncated file with VOXA_ERR_NIFTI_INVALID naming the file and the bytes expected', () => {
    const e = thrown(() => readNifti(good.subarray(0, good.length - 10), { file: 'cut.nii' }));
    expect(e.code).toBe('VOXA_ERR_NIFTI_INVALID');
    expect(e.where.file).toBe('cut.nii');
    expect(e.message).toMatch(/truncated.*480 bytes/);
  });

  it('rejects random bytes and a cut gzip stream', () => {
    const random = Uint8Array.from(ramp(1000, (i) => (i * 7919 + 13) % 251));
    expect(thrown(() => readNifti(random, { file: 'noise.nii' })).code).toBe('VOXA_ERR_NIFTI_INVALID');
    const gz = gzipSync(good);
    const e = thrown(() => readNifti(gz.subarray(0, gz.length - 20), { file: 'cut.nii.gz' }));
    expect(e.code).toBe('VOXA_ERR_NIFTI_INVALID');
    expect(e.message).toContain('cut.nii.gz');
  });

  it('rejects unsupported datatypes (float128) and zero-sized dimensions with what was expected', () => {
    const f128 = nifti1Bytes({ dims: [1, 1, 1], datatype: 1536, bitpix: 128, data: new Uint8Array(16) });
    const e = thrown(() => readNifti(f128, { file: 'q.nii' }));
    expect(e.code).toBe('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT');
    expect(e.message).toMatch(/float128.*expected/);
    const zero = nifti1Bytes({ dims: [4, 0, 4], datatype: 2, bitpix: 8, data: new Uint8Array(0) });
    expect(thrown(() => readNifti(zero)).message).toMatch(/dim\[2\] is 0/);
  });
});
