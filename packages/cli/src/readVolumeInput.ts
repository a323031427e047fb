import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { detectVolumeFormat, loadDicom, readVolumeBytes, VoxaError, type Volume, type VolumePlan } from '@voxa/core';
import { fileSources } from '@voxa/core/node';
import { ProgressBar } from './ProgressBar.ts';

/** What `readVolumeInput` found: the volume and, for DICOM input, its series plan (for a SEG). */
export interface VolumeInput {
  volume: Volume;
  plan?: VolumePlan;
}

/**
 * The one 3D volume a command works on: from a NIfTI / NRRD / MetaImage file, or from the image
 * series of a DICOM file or folder (the only one, or the one `series` names by UID or number).
 * `command` names the command in errors.
 */
export async function readVolumeInput(command: string, path: string, series: string | undefined, quiet: boolean): Promise<VolumeInput> {
  if ((await stat(path)).isFile()) {
    const bytes = new Uint8Array(await readFile(path));
    if (detectVolumeFormat(bytes, path)) {
      const readCompanion = (name: string) => {
        const p = join(dirname(path), name);
        return existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined;
      };
      const { volumes } = readVolumeBytes(bytes, { file: path, readFile: readCompanion });
      if (volumes.length !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: path }, `${command} takes one 3D volume; the file holds ${volumes.length}`);
      return { volume: volumes[0] };
    }
  }
  const bar = new ProgressBar('read', { quiet });
  const result = await loadDicom(await fileSources(path), { onProgress: (phase, d, n) => bar.update(d, n, phase) });
  bar.done();
  const images = result.series.filter((s) => s.volumes[0].meta.modality !== 'SEG');
  const list = images.map((s) => `${s.volumes[0].meta.seriesNumber ?? '-'} ${s.volumes[0].meta.seriesInstanceUid} (${s.volumes[0].dimensions.join('×')})`).join('; ') || 'none';
  const chosen = series === undefined
    ? images.length === 1 ? images[0] : undefined
    : images.find((s) => s.volumes[0].meta.seriesInstanceUid === series || String(s.volumes[0].meta.seriesNumber) === series);
  if (!chosen) {
    throw new VoxaError('VOXA_ERR_NO_VOLUMES', { file: path },
      series === undefined ? `expected one image series, found ${images.length}: ${list}; choose one with --series` : `no series ${series}; the image series are: ${list}`);
  }
  if (chosen.volumes.length !== 1) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: path, uid: chosen.volumes[0].meta.seriesInstanceUid }, `${command} takes one 3D volume; the series has ${chosen.volumes.length} time points`);
  }
  return { volume: chosen.volumes[0], plan: chosen.plan };
}
