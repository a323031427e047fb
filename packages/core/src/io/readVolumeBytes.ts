import { VoxaError } from '../errors/VoxaError.ts';
import { gunzipBytes, isGzip } from './compression.ts';
import { isMetaImageHeader } from './metaimage/MetaImageHeader.ts';
import { readMetaImage } from './metaimage/readMetaImage.ts';
import { sniffNiftiHeader } from './nifti/NiftiHeader.ts';
import { type ReadNiftiOptions, readNifti, readNiftiPair } from './nifti/readNifti.ts';
import { readNrrd } from './nrrd/readNrrd.ts';
import { decodeText } from './textLines.ts';
import type { ReadVolumeOptions, VolumeReadResult } from './VolumeReadResult.ts';

/** The reader families `detectVolumeFormat` tells apart. */
export type VolumeFormatFamily = 'nifti' | 'nrrd' | 'metaimage';

/** Options of `readVolumeBytes`: the shared ones plus NIfTI's complex-data choice. */
export interface ReadVolumeBytesOptions extends ReadVolumeOptions {
  complex?: ReadNiftiOptions['complex'];
}

function baseName(file: string | undefined): string {
  return (file ?? '').replace(/^.*[\\/]/, '');
}

/**
 * The format of (decompressed) bytes from their magic numbers, falling back to the file
 * extension: NRRD000N, a NIfTI-1/2 or Analyze header, MetaImage `Key = Value` text.
 */
export function detectVolumeFormat(bytes: Uint8Array, file?: string): VolumeFormatFamily | undefined {
  if (decodeText(bytes.subarray(0, 4)) === 'NRRD') return 'nrrd';
  if (sniffNiftiHeader(bytes)) return 'nifti';
  if (isMetaImageHeader(bytes)) return 'metaimage';
  const name = baseName(file).toLowerCase().replace(/\.gz$/, '');
  if (/\.(nii|hdr)$/.test(name)) return 'nifti';
  if (/\.(nrrd|nhdr)$/.test(name)) return 'nrrd';
  if (/\.(mha|mhd)$/.test(name)) return 'metaimage';
  return undefined;
}

/**
 * Read a volume file of any supported format from its bytes: NIfTI (`.nii`, `.nii.gz`, `.hdr`
 * with `.img` via `readFile`, or an `.img` with its `.hdr` via `readFile`), NRRD (`.nrrd`,
 * `.nhdr`), MetaImage (`.mha`, `.mhd`). Gzipped files are inflated once.
 *
 * @example const { volumes } = readVolumeBytes(bytes, { file: name, readFile: (n) => files.get(n) });
 */
export function readVolumeBytes(bytes: Uint8Array, options: ReadVolumeBytesOptions = {}): VolumeReadResult {
  const file = options.file;
  if (bytes.length === 0) throw new VoxaError('VOXA_ERR_FILE_EMPTY', { file });
  const name = baseName(file);
  if (/\.img(\.gz)?$/i.test(name)) {
    const hdrName = name.replace(/\.img(\.gz)?$/i, '.hdr');
    const header = options.readFile?.(hdrName) ?? options.readFile?.(`${hdrName}.gz`);
    if (!header) throw new VoxaError('VOXA_ERR_NIFTI_INVALID', { file }, `an .img needs its header "${hdrName}"; pass readFile to supply it`);
    return readNiftiPair(header, bytes, { ...options, file: hdrName, imageFile: file });
  }
  // Inflate once here; a gzipped NRRD or MetaImage is unusual but costs nothing to accept.
  const gzCode = /\.nii\.gz$/i.test(name) ? 'VOXA_ERR_NIFTI_INVALID' : /\.nrrd\.gz$/i.test(name) ? 'VOXA_ERR_NRRD_INVALID' : 'VOXA_ERR_UNKNOWN_FORMAT';
  const data = isGzip(bytes) ? gunzipBytes(bytes, gzCode, file) : bytes;
  switch (detectVolumeFormat(data, file)) {
    case 'nrrd': return readNrrd(data, options);
    case 'nifti': return readNifti(data, options);
    case 'metaimage': return readMetaImage(data, options);
    default: {
      const head = Array.from(data.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new VoxaError('VOXA_ERR_UNKNOWN_FORMAT', { file },
        `expected NIfTI (.nii, .nii.gz, .hdr/.img), NRRD (.nrrd, .nhdr) or MetaImage (.mha, .mhd); the file starts with bytes ${head}`);
    }
  }
}
