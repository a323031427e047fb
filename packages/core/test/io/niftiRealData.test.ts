import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isVoxaError } from '../../src/errors/VoxaError.ts';
import { type Mat4, mat4FlipLpsRas, mat4FromColumns, mat4Invert, mat4Multiply } from '../../src/math/Mat4.ts';
import { parseNiftiHeader } from '../../src/io/nifti/NiftiHeader.ts';
import { readNifti, readNiftiPair } from '../../src/io/nifti/readNifti.ts';
import { resample } from '../../src/volume/resample.ts';
import { spacingMm, type Volume } from '../../src/volume/Volume.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';

const NIBABEL = (f: string) => sharedData('nibabel/nibabel/tests/data', f);
const NIIVUE = (f: string) => sharedData('niivue/packages/niivue/demos/images', f);

function load(path: string): Volume[] {
  return readNifti(readFileSync(path), { file: basename(path), readFile: (n) => readFileSync(join(dirname(path), n)) }).volumes;
}

/** The srow rows decoded by hand from the raw header, as an LPS column-major matrix (x, y negated). */
function srowAsLps(raw: Uint8Array): Mat4 {
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const nifti2 = dv.getInt32(0, true) === 540;
  const le = nifti2 || dv.getInt32(0, true) === 348;
  const srow = Array.from({ length: 12 }, (_, n) => (nifti2 ? dv.getFloat64(400 + 8 * n, le) : dv.getFloat32(280 + 4 * n, le)));
  const col = (c: number): [number, number, number] => [-srow[c], -srow[4 + c], srow[8 + c]];
  return mat4FromColumns(col(0), col(1), col(2), col(3));
}

/** Matrix equality up to a tolerance (float32 header fields widened to float64 compare exactly). */
function expectMatrix(actual: Mat4, expected: Mat4, tol = 1e-9) {
  for (let n = 0; n < 16; n++) expect(Math.abs(actual[n] - expected[n]), `element ${n}`).toBeLessThanOrEqual(tol);
}

