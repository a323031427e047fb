import { describe, expect, it } from 'vitest';
import { loadDicom } from '../../src/index.ts';
import { fileSources } from '../../src/node/index.ts';
import { compareValues, mapGrid } from '../util/compareVolumes.ts';
import { loadReference } from '../util/loadReference.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';

/**
 * Every series kept in ../shared/data/dcm_qa* against dcm2niix's reference NIfTI (upstream Ref, or
 * Ref_local_dcm2niix_v1.0.20220720 where upstream's is a missing blob). dcm2niix writes its own
 * voxel order (rows flipped), so volumes are compared through world space: our corner voxel
 * centres must land on reference voxel centres within 1e-3 mm (dcm2niix stores float32 affines,
 * ~1e-5 mm at these distances), and every voxel value must be identical.
 */
const CASES: [name: string, input: string, ref: string][] = [
  ['Philips CT, plain axial', 'dcm_qa_ct/In/Philips/S21570/S2010', 'dcm_qa_ct/Ref_local_dcm2niix_v1.0.20220720/1A_TRAUMA_PLAIN_HEAD_DM_Head_201.nii.gz'],
  ['Siemens sagittal HFS', 'dcm_qa_decubitus/In/HFS/3_t1_fl2d_sag', 'dcm_qa_decubitus/Ref_local_dcm2niix_v1.0.20220720/t1_fl2d_sag_20220407150138.nii.gz'],
  ['Siemens sagittal HFP (same affine as HFS)', 'dcm_qa_decubitus/In/HFP/2_t1_fl2d_sag', 'dcm_qa_decubitus/Ref_local_dcm2niix_v1.0.20220720/t1_fl2d_sag_20220407151756.nii.gz'],
  ['mosaic axial ascending', 'dcm_qa/In/Orientation/ax/axasc35', 'dcm_qa/Ref/ax_asc_35sl_6.nii'],
  ['mosaic axial descending', 'dcm_qa/In/Orientation/ax/axdesc36', 'dcm_qa/Ref/ax_desc_36sl_10.nii'],
  ['mosaic coronal ascending', 'dcm_qa/In/Orientation/cor/corasc35', 'dcm_qa/Ref/cor_asc_35sl_16.nii'],
  ['mosaic coronal interleaved', 'dcm_qa/In/Orientation/cor/corint36', 'dcm_qa/Ref/cor_int_36sl_15.nii'],
  ['mosaic multiband, JPEG lossless', 'dcm_qa/In/Orientation/axmb/AxAsc36mb2a', 'dcm_qa/Ref/fMRI_MB_asc_25.nii'],
  ['mosaic multiband, JPEG 2000', 'dcm_qa/In/Orientation/axmb/AxInt36mb', 'dcm_qa/Ref/fMRI_MB_int_26.nii'],
  ['GE EPI 4D interleaved', 'dcm_qa_nih/In/20180918GE/mr_0004', 'dcm_qa_nih/Ref/DCM2NIIX_regression_test_4.nii'],
  ['GE EPI 4D sequential', 'dcm_qa_nih/In/20180918GE/mr_0005', 'dcm_qa_nih/Ref/DCM2NIIX_regression_test_5.nii'],
  ['Siemens EPI PE=AP', 'dcm_qa_nih/In/20180918Si/mr_0003', 'dcm_qa_nih/Ref/EPI_PE=AP_3.nii'],
  ['Siemens EPI PE=PA', 'dcm_qa_nih/In/20180918Si/mr_0004', 'dcm_qa_nih/Ref/EPI_PE=PA_4.nii'],
  ['Siemens EPI PE=RL', 'dcm_qa_nih/In/20180918Si/mr_0005', 'dcm_qa_nih/Ref/EPI_PE=RL_5.nii'],
  ['Siemens EPI PE=LR', 'dcm_qa_nih/In/20180918Si/mr_0006', 'dcm_qa_nih/Ref/EPI_PE=LR_6.nii'],
  ['enhanced multi-frame MR (XA10)', 'dcm_qa_enh/In/Siemens/XA10', 'dcm_qa_enh/Ref/Siemens_REST1_w_SMS_PF7-8_6.nii'],
  ['12-bit unsigned', 'dcm_qa_12bit/In/12bitUnsigned.dcm', 'dcm_qa_12bit/Ref/2.nii'],
  ['12-bit unsigned, garbage high bits', 'dcm_qa_12bit/In/12bitUnsigned_0x0F0F.dcm', 'dcm_qa_12bit/Ref/3.nii'],
  ['12-bit signed, garbage high bits', 'dcm_qa_12bit/In/12bitSigned_0x0F0F.dcm', 'dcm_qa_12bit/Ref/4.nii'],
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`transfer syntax sample ${n}`, `dcm_qa_ts/In/${n}.dcm`, `dcm_qa_ts/Ref/${n}.nii`] as [string, string, string]),
];

describe.runIf(HAS_SHARED)('dcm_qa series match dcm2niix references', () => {
  it.each(CASES)('%s: same world sampling (corners ≤ 1e-3 mm) and identical voxel values', async (_name, input, refPath) => {
    const result = await loadDicom(await fileSources(sharedData(input)));
    expect(result.rejected).toEqual([]);
    expect(result.failed).toEqual([]);
    expect(result.series).toHaveLength(1);
    const ours = result.series[0].volumes;
    const ref = loadReference(sharedData(refPath));
    expect(ours.length).toBe(ref.volumes.length);
    const mapping = mapGrid(ours[0], ref.indexToWorld, ref.volumes[0].dimensions);
    expect(mapping.cornerErrorMm).toBeLessThan(1e-3);
    for (let t = 0; t < ours.length; t++) {
      const r = compareValues(ours[t], ref.volumes[t], mapping);
      expect(r.count).toBe(ref.volumes[t].voxels.length);
      expect({ t, differing: r.differing, maxAbs: r.maxAbs }).toEqual({ t, differing: 0, maxAbs: 0 });
    }
  });
});
