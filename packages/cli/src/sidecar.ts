import { mat4FlipLpsRas, orientationCode, spacingMm, voxelTypeOf, type Volume } from '@voxa/core';

/**
 * The JSON sidecar written beside each converted volume: geometry in both conventions, the
 * source series, acquisition facts, and every warning. No patient name (PHI stays in DICOM).
 */
export function volumeSidecar(volumes: Volume[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const v = volumes[0];
  const m = v.meta;
  return {
    Generator: 'voxa convert',
    Modality: m.modality,
    Units: v.units,
    StudyInstanceUID: m.studyInstanceUid,
    StudyDate: m.studyDate,
    SeriesInstanceUID: m.seriesInstanceUid,
    SeriesNumber: m.seriesNumber,
    SeriesDescription: m.seriesDescription,
    FrameOfReferenceUID: m.frameOfReferenceUid,
    Dimensions: volumes.length > 1 ? [...v.dimensions, volumes.length] : v.dimensions,
    Components: v.components,
    DataType: voxelTypeOf(v.voxels),
    SpacingMm: spacingMm(v).map((x) => +x.toFixed(6)),
    Orientation: orientationCode(v.indexToWorld),
    IndexToWorldLPS: rows(v.indexToWorld),
    IndexToWorldRAS: rows(mat4FlipLpsRas(v.indexToWorld)),
    TimeAxis: volumes.length > 1 ? m.timeLabel?.replace(/ #\d+$/, '') : undefined,
    InvertDisplay: m.invertDisplay,
    Window: m.window,
    ...m.extra,
    SourceFiles: m.sourceFiles?.length,
    Warnings: volumes.flatMap((x) => x.meta.warnings).filter((w, i, all) => all.findIndex((o) => o.message === w.message) === i),
    ...extra,
  };
}

function rows(m: Float64Array): number[][] {
  return [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => +m[c * 4 + r].toFixed(6)));
}
