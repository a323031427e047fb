import type { VolumeSeries4D } from '../volume/Volume.ts';

/** The file formats the volume readers understand. */
export type VolumeFileFormat = 'nifti1' | 'nifti2' | 'analyze' | 'nrrd' | 'metaimage';

/**
 * Returns the bytes of a companion file (NIfTI `.img`, NRRD / MetaImage detached data), or
 * `undefined` when it does not exist. `name` is as written in the header (or the `.img` twin of
 * the `.hdr`), relative to the folder of the file being read.
 */
export type CompanionFileReader = (name: string) => Uint8Array | undefined;

/** Options shared by every volume reader. */
export interface ReadVolumeOptions {
  /** Name of the file the bytes came from: named in errors and warnings, kept in `meta.sourceFiles`. */
  file?: string;
  /** Supplies detached data files; required only when the header refers to one. */
  readFile?: CompanionFileReader;
}

/**
 * What every reader returns: one volume for 3D data, one per time point (or per channel of a
 * non-RGB vector axis) for 4D data. It is a `VolumeSeries4D`, so it can be written back as one.
 * `axis` is `'none'` for a single 3D volume.
 *
 * Voxel arrays may be views on the input bytes (no copy) when the data was stored uncompressed,
 * aligned and in this machine's byte order: copy them before reusing the input buffer.
 */
export interface VolumeReadResult extends VolumeSeries4D {
  format: VolumeFileFormat;
}
