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
import { writeRescaledSlice } from './writeRescaledSlice.ts';
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
      while (!writeRescaledSlice(decoded!, s, outputs[t], k * sliceSize, components, nx, ny)) {
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

function unitsOf(s: SliceRef): string {
  const mod = s.instance.modality;
  if (mod === 'CT') return 'HU';
  if (mod === 'PT') return s.instance.pet?.units ?? 'arbitrary';
  return 'arbitrary';
}
