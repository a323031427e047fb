import { VoxaError } from '../../errors/VoxaError.ts';
import { allocVoxels, type VoxelArray } from '../../volume/Volume.ts';
import { concatVoxels, deinterleave, splitVolumes } from '../buildVolumes.ts';
import { concatBytes, gunzipBytes } from '../compression.ts';
import { decodeText, endOfLine } from '../textLines.ts';
import { STORED_TYPE_BYTES, type DecodedVoxels, decodeVoxels, parseAsciiNumbers } from '../voxelBytes.ts';
import type { ReadVolumeOptions, VolumeReadResult } from '../VolumeReadResult.ts';
import { type NrrdHeader, parseNrrdHeader } from './NrrdHeader.ts';
import { nrrdLayout } from './nrrdLayout.ts';

/**
 * Read a NRRD (`.nrrd` with attached data, or a `.nhdr` whose data files come through
 * `options.readFile`): raw, gzip, ascii or hex encoding, either byte order. The world space is
 * converted to LPS; a leading 3-valued axis (RGB-color, 3-vector…) becomes RGB components;
 * `key:=value` pairs land in `meta.extra.keyValues`.
 *
 * @example const { volumes: [labels] } = readNrrd(bytes, { file: 'liver_seg.nrrd' });
 */
export function readNrrd(bytes: Uint8Array, options: ReadVolumeOptions = {}): VolumeReadResult {
  const file = options.file;
  const h = parseNrrdHeader(bytes, file);
  const layout = nrrdLayout(h, file);
  const total = h.sizes.reduce((a, b) => a * b, 1);
  const decoded = readValues(h, bytes, total, options);

  const extra: Record<string, unknown> = {
    format: 'nrrd',
    nrrdType: h.type,
    nrrdEncoding: h.encoding,
    nrrdSpace: h.space ?? 'none',
    keyValues: h.keyValues,
  };
  if (h.kinds) extra.nrrdKinds = h.kinds;
  if (h.measurementFrame) extra.nrrdMeasurementFrame = h.measurementFrame;
  if (decoded.conversion) extra.nrrdTypeConversion = decoded.conversion;

  let voxels = decoded.voxels;
  let count = layout.trailing;
  const components = layout.leading === 3 ? 3 : 1;
  if (layout.leading > 1 && layout.leading !== 3) {
    // A leading list axis (e.g. DWI gradients): one volume per value, de-interleaved once.
    voxels = concatVoxels(deinterleave(voxels, layout.leading));
    count = layout.leading;
  }
  const files = [file, ...h.dataFiles].filter((f): f is string => !!f);
  const volumes = splitVolumes(voxels, count, {
    dimensions: layout.dimensions,
    components,
    indexToWorld: layout.indexToWorld,
    units: 'arbitrary',
    meta: { sourceFiles: files, warnings: layout.warnings, seriesDescription: h.content, extra },
  });
  return { format: 'nrrd', volumes, axis: count > 1 ? layout.seriesAxis : 'none' };
}

/** The data bytes of every data file (or the attached data), each decoded to its binary payload. */
function readValues(h: NrrdHeader, bytes: Uint8Array, total: number, options: ReadVolumeOptions): DecodedVoxels {
  const file = options.file;
  const segments: { bytes: Uint8Array; name?: string }[] = [];
  if (h.dataFiles.length === 0) {
    segments.push({ bytes: bytes.subarray(h.dataOffset) });
  } else {
    for (const name of h.dataFiles) {
      const data = options.readFile?.(name);
      if (!data) {
        throw new VoxaError('VOXA_ERR_NRRD_INVALID', { file }, `the detached data file "${name}" is needed; pass readFile to supply it`);
      }
      segments.push({ bytes: data, name });
    }
  }
  const le = h.endian === 'little';
  if (h.encoding === 'ascii') {
    const text = segments.map((s) => decodeText(skipLines(s.bytes, h.lineSkip))).join('\n');
    const out: VoxelArray = allocVoxels(h.type === 'int64' || h.type === 'uint64' ? 'float64' : h.type, total);
    const read = parseAsciiNumbers(text, out);
    if (read < total) throw new VoxaError('VOXA_ERR_NRRD_INVALID', { file }, `ascii data holds ${read} values, ${total} expected for sizes ${h.sizes.join(' ')}`);
    return { voxels: out, owned: true };
  }
  const perFile = (total * STORED_TYPE_BYTES[h.type]) / segments.length;
  if (!Number.isInteger(perFile)) throw new VoxaError('VOXA_ERR_NRRD_INVALID', { file }, `${total} values cannot be split evenly over ${segments.length} data files`);
  let owned = false;
  const parts = segments.map((s) => {
    const where = s.name ?? file;
    let data = skipLines(s.bytes, h.lineSkip);
    if (h.encoding === 'gzip') {
      data = gunzipBytes(data, 'VOXA_ERR_NRRD_INVALID', where);
      owned = true;
    } else if (h.encoding === 'hex') {
      data = hexToBytes(data);
      owned = true;
    } else if (h.encoding === 'bzip2') {
      throw new VoxaError('VOXA_ERR_NRRD_INVALID', { file: where }, 'bzip2 encoding is not supported; expected raw, gzip, ascii or hex');
    }
    const skip = h.byteSkip === -1 ? data.length - perFile : h.byteSkip;
    if (skip < 0 || data.length - skip < perFile) {
      throw new VoxaError('VOXA_ERR_NRRD_INVALID', { file: where },
        `data is truncated: ${perFile} bytes of ${h.type} expected for sizes ${h.sizes.join(' ')}${segments.length > 1 ? ` (/${segments.length} files)` : ''}, ${Math.max(0, data.length - Math.max(skip, 0))} present`);
    }
    return data.subarray(skip, skip + perFile);
  });
  const data = parts.length === 1 ? parts[0] : concatBytes(parts);
  return decodeVoxels(data, 0, h.type, total, le, owned || parts.length > 1);
}

function skipLines(bytes: Uint8Array, lines: number): Uint8Array {
  let at = 0;
  for (let n = 0; n < lines; n++) at = endOfLine(bytes, at);
  return at ? bytes.subarray(at) : bytes;
}

function hexToBytes(text: Uint8Array): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  let n = 0, hi = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else {
      out[n++] = (hi << 4) | v;
      hi = -1;
    }
  }
  return out.subarray(0, n);
}