describe.runIf(HAS_SHARED)('NIfTI on nibabel test data', () => {
  it('anatomical.nii: big-endian int16 33×41×25 with the sform and every voxel decoded by hand', () => {
    const raw = readFileSync(NIBABEL('anatomical.nii'));
    const [v] = load(NIBABEL('anatomical.nii'));
    expect(v.dimensions).toEqual([33, 41, 25]);
    expect(v.voxels).toBeInstanceOf(Int16Array);
    expectMatrix(v.indexToWorld, srowAsLps(raw));
    // sform rows (-2,0,0,32) (0,2,0,-40) (0,0,2,-16) in RAS → origin (-32, 40, -16) LPS.
    expect([v.indexToWorld[12], v.indexToWorld[13], v.indexToWorld[14]]).toEqual([-32, 40, -16]);
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const mismatches = Array.from(v.voxels).filter((x, n) => x !== dv.getInt16(352 + 2 * n, false)).length;
    expect(mismatches).toBe(0);
  });

  describe('anatomical.nii resampled like the nibabel authors did with SPM', () => {
    // make_moved_anat.py: affine' = [euler2mat(0.1, 0.2, 0.3) | (3, 4, 5)] · affine, in RAS;
    // euler2mat(z, y, x) = Rx(x) · Ry(y) · Rz(z). SPM resampled that trilinearly onto the grids below.
    const [z, y, x] = [0.1, 0.2, 0.3];
    const rz = mat4FromColumns([Math.cos(z), Math.sin(z), 0], [-Math.sin(z), Math.cos(z), 0], [0, 0, 1], [0, 0, 0]);
    const ry = mat4FromColumns([Math.cos(y), 0, -Math.sin(y)], [0, 1, 0], [Math.sin(y), 0, Math.cos(y)], [0, 0, 0]);
    const rx = mat4FromColumns([1, 0, 0], [0, Math.cos(x), Math.sin(x)], [0, -Math.sin(x), Math.cos(x)], [0, 0, 0]);
    const extra = mat4Multiply(rx, mat4Multiply(ry, rz));
    extra[12] = 3; extra[13] = 4; extra[14] = 5;

    for (const [file, minCompared] of [['resampled_anat_moved.nii', 900], ['reoriented_anat_moved.nii', 3800]] as const) {
      it(`${file}: our trilinear resampling matches SPM's inside the source (relative 1e-4)`, () => {
        const [anat] = load(NIBABEL('anatomical.nii'));
        const [spm] = load(NIBABEL(file));
        const moved = { ...anat, indexToWorld: mat4FlipLpsRas(mat4Multiply(extra, mat4FlipLpsRas(anat.indexToWorld))) };
        const ours = resample(moved, spm, { interpolation: 'linear', type: 'float32', fill: NaN });
        // nibabel's assert_spm_resampling_close compares only points mapping inside [0, n-1];
        // SPM treats the outer half-voxel differently. Our NaN fill marks points outside our extent.
        const inv = mat4Multiply(mat4Invert(moved.indexToWorld), spm.indexToWorld);
        let compared = 0, worst = 0;
        const [nx, ny, nz] = spm.dimensions;
        for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
          const p = [0, 1, 2].map((r) => inv[r] * i + inv[4 + r] * j + inv[8 + r] * k + inv[12 + r]);
          if (p.some((c, a) => c < 0 || c > anat.dimensions[a] - 1)) continue;
          const n = i + nx * (j + ny * k);
          compared++;
          worst = Math.max(worst, Math.abs(ours.voxels[n] - spm.voxels[n]) / Math.max(1, Math.abs(spm.voxels[n])));
        }
        expect(compared).toBeGreaterThan(minCompared);
        // SPM stored float32 results; observed worst relative difference ≈ 9e-6.
        expect(worst).toBeLessThan(1e-4);
      });
    }
  });

  it('example4d.nii.gz: 2 volumes of 128×96×24 int16 with the oblique sform and the voxels decoded by hand', () => {
    const raw = gunzipSync(readFileSync(NIBABEL('example4d.nii.gz')));
    const r = readNifti(readFileSync(NIBABEL('example4d.nii.gz')), { file: 'example4d.nii.gz' });
    expect(r.format).toBe('nifti1');
    expect(r.axis).toBe('time');
    expect(r.volumes).toHaveLength(2);
    expect(r.volumes[0].dimensions).toEqual([128, 96, 24]);
    expectMatrix(r.volumes[1].indexToWorld, srowAsLps(raw));
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const offset = dv.getFloat32(108, true);
    const per = 128 * 96 * 24;
    // nibabel's docs: data[0, 0, 0, 0] == 0.
    expect(r.volumes[0].voxels[0]).toBe(0);
    expect(Array.from(r.volumes[1].voxels).filter((x, n) => x !== dv.getInt16(offset + 2 * (per + n), true)).length).toBe(0);
  });

  it('example_nifti2.nii.gz: NIfTI-2 32×20×12×2 with the float64 srow and vox_offset read by hand', () => {
    const raw = gunzipSync(readFileSync(NIBABEL('example_nifti2.nii.gz')));
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    expect(dv.getInt32(0, true)).toBe(540);
    const dims = Array.from({ length: 5 }, (_, n) => Number(dv.getBigInt64(16 + 8 * n, true)));
    const r = readNifti(readFileSync(NIBABEL('example_nifti2.nii.gz')));
    expect(r.format).toBe('nifti2');
    expect(dims).toEqual([4, 32, 20, 12, 2]);
    expect(r.volumes.map((v) => v.dimensions)).toEqual([[32, 20, 12], [32, 20, 12]]);
    expectMatrix(r.volumes[0].indexToWorld, srowAsLps(raw), 0);
    const offset = Number(dv.getBigInt64(168, true));
    expect(offset).toBe(608); // two extensions before the data
    const all = [...r.volumes[0].voxels, ...r.volumes[1].voxels];
    expect(all.filter((x, n) => x !== dv.getInt16(offset + 2 * n, true)).length).toBe(0);
  });

  it('example_nifti2.nii.gz and example4d.nii.gz share one affine (NIfTI-2 is a crop of the same series)', () => {
    const a = load(NIBABEL('example_nifti2.nii.gz'))[0].indexToWorld;
    const b = load(NIBABEL('example4d.nii.gz'))[0].indexToWorld;
    // Same srow: stored float64 in one, float32 in the other (relative 6e-8).
    expectMatrix(a, b, 1e-5);
  });

  it('standard.nii.gz: 4×5×7 uint8 mask, 1×3×2 mm, RAS+ at origin 0 (gen_standard.py)', () => {
    const [v] = load(NIBABEL('standard.nii.gz'));
    expect(v.dimensions).toEqual([4, 5, 7]);
    expect(spacingMm(v)).toEqual([1, 3, 2]);
    expect(Array.from(v.indexToWorld, (x) => x + 0)).toEqual([-1, 0, 0, 0, 0, -3, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1]);
    expect(new Set(v.voxels)).toEqual(new Set([0, 255]));
    expect(v.meta.extra?.niftiGeometry).toBe('sform');
  });

  it('functional.nii: 20 volumes 17×21×3, fractional scl_slope applied into float32', () => {
    const r = readNifti(readFileSync(NIBABEL('functional.nii')));
    expect(r.volumes).toHaveLength(20);
    const v = r.volumes[0];
    expect(v.voxels).toBeInstanceOf(Float32Array);
    const rec = v.meta.extra?.niftiScaling as { slope: number; intercept: number; applied: boolean };
    expect(rec.applied).toBe(true);
    const raw = readFileSync(NIBABEL('functional.nii'));
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    // value = stored · slope + inter, rounded to float32.
    expect(v.voxels[100]).toBe(Math.fround(dv.getInt16(352 + 200, true) * rec.slope + rec.intercept));
  });

  it('nifti1.hdr and nifti2.hdr: header-only pairs parse to 91×109×91 with the same MNI (code 4) geometry', () => {
    const mats = ['nifti1.hdr', 'nifti2.hdr'].map((f) => {
      const hdr = readFileSync(NIBABEL(f));
      const h = parseNiftiHeader(hdr, f);
      expect(h.singleFile).toBe(false);
      expect(h.dim.slice(0, 4)).toEqual([3, 91, 109, 91]);
      expect(h.sformCode).toBe(4);
      // No .img is distributed; vox_offset (0 in nifti1.hdr, 544 in nifti2.hdr) is where data starts in it.
      const image = new Uint8Array(h.voxOffset + 91 * 109 * 91 * 2);
      image[h.voxOffset] = 7;
      const v = readNiftiPair(hdr, image, { file: f }).volumes[0];
      expect(v.voxels[0]).toBe(7);
      expect(v.dimensions).toEqual([91, 109, 91]);
      return v.indexToWorld;
    });
    // srow (-2,0,0,90) (0,2,0,-126) (0,0,2,-72) → LPS columns (2,0,0) (0,-2,0) (0,0,2), origin (-90,126,-72).
    expect(Array.from(mats[0], (x) => x + 0)).toEqual([2, 0, 0, 0, 0, -2, 0, 0, 0, 0, 2, 0, -90, 126, -72, 1]);
    expect(Array.from(mats[1])).toEqual(Array.from(mats[0]));
  });

  it('analyze.hdr: an Analyze 7.5 header reads with pixdim-only geometry and a MISSING_GEOMETRY warning', () => {
    const hdr = readFileSync(NIBABEL('analyze.hdr'));
    const h = parseNiftiHeader(hdr);
    expect(h.version).toBe(0);
    const v = readNiftiPair(hdr, new Uint8Array(91 * 109 * 91), { file: 'analyze.hdr' }).volumes[0];
    expect(v.dimensions).toEqual([91, 109, 91]);
    expect(spacingMm(v)).toEqual([2, 2, 2]);
    expect(v.meta.warnings.map((w) => w.code)).toEqual(['MISSING_GEOMETRY']);
  });

  it('a truncated anatomical.nii fails with VOXA_ERR_NIFTI_INVALID naming the file', () => {
    const raw = readFileSync(NIBABEL('anatomical.nii'));
    let error: unknown;
    try {
      readNifti(raw.subarray(0, 20000), { file: 'anatomical.nii' });
    } catch (e) {
      error = e;
    }
    expect(isVoxaError(error) && error.code).toBe('VOXA_ERR_NIFTI_INVALID');
    expect((error as Error).message).toMatch(/truncated.*\(file anatomical\.nii\)/);
  });
});

