import type { IngestWarning } from '../volume/IngestWarning.ts';
import type { Volume } from '../volume/Volume.ts';
import { isVoxaError, VoxaError } from '../errors/VoxaError.ts';
import { fileErrorCode } from './fileErrorCode.ts';
import { applySuv } from './applySuv.ts';
import type { DicomSource } from './DicomSource.ts';
import { groupSlices } from './groupSlices.ts';
import { planVolume, PLAN_DEFAULTS } from './planVolume.ts';
import { readPlannedVolume, type ReadPlannedVolumeOptions } from './readPlannedVolume.ts';
import { resampleEvenSpacing } from './resampleEvenSpacing.ts';
import { scanDicom, type DicomScan, type RejectedFile } from './scanDicom.ts';
import { tiltCorrect } from './tiltCorrect.ts';
import type { VolumePlan } from './VolumePlan.ts';

/** Options of {@link loadDicom}. Nothing is resampled unless asked. */
export interface LoadDicomOptions extends ReadPlannedVolumeOptions {
  /** Resample gantry-tilted stacks onto an orthogonal grid. Default false. */
  tiltCorrect?: boolean;
  /** Resample unevenly spaced stacks onto even slices. Default false. */
  evenSpacing?: boolean;
  /** Convert PET in Bq/ml to body-weight SUV. Default true. */
  suv?: boolean;
  /** Progress over files: phase 'scan' (headers) then 'read' (pixels). */
  onProgress?: (phase: 'scan' | 'read', done: number, total: number) => void;
}

/** One series (or one part of a split series): its plan and its volumes (one per time point). */
export interface LoadedSeries {
  plan: VolumePlan;
  volumes: Volume[];
}

/** Everything read from a set of DICOM files. */
export interface DicomLoadResult {
  series: LoadedSeries[];
  /** Series whose pixels failed to decode: the rest still load. */
  failed: { id: string; files: string[]; code: string; reason: string }[];
  rejected: RejectedFile[];
  skipped: RejectedFile[];
  /** Warnings not tied to one volume (duplicates, split series). */
  warnings: IngestWarning[];
}

/** Group the scanned slices into volume plans (headers only; no pixels decoded). */
export function planVolumes(scan: DicomScan): { plans: VolumePlan[]; warnings: IngestWarning[] } {
  const { groups, warnings } = groupSlices(scan.slices);
  return { plans: groups.map(planVolume), warnings };
}

/**
 * DICOM files → volumes: scan headers, group and sort into stacks, decode pixels, then apply
 * the requested corrections. Bad files and failing series are reported, never fatal.
 *
 * @example
 * const { series, rejected } = await loadDicom(sources, { tiltCorrect: true });
 */
export async function loadDicom(sources: DicomSource[], options: LoadDicomOptions = {}): Promise<DicomLoadResult> {
  const scan = await scanDicom(sources, (d, n) => options.onProgress?.('scan', d, n));
  const { plans, warnings } = planVolumes(scan);
  const byName = new Map(sources.map((s) => [s.name, s]));
  const result: DicomLoadResult = { series: [], failed: [], rejected: scan.rejected, skipped: scan.skipped, warnings: [...scan.warnings, ...warnings] };
  const total = new Set(scan.slices.map((s) => s.instance.file)).size;
  let done = 0;
  for (const plan of plans) {
    try {
      const raw = await readPlannedVolume(plan, byName, { ...options, onFile: (f) => { options.onFile?.(f); options.onProgress?.('read', ++done, total); } });
      result.series.push({ plan, volumes: raw.map((v, t) => correct(v, plan, t, options)) });
    } catch (e) {
      // One series failing (a file gone, a codec error, memory) never loses the others.
      const files = [...new Set(plan.slices.flat().map((s) => s.instance.file))];
      const err = isVoxaError(e) ? e : new VoxaError(fileErrorCode(e), { file: files[0] }, (e as Error)?.message ?? String(e), { cause: e });
      result.failed.push({ id: plan.id, files, code: err.code, reason: err.message });
    }
  }
  return result;
}

function correct(v: Volume, plan: VolumePlan, t: number, o: LoadDicomOptions): Volume {
  const [, , nz] = plan.dimensions;
  // SUV first: its factors belong to the acquired slices, before any resampling moves them.
  if ((o.suv ?? true) && plan.slices[t][0].instance.modality === 'PT') {
    const r = applySuv(v, plan.slices[t]);
    v = r.volume;
    if (r.warning) v.meta.warnings.push(r.warning);
  }
  if (o.tiltCorrect && plan.tiltDeg > PLAN_DEFAULTS.tiltToleranceDeg && nz > 2) {
    v = tiltCorrect(v, plan.slices[t].map((s) => s.positionLps));
    v.meta.warnings.push({ code: 'RESAMPLED', message: `Tilt-corrected: resampled onto an orthogonal grid (${plan.tiltDeg.toFixed(2)}° shear removed, rows ${plan.dimensions[1]} → ${v.dimensions[1]})`, files: [] });
  }
  if (o.evenSpacing && !plan.evenlySpaced && nz > 2) {
    v = resampleEvenSpacing(v, plan.slicePositionsMm);
    v.meta.warnings.push({ code: 'RESAMPLED', message: `Resampled to even spacing: ${nz} → ${v.dimensions[2]} slices`, files: [] });
  }
  return v;
}
