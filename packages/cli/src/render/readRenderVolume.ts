import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { detectVolumeFormat, loadDicom, planVolumes, readVolumeBytes, scanDicom, VoxaError, type Volume, type VolumePlan } from '@voxa/core';
import { fileSources } from '@voxa/core/node';

/** The volume to render and how it was chosen (for the log and the image's metadata). */
export interface RenderInput {
  volume: Volume;
  /** 'DICOM' or the volume file's format. */
  format: string;
  /** Why this volume, when the input held several (series or time points); empty otherwise. */
  notes: string[];
}

/** Options of {@link readRenderVolume}. */
export interface ReadRenderVolumeOptions {
  /** A DICOM input's series to render: Series Instance UID or Series Number. Default: the largest. */
  series?: string;
  onProgress?: (phase: 'scan' | 'read', done: number, total: number) => void;
}

/**
 * One 3D volume to render: a NIfTI / NRRD / MetaImage file (its first time point), or the
 * largest image series of a DICOM file or folder (or the one `series` names), its first time
 * point. Only the chosen series' pixels are decoded; tilted or unevenly spaced stacks are
 * resampled so that the 3D shape is right.
 */
export async function readRenderVolume(path: string, options: ReadRenderVolumeOptions = {}): Promise<RenderInput> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new VoxaError('VOXA_ERR_FILE_READ', { file: path }, 'no such file or folder');
  if (info.isFile()) {
    const bytes = new Uint8Array(await readFile(path));
    const format = detectVolumeFormat(bytes, path);
    if (format) {
      if (options.series !== undefined) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: path }, '--series chooses among DICOM series; this is a volume file');
      const readCompanion = (name: string) => {
        const p = join(dirname(path), name);
        return existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined;
      };
      const { volumes, format: name } = readVolumeBytes(bytes, { file: path, readFile: readCompanion });
      return { volume: volumes[0], format: name, notes: volumes.length > 1 ? [`time point 1 of ${volumes.length}`] : [] };
    }
  }
  const sources = await fileSources(path);
  const scan = await scanDicom(sources, (d, n) => options.onProgress?.('scan', d, n));
  const images = planVolumes(scan).plans.filter((p) => p.slices[0][0].instance.modality !== 'SEG');
  if (!images.length) {
    const why = scan.rejected.length ? `; ${scan.rejected.length} file(s) rejected, e.g. ${scan.rejected[0].file}: ${scan.rejected[0].reason}` : '';
    throw new VoxaError('VOXA_ERR_NO_VOLUMES', { file: path }, `no image series to render in ${sources.length} file(s)${why}`);
  }
  const plan = choosePlan(images, options.series, path);
  const notes = images.length > 1 && options.series === undefined ? [`the largest of ${images.length} image series; choose with --series`] : [];
  if (plan.slices.length > 1) notes.push(`time point 1 of ${plan.slices.length}`);
  const files = new Set(plan.slices.flat().map((s) => s.instance.file));
  const loaded = await loadDicom(sources.filter((s) => files.has(s.name)), { tiltCorrect: true, evenSpacing: true, onProgress: options.onProgress });
  const series = loaded.series.find((s) => s.plan.id === plan.id) ?? loaded.series[0];
  if (!series) {
    const failed = loaded.failed[0];
    throw new VoxaError('VOXA_ERR_NO_VOLUMES', { file: failed?.files[0] ?? path, uid: seriesUid(plan) }, `the series could not be read${failed ? `: ${failed.reason}` : ''}`);
  }
  return { volume: series.volumes[0], format: 'DICOM', notes };
}

/** The named series (UID or number), else the one with the most voxels. */
function choosePlan(images: VolumePlan[], series: string | undefined, path: string): VolumePlan {
  if (series === undefined) return images.reduce((a, b) => (voxels(b) > voxels(a) ? b : a));
  const found = images.find((p) => seriesUid(p) === series || String(p.slices[0][0].instance.seriesNumber) === series);
  if (!found) {
    const list = images.map((p) => `${p.slices[0][0].instance.seriesNumber ?? '-'} ${seriesUid(p)} (${p.dimensions.join('×')})`).join('; ');
    throw new VoxaError('VOXA_ERR_NO_VOLUMES', { file: path }, `no series ${series}; the image series are: ${list}`);
  }
  return found;
}

const voxels = (p: VolumePlan) => p.dimensions[0] * p.dimensions[1] * p.dimensions[2];
const seriesUid = (p: VolumePlan) => p.slices[0][0].instance.seriesInstanceUid;
