import {
  chooseVoxelType, groupSlices, instanceFromDicomJson, planVolume, type DicomJsonDataSet, type SliceRef, type VolumePlan, type VoxelType,
} from '@voxa/core';

/** A series ready to load: its plan (grid, slice order) and what the viewer shows about it. */
export interface SeriesPlan {
  plan: VolumePlan;
  voxelType: VoxelType;
  modality: string;
  units: string;
  frameOfReferenceUid: string;
  window?: { center: number; width: number };
  patientName: string;
  patientId: string;
  studyDate: string;
  seriesDescription: string;
  /** Other volumes the series splits into (sizes, orientations) that are not shown. */
  otherPlans: number;
}

/**
 * Plan a series from its WADO-RS metadata with core's own slice logic (the same grouping,
 * sorting and geometry checks as a file import); the largest volume is the one shown.
 * Throws with a readable message when the series holds no volume.
 */
export function planSeries(metadata: DicomJsonDataSet[]): SeriesPlan {
  const slices: SliceRef[] = [];
  for (const ds of metadata) slices.push(...instanceFromDicomJson(ds).slices); // errors name each SOP Instance UID
  if (slices.length === 0) throw new Error('the series has no images');
  const { groups } = groupSlices(slices);
  const plans = groups.map(planVolume).sort((a, b) => voxels(b) - voxels(a));
  const plan = plans[0];
  const first = plan.slices[0][0];
  const guaranteed = chooseVoxelType(plan.slices.flat());
  const info = first.instance;
  return {
    plan,
    // The compact type real CT fits, as core's readPlannedVolume starts with (values beyond are clamped and flagged).
    voxelType: guaranteed === 'int32' ? 'int16' : guaranteed === 'float64' ? 'float32' : guaranteed,
    modality: info.modality,
    units: info.modality === 'CT' ? 'HU' : info.modality === 'PT' ? info.pet?.units ?? '' : '',
    frameOfReferenceUid: info.frameOfReferenceUid,
    window: info.window,
    patientName: info.patientName,
    patientId: info.patientId,
    studyDate: info.studyDate,
    seriesDescription: info.seriesDescription,
    otherPlans: plans.length - 1,
  };
}

function voxels(p: VolumePlan): number {
  return p.dimensions[0] * p.dimensions[1] * p.dimensions[2];
}
