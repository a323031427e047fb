import { describe, expect, it } from 'vitest';
import { loadDicom, transformPoint, type Vec3 } from '../../src/index.ts';
import { fileSources } from '../../src/node/index.ts';
import { compareValues, mapGrid } from '../util/compareVolumes.ts';
import { loadReference } from '../util/loadReference.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';

const GE = 'dcm_qa_ct/In/GE';
const REF = 'dcm_qa_ct/Ref_local_dcm2niix_v1.0.20220720';
/** Image Position (Patient) of 01.dcm and 28.dcm (read with dcmdump). */
const FIRST_IPP: Vec3 = [-125, -123.5404569, 5.8360586];
const LAST_IPP: Vec3 = [-125, -123.5404569, 157.7760586];

describe.runIf(HAS_SHARED)('GE head CT with 18.5° gantry tilt and uneven spacing (dcm_qa_ct)', () => {
  it('reads the raw stack with warnings naming the files, and the same voxels as dcm2niix', async () => {
    const { series } = await loadDicom(await fileSources(sharedData(GE)));
    const [v] = series[0].volumes;
    expect(v.dimensions).toEqual([512, 512, 28]);
    const codes = v.meta.warnings.map((w) => w.code);
    expect(codes).toContain('GANTRY_TILT');
    expect(codes).toContain('UNEVEN_SPACING');
    const uneven = v.meta.warnings.find((w) => w.code === 'UNEVEN_SPACING')!;
    expect(uneven.files.some((f) => f.endsWith('14.dcm'))).toBe(true); // the 1.14 mm step is between 14 and 15
    // The sheared grid runs exactly through the first and last acquired slices.
    transformPoint(v.indexToWorld, [0, 0, 0]).forEach((x, a) => expect(x).toBeCloseTo(FIRST_IPP[a], 6));
    transformPoint(v.indexToWorld, [0, 0, 27]).forEach((x, a) => expect(x).toBeCloseTo(LAST_IPP[a], 6));
    // dcm2niix 1.0.20220720 writes this raw tilted stack with rows flipped and an affine whose j and k
    // columns do not follow the DICOM geometry (its qform and sform even disagree), so values are
    // compared voxel for voxel through that row flip, and only the geometry both agree on is checked:
    // the origin (last row of the first slice) and the row direction.
    const ref = loadReference(sharedData(`${REF}/_2.nii.gz`));
    const r = ref.volumes[0];
    expect(r.dimensions).toEqual([512, 512, 28]);
    let differing = 0;
    for (let k = 0; k < 28; k++)
      for (let j = 0; j < 512; j++)
        for (let i = 0; i < 512; i++) if (v.voxels[i + 512 * (j + 512 * k)] !== r.voxels[i + 512 * (511 - j + 512 * k)]) differing++;
    expect(differing).toBe(0);
    const ours = transformPoint(v.indexToWorld, [0, 511, 0]);
    const theirs = transformPoint(ref.indexToWorld, [0, 0, 0]);
    ours.forEach((x, a) => expect(Math.abs(x - theirs[a])).toBeLessThan(1e-3));
  });

  it('tilt-corrects and evens the spacing onto the grid of dcm2niix _Tilt_Eq, every value within 1 HU', async () => {
    const { series } = await loadDicom(await fileSources(sharedData(GE)), { tiltCorrect: true, evenSpacing: true });
    const [v] = series[0].volumes;
    expect(v.meta.warnings.filter((w) => w.code === 'RESAMPLED')).toHaveLength(2);
    expect(v.dimensions).toEqual([512, 611, 56]);
    // Geometry: dcm2niix's qform for this file is the orthogonal tilt-corrected grid (its sform is not).
    const ref = loadReference(sharedData(`${REF}/_2_Tilt_Eq_1.nii.gz`), 'qform');
    const mapping = mapGrid(v, ref.indexToWorld, ref.volumes[0].dimensions);
    expect(mapping.cornerErrorMm).toBeLessThan(1e-3);
    // Both shift each slice by its own drift, never blend with the padding (−1500 here) and then
    // interpolate linearly between slices, rounding half away from zero; dcm2niix in float32, we
    // in float64, so a value at exactly .5 may round the other way. Measured: 2 684 of 17.5 M
    // voxels differ, by 1 HU.
    const c = compareValues(v, ref.volumes[0], mapping);
    expect(c.count).toBe(512 * 611 * 56);
    expect(c.maxAbs).toBeLessThanOrEqual(1);
    expect(c.differing / c.count).toBeLessThan(0.001);
  });
});
