import type { SliceRef } from '../dicom/InstanceInfo.ts';
import { parseDicom, type ParsedDicom } from '../dicom/parseDicom.ts';
import type { CodecRegistry } from '../dicom/pixel/CodecRegistry.ts';
import { decodeFrame } from '../dicom/pixel/decodeFrame.ts';
import { frameBytes } from '../dicom/pixel/frameBytes.ts';
import type { DecodedFrame } from '../dicom/pixel/PixelDescription.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import { allocVoxels, createVolume, type Volume, type VoxelArray } from '../volume/Volume.ts';
import { chooseVoxelType, narrowType } from './chooseVoxelType.ts';
import type { DicomSource } from './DicomSource.ts';
import { volumeMetadata } from './volumeMetadata.ts';
import type { VolumePlan } from './VolumePlan.ts';

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
  const all = plan.slices.flat();
  const type = rgb ? (first.instance.pixel.bitsAllocated > 8 && first.instance.pixel.photometricInterpretation !== 'PALETTE COLOR' ? 'uint16' : 'uint8') : chooseVoxelType(all);
  const outputs: VoxelArray[] = plan.slices.map(() => allocVoxels(type, nx * ny * nz * components));
  const byFile = new Map<string, { t: number; k: number; s: SliceRef }[]>();
  plan.slices.forEach((stack, t) => stack.forEach((s, k) => {
    let l = byFile.get(s.instance.file);
    if (!l) byFile.set(s.instance.file, (l = []));
    l.push({ t, k, s });
  }));
  const trackRange = type === 'int32' || type === 'uint16';
  let lo = Infinity, hi = -Infinity;
  for (const [file, list] of byFile) {
    const source = sources.get(file);
    if (!source) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, 'no source for this file');
    const parsed = parseDicom(await source.read(), file);
    let cachedFrame = -1;
    let decoded: DecodedFrame | undefined;
    list.sort((a, b) => a.s.frameIndex - b.s.frameIndex || a.s.tileIndex - b.s.tileIndex);
    for (const { t, k, s } of list) {
      if (s.frameIndex !== cachedFrame) {
        decoded = await decodeSlice(parsed, s, options.codecs);
        cachedFrame = s.frameIndex;
      }
      const r = writeSlice(decoded!, s, outputs[t], k * nx * ny * components, components, plan, trackRange);
      if (r[0] < lo) lo = r[0];
      if (r[1] > hi) hi = r[1];
    }
    options.onFile?.(file);
  }
  const narrowed = narrowType(lo, hi, type);
  const volumes = outputs.map((voxels, t) => {
    const v = narrowed !== type ? allocVoxels(narrowed, voxels.length) : voxels;
    if (v !== voxels) v.set(voxels);
    return createVolume({
      dimensions: [nx, ny, nz],
      components,
      voxels: v,
      indexToWorld: new Float64Array(plan.indexToWorld),
      units: unitsOf(first),
      meta: volumeMetadata(plan, t),
    });
  });
  return volumes;
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
 * without rescale are copied natively (TypedArray.set); the value range is tracked only when the
 * output type may later be narrowed. Returns [min, max] (±Infinity when not tracked).
 */
function writeSlice(d: DecodedFrame, s: SliceRef, out: VoxelArray, offset: number, components: number, plan: VolumePlan, trackRange: boolean): [number, number] {
  const [nx, ny] = plan.dimensions;
  const src = d.pixels;
  const srcCols = s.instance.pixel.columns;
  let x0 = 0, y0 = 0;
  if (s.tileIndex >= 0 && s.instance.mosaic) {
    x0 = (s.tileIndex % s.instance.mosaic.tilesPerRow) * nx;
    y0 = Math.floor(s.tileIndex / s.instance.mosaic.tilesPerRow) * ny;
  }
  const m = s.rescaleSlope, b = s.rescaleIntercept;
  const identity = m === 1 && b === 0;
  const n = nx * components;
  let lo = Infinity, hi = -Infinity;
  for (let y = 0; y < ny; y++) {
    const si = ((y0 + y) * srcCols + x0) * components;
    const di = offset + y * n;
    if (identity && !trackRange) {
      out.set(src.subarray(si, si + n), di);
      continue;
    }
    for (let x = 0; x < n; x++) {
      const v = src[si + x] * m + b;
      out[di + x] = v;
      if (trackRange) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return [lo, hi];
}

function unitsOf(s: SliceRef): string {
  const mod = s.instance.modality;
  if (mod === 'CT') return 'HU';
  if (mod === 'PT') return s.instance.pet?.units ?? 'arbitrary';
  return 'arbitrary';
}
