import { loadDicom, type Volume } from '@voxa/core';
import { RegistrationHttpError } from './registrationErrors.ts';
import type { SeriesFiles } from './registrationMessages.ts';

/**
 * The one 3D volume of a series' instances (core `loadDicom`), or VOXA_HTTP_NOT_ONE_VOLUME
 * saying why not: no image instance, pixels that fail to decode, several stacks (e.g. two
 * orientations or sizes), several volumes (4D), colour, or fewer than 3 dimensions (a single slice).
 *
 * @example
 * const fixed = await seriesVolume({ role: 'fixed', seriesInstanceUid, files });
 */
export async function seriesVolume(series: SeriesFiles): Promise<Volume> {
  const sources = series.files.map(({ name, bytes }) => ({ name, size: bytes.byteLength, read: async () => bytes }));
  const loaded = await loadDicom(sources);
  const what = `${series.role} series ${series.seriesInstanceUid}`;
  const notOne = (why: string) => new RegistrationHttpError('VOXA_HTTP_NOT_ONE_VOLUME', `${what} ${why}`);
  const volumes = loaded.series.flatMap((s) => s.volumes);
  if (loaded.failed.length) throw notOne(`has pixels that cannot be read (${loaded.failed[0].code}: ${loaded.failed[0].reason})`);
  if (volumes.length === 0) {
    const first = loaded.rejected[0] ?? loaded.skipped[0];
    throw notOne(`has no image instances that form a volume${first ? ` (${first.code}: ${first.reason})` : ''}`);
  }
  if (loaded.series.length > 1) throw notOne(`forms ${loaded.series.length} separate stacks of slices, not one volume`);
  if (volumes.length > 1) throw notOne(`is ${volumes.length} volumes over time (4D), not one volume`);
  const volume = volumes[0];
  if (volume.components !== 1) throw notOne('is colour (RGB); registration takes scalar volumes');
  if (volume.dimensions.filter((d) => d > 1).length < 3) throw notOne(`is ${volume.dimensions.join('×')} voxels, not a 3D grid (a single slice?)`);
  return volume;
}
