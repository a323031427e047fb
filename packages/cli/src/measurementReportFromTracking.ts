import {
  findingSiteOfOrgan, measurementGroupFromLesion, uidFromName, VoxaError,
  type LesionMeasurement, type SrSourceSeries, type SrStudyContext, type VolumePlan, type WriteMeasurementReportOptions,
} from '@voxa/core';

/** Where one scan of `voxa track` came from, when it was DICOM: what a DICOM SR must reference. */
export interface ScanSource {
  study: SrStudyContext;
  series: SrSourceSeries;
}

/** The study and the images of a DICOM series plan (its first time point), for the SR's evidence. */
export function scanSourceOf(plan: VolumePlan): ScanSource {
  const slices = plan.slices[0];
  const first = slices[0].instance;
  const seen = new Set<string>();
  const instances = [];
  for (const s of slices) {
    if (seen.has(s.instance.sopInstanceUid)) continue; // frames of one multi-frame image
    seen.add(s.instance.sopInstanceUid);
    instances.push({ sopClassUid: s.instance.sopClassUid, sopInstanceUid: s.instance.sopInstanceUid });
  }
  return {
    study: {
      patientName: first.patientName, patientId: first.patientId, studyInstanceUid: first.studyInstanceUid,
      studyDate: first.studyDate || undefined, studyDescription: first.studyDescription || undefined,
    },
    series: {
      studyInstanceUid: first.studyInstanceUid, seriesInstanceUid: first.seriesInstanceUid, modality: first.modality,
      frameOfReferenceUid: first.frameOfReferenceUid, studyDate: first.studyDate || undefined, instances,
    },
  };
}

/**
 * A TID 1500 Measurement Report of a `voxa track` result, in the study of the last scan: one
 * measurement group per lesion per scan (time point = the scan's date), the earlier scans'
 * images as evidence, observed by the Voxa algorithm (a device) and UNVERIFIED: automatic
 * measurements are proposals until a reader verifies them. `file` names the response file in errors.
 */
export function measurementReportFromTracking(
  file: string,
  doc: { sources?: (ScanSource | null)[]; measurements?: LesionMeasurement[]; input: { timePoints: { dateIso: string }[]; lesions: { id: string; organ: string }[] } },
  softwareVersion: string,
): WriteMeasurementReportOptions {
  const sources = doc.sources;
  const measurements = doc.measurements;
  if (!measurements?.length) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, 'a DICOM SR needs the measurements of `voxa track` ("measurements" with their axes); this file has none');
  if (!sources || sources.length !== doc.input.timePoints.length || sources.some((s) => !s)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, 'a DICOM SR references the measured DICOM images: "sources" must name one DICOM series per scan (track DICOM series, not NIfTI files)');
  }
  const scans = sources as ScanSource[];
  const organ = new Map(doc.input.lesions.map((l) => [l.id, l.organ]));
  const last = scans[scans.length - 1];
  return {
    study: last.study,
    observer: { kind: 'device', uid: uidFromName('voxa/device/voxa-track'), name: 'Voxa lesion tracking', manufacturer: 'Voxa', modelName: 'voxa track' },
    sourceSeries: scans.map((s) => s.series),
    completion: 'PARTIAL',
    softwareVersions: softwareVersion,
    groups: measurements.map((m) => {
      const site = findingSiteOfOrgan(organ.get(m.lesionId) ?? '');
      return measurementGroupFromLesion(m, {
        patientId: last.study.patientId,
        frameOfReferenceUid: scans[m.scan].series.frameOfReferenceUid ?? '',
        timePoint: doc.input.timePoints[m.scan].dateIso,
        ...(site ? { findingSite: site } : {}),
      });
    }),
  };
}
