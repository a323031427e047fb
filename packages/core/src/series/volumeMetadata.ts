import type { VolumeMetadata } from '../volume/Volume.ts';
import type { VolumePlan } from './VolumePlan.ts';

/** The metadata of time point `t` of a plan: identity from the first slice, files in slice order. */
export function volumeMetadata(plan: VolumePlan, t: number): VolumeMetadata {
  const stack = plan.slices[t];
  const inst = stack[0].instance;
  const files = [...new Set(stack.map((s) => s.instance.file))];
  return {
    modality: inst.modality,
    patientId: inst.patientId,
    patientName: inst.patientName,
    studyInstanceUid: inst.studyInstanceUid,
    studyDate: inst.studyDate,
    studyDescription: inst.studyDescription,
    seriesInstanceUid: inst.seriesInstanceUid,
    seriesNumber: inst.seriesNumber,
    seriesDescription: inst.seriesDescription,
    frameOfReferenceUid: inst.frameOfReferenceUid,
    invertDisplay: inst.pixel.photometricInterpretation === 'MONOCHROME1' || undefined,
    window: inst.window,
    timeIndex: plan.slices.length > 1 ? t : undefined,
    timeLabel: plan.slices.length > 1 ? `${plan.timeAxis} #${t + 1}` : undefined,
    sourceFiles: files,
    warnings: [...plan.warnings],
    extra: {
      manufacturer: inst.manufacturer,
      sopClassUid: inst.sopClassUid,
      transferSyntaxUid: inst.transferSyntaxUid,
      imageType: inst.imageType,
      ...inst.acquisition,
      ...(plan.tiltDeg > 0.05 ? { stackTiltDeg: plan.tiltDeg } : {}),
    },
  };
}
