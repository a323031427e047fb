import type { SliceRef } from '../dicom/InstanceInfo.ts';
import { parseDicom, type ParsedDicom } from '../dicom/parseDicom.ts';
import type { CodecRegistry } from '../dicom/pixel/CodecRegistry.ts';
import { decodeFrame } from '../dicom/pixel/decodeFrame.ts';
import { frameBytes } from '../dicom/pixel/frameBytes.ts';
import type { DecodedFrame } from '../dicom/pixel/PixelDescription.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import { allocVoxels, createVolume, type Volume, type VoxelArray, type VoxelType } from '../volume/Volume.ts';
import { chooseVoxelType } from './chooseVoxelType.ts';
import type { DicomSource } from './DicomSource.ts';
import { volumeMetadata } from './volumeMetadata.ts';
import type { VolumePlan } from './VolumePlan.ts';

/** Most values one series may hold (all time points): 2³¹, 4 GiB of int16. Larger needs tiling. */
export const MAX_VOXELS = 2 ** 31;

/** Options of {@link readPlannedVolume}. */
export interface ReadPlannedVolumeOptions {
  codecs?: CodecRegistry;
  /** Called after each file's slices are in place (for progress bars). */
  onFile?: (file: string) => void;
}

/**
 * Decode the pixels of a plan into volumes (one per time point), applying each slice's rescale
 * so that voxels hold real-world values. Files are read once each; a mosaic or multi-frame file
 * is decoded frame by frame straight into the output (no intermediate stack).
 */
export async function readPlannedVolume(plan: VolumePlan, sources: Map<string, DicomSource>, options: ReadPlannedVolumeOptions = {}): Promise<Volume[]> {
  const [nx, ny, nz] = plan.dimensions;
  const first = plan.slices[0][0];
  const rgb = first.instance.pixel.samplesPerPixel === 3 || first.instance.pixel.photometricInterpretation === 'PALETTE COLOR';
  const components = rgb ? 3 : 1;
  const sliceSize = nx * ny * components;
  // Start with the compact type that real data almost always fits (e.g. int16 for CT stored as
  // 16 bits with intercept −1024), and widen to the guaranteed type only if a value overflows.
  const guaranteed: VoxelType = chooseVoxelType(plan.slices.flat());
  let type: VoxelType = guaranteed === 'int32' ? 'int16' : guaranteed;
  const total = sliceSize * nz * plan.slices.length;
  if (total > MAX_VOXELS) {
    throw new VoxaError('VOXA_ERR_TOO_LARGE', { file: first.instance.file, uid: first.instance.seriesInstanceUid },
      `${nx}×${ny}×${nz}${plan.slices.length > 1 ? `×${plan.slices.length}` : ''}${components > 1 ? '×3' : ''} = ${total} values; at most ${MAX_VOXELS} are read at once`);
  }
  let outputs: VoxelArray[] = plan.slices.map(() => allocVoxels(type, sliceSize * nz));
  const byFile = new Map<string, { t: number; k: number; s: SliceRef }[]>();
  plan.slices.forEach((stack, t) => stack.forEach((s, k) => {
    let l = byFile.get(s.instance.file);
    if (!l) byFile.set(s.instance.file, (l = []));
    l.push({ t, k, s });
  }));
  // Read one file ahead while decoding the current one, so disk and CPU overlap.
  const files = [...byFile.keys()];
  const readSource = (file: string | undefined): Promise<Uint8Array> | undefined => {
    if (file === undefined) return undefined;
    const source = sources.get(file);
    if (!source) return Promise.reject(new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, 'no source for this file'));
    return source.read();
  };
  let next = readSource(files[0]);
  for (let f = 0; f < files.length; f++) {
    const file = files[f], list = byFile.get(file)!;
    const bytes = await next!;
    next = readSource(files[f + 1]);
    next?.catch(() => {}); // awaited (and reported) on its turn
    const parsed = parseDicom(bytes, file);
    let cachedFrame = -1;
    let decoded: DecodedFrame | undefined;
    list.sort((a, b) => a.s.frameIndex - b.s.frameIndex || a.s.tileIndex - b.s.tileIndex);
    for (const { t, k, s } of list) {
      if (s.frameIndex !== cachedFrame) {
        decoded = await decodeSlice(parsed, s, options.codecs);
        cachedFrame = s.frameIndex;
      }
      // A value that does not fit: widen (compact → guaranteed → float32) and write the slice again.
      while (!writeSlice(decoded!, s, outputs[t], k * sliceSize, components, nx, ny)) {
        if (type === 'float32') throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file }, `frame ${s.frameIndex} has values float32 cannot hold`);
        type = type === guaranteed ? 'float32' : guaranteed;
        outputs = outputs.map((o) => {
          const wide = allocVoxels(type, o.length);
          wide.set(o);
          return wide;
        });
      }
    }
    options.onFile?.(file);
  }
  return outputs.map((voxels, t) => createVolume({
    dimensions: [nx, ny, nz],
    components,
    voxels,
    indexToWorld: new Float64Array(plan.indexToWorld),
    units: unitsOf(first),
    meta: volumeMetadata(plan, t),
  }));
}