describe.runIf(HAS_SHARED)('NIfTI on niivue demo images', () => {
  it('ras.hdr/.img: the pair reads through readFile as 62×41×34 with its sform', () => {
    const [v] = load(NIIVUE('ras.hdr'));
    expect(v.dimensions).toEqual([62, 41, 34]);
    expectMatrix(v.indexToWorld, srowAsLps(readFileSync(NIIVUE('ras.hdr'))));
    expect(v.meta.sourceFiles).toEqual(['ras.hdr', 'ras.img']);
    expect(v.voxels.length).toBe(62 * 41 * 34);
  });

  it('minimal.nii.gz (qform = sform = 0): pixdim-only geometry with a MISSING_GEOMETRY warning', () => {
    const [v] = load(NIIVUE('minimal.nii.gz'));
    expect(v.dimensions).toEqual([64, 64, 10]);
    expect(spacingMm(v)).toEqual([3, 3, 3]);
    expect(v.meta.warnings).toHaveLength(1);
    expect(v.meta.warnings[0]).toMatchObject({ code: 'MISSING_GEOMETRY', files: ['minimal.nii.gz'] });
  });

  it('ct_perfusion.nii.gz (RGB24): 256×286×15 with 3 components', () => {
    const [v] = load(NIIVUE('ct_perfusion.nii.gz'));
    expect(v.components).toBe(3);
    expect(v.dimensions).toEqual([256, 286, 15]);
    expect(v.voxels).toBeInstanceOf(Uint8Array);
    expect(v.voxels.length).toBe(256 * 286 * 15 * 3);
  });

  it('shear.nii.gz: keeps its sheared sform exactly and warns NON_ORTHOGONAL_AXES', () => {
    const [v] = load(NIIVUE('shear.nii.gz'));
    expect(v.dimensions).toEqual([306, 422, 54]);
    expectMatrix(v.indexToWorld, srowAsLps(gunzipSync(readFileSync(NIIVUE('shear.nii.gz')))), 0);
    // The j column leans into z: srow_z[1] = 0.1531 (a tilted-gantry crop).
    expect(v.indexToWorld[6]).toBeCloseTo(0.1531, 4);
    expect(v.meta.warnings.map((w) => w.code)).toContain('NON_ORTHOGONAL_AXES');
    expect(v.meta.extra?.niftiScaling).toMatchObject({ applied: true, storedType: 'uint8', outputType: 'float32', intercept: -1024 });
  });

  it('complex.nii.gz: complex64 becomes its float32 magnitude (documented), or an error when rejected', () => {
    const raw = gunzipSync(readFileSync(NIIVUE('complex.nii.gz')));
    const [v] = load(NIIVUE('complex.nii.gz'));
    expect(v.dimensions).toEqual([64, 64, 44]);
    expect(v.voxels).toBeInstanceOf(Float32Array);
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (const n of [0, 1000, 60000, 64 * 64 * 44 - 1]) {
      const re = dv.getFloat32(352 + 8 * n, true), im = dv.getFloat32(356 + 8 * n, true);
      expect(v.voxels[n]).toBe(Math.fround(Math.sqrt(re * re + im * im)));
    }
    expect(() => readNifti(readFileSync(NIIVUE('complex.nii.gz')), { complex: 'reject' })).toThrow(/complex64/);
  });

  it('low_res.nii.gz: 7×5×3', () => {
    expect(load(NIIVUE('low_res.nii.gz'))[0].dimensions).toEqual([7, 5, 3]);
  });
});