async function decodeSlice(parsed: ParsedDicom, s: SliceRef, codecs?: CodecRegistry): Promise<DecodedFrame> {
  const desc = s.instance.pixel;
  try {
    return await decodeFrame(frameBytes(parsed.dataSet, s.frameIndex, desc), desc, codecs);
  } catch (e) {
    if (e instanceof VoxaError) throw e;
    throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file: parsed.file }, `frame ${s.frameIndex}: ${(e as Error).message ?? e}`, { cause: e });
  }
}

/**
 * Copy one decoded slice (or mosaic tile) into the output at `offset`, applying rescale. Rows
 * whose values cannot overflow the output are copied natively (TypedArray.set). Returns false,
 * having written part of the slice, when a value does not fit the output type: the caller widens.
 */
function writeSlice(d: DecodedFrame, s: SliceRef, out: VoxelArray, offset: number, components: number, nx: number, ny: number): boolean {
  const src = d.pixels;
  const srcCols = s.instance.pixel.columns;
  let x0 = 0, y0 = 0;
  if (s.tileIndex >= 0 && s.instance.mosaic) {
    x0 = (s.tileIndex % s.instance.mosaic.tilesPerRow) * nx;
    y0 = Math.floor(s.tileIndex / s.instance.mosaic.tilesPerRow) * ny;
  }
  const m = s.rescaleSlope, b = s.rescaleIntercept;
  const [lo, hi] = rangeOf(out);
  const [srcLo, srcHi] = rangeOf(src);
  const safeCopy = m === 1 && b === 0 && srcLo >= lo && srcHi <= hi;
  const n = nx * components;
  for (let y = 0; y < ny; y++) {
    const si = ((y0 + y) * srcCols + x0) * components;
    const di = offset + y * n;
    if (safeCopy) {
      out.set(src.subarray(si, si + n), di);
      continue;
    }
    if (m === 1) {
      // The common CT case (slope 1, whole intercept): integer arithmetic only.
      for (let x = 0; x < n; x++) {
        const v = src[si + x] + b;
        if (v < lo || v > hi) return false;
        out[di + x] = v;
      }
      continue;
    }
    for (let x = 0; x < n; x++) {
      const v = src[si + x] * m + b;
      if (v < lo || v > hi) return false;
      out[di + x] = v;
    }
  }
  return true;
}

/** The representable range of a typed array's element type. */
function rangeOf(a: ArrayLike<number>): [number, number] {
  if (a instanceof Int16Array) return [-32768, 32767];
  if (a instanceof Uint16Array) return [0, 65535];
  if (a instanceof Uint8Array) return [0, 255];
  if (a instanceof Int8Array) return [-128, 127];
  if (a instanceof Int32Array) return [-(2 ** 31), 2 ** 31 - 1];
  if (a instanceof Uint32Array) return [0, 2 ** 32 - 1];
  return [-Infinity, Infinity];
}

function unitsOf(s: SliceRef): string {
  const mod = s.instance.modality;
  if (mod === 'CT') return 'HU';
  if (mod === 'PT') return s.instance.pet?.units ?? 'arbitrary';
  return 'arbitrary';
}
