import type { DataSet, Element, Fragment } from 'dicom-parser';
import { VoxaError } from '../../errors/VoxaError.ts';
import type { PixelDescription } from './PixelDescription.ts';

/**
 * The encoded bytes of one frame of encapsulated Pixel Data (PS3.5 A.4). Frames are located by,
 * in order: the Extended Offset Table (7FE0,0001/0002), the Basic Offset Table, one fragment per
 * frame, all fragments for a single frame, or (multi-frame without offsets) the JPEG/JPEG 2000
 * start markers of the fragments. A frame held in one fragment is returned without a copy.
 */
export function encapsulatedFrame(dataSet: DataSet, element: Element, frameIndex: number, desc: PixelDescription): Uint8Array {
  const file = desc.file;
  const fragments = element.fragments ?? [];
  if (fragments.length === 0) throw new VoxaError('VOXA_ERR_NO_PIXEL_DATA', { file }, 'encapsulated Pixel Data has no fragments');
  const end = dataSet.byteArray.length;
  for (const fragment of fragments) {
    if (fragment.position + fragment.length > end) {
      throw new VoxaError('VOXA_ERR_DICOM_TRUNCATED', { file }, `pixel data fragment ends at byte ${fragment.position + fragment.length} of ${end}`);
    }
  }
  const frames = desc.numberOfFrames ?? 1;

  const extended = extendedOffsetFrame(dataSet, fragments, frameIndex);
  if (extended) return extended;

  const bot = element.basicOffsetTable ?? [];
  if (bot.length > 0) {
    if (frameIndex >= bot.length) {
      throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file }, `basic offset table has ${bot.length} entries, frame ${frameIndex} requested`);
    }
    const start = bot[frameIndex];
    const stop = frameIndex + 1 < bot.length ? bot[frameIndex + 1] : Infinity;
    const selected = fragments.filter((f) => f.offset >= start && f.offset < stop);
    if (selected.length === 0) {
      throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file }, `no fragment at basic offset table offset ${start} (frame ${frameIndex})`);
    }
    return join(dataSet.byteArray, selected);
  }
  if (fragments.length === frames) return join(dataSet.byteArray, [fragments[frameIndex]]);
  if (frames === 1) return join(dataSet.byteArray, fragments);

  const starts = fragments.flatMap((f, i) => (startsFrame(dataSet.byteArray, f) ? [i] : []));
  if (starts.length !== frames || starts[0] !== 0) {
    throw new VoxaError(
      'VOXA_ERR_DECODE_FAILED',
      { file },
      `cannot locate frame ${frameIndex}: ${fragments.length} fragments for ${frames} frames, no offset table, ${starts.length} frame start markers`,
    );
  }
  const from = starts[frameIndex];
  const to = frameIndex + 1 < starts.length ? starts[frameIndex + 1] : fragments.length;
  return join(dataSet.byteArray, fragments.slice(from, to));
}

/** Frame `frameIndex` via the Extended Offset Table (PS3.5 A.4, one fragment per frame), or undefined when absent. */
function extendedOffsetFrame(dataSet: DataSet, fragments: Fragment[], frameIndex: number): Uint8Array | undefined {
  const table = dataSet.elements.x7fe00001;
  const lengths = dataSet.elements.x7fe00002;
  if (!table || !lengths || table.length < 8 * (frameIndex + 1) || lengths.length < 8 * (frameIndex + 1)) return undefined;
  const bytes = dataSet.byteArray;
  // Both tables are 64-bit (OV); encapsulated transfer syntaxes are always little endian.
  const offset = readUint64(bytes, table.dataOffset + 8 * frameIndex);
  const length = readUint64(bytes, lengths.dataOffset + 8 * frameIndex);
  const fragment = fragments.find((f) => f.offset === offset);
  if (!fragment || length > fragment.length) return undefined;
  return bytes.subarray(fragment.position, fragment.position + length);
}

function readUint64(bytes: Uint8Array, at: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
  return view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
}

/** True when a fragment begins a JPEG/JPEG-LS (SOI), JPEG 2000 codestream (SOC+SIZ) or JP2 file. */
function startsFrame(bytes: Uint8Array, fragment: Fragment): boolean {
  const p = fragment.position;
  if (fragment.length < 4) return false;
  const [a, b, c, d] = [bytes[p], bytes[p + 1], bytes[p + 2], bytes[p + 3]];
  if (a === 0xff && b === 0xd8 && c === 0xff) return true;
  if (a === 0xff && b === 0x4f && c === 0xff && d === 0x51) return true;
  return a === 0x00 && b === 0x00 && c === 0x00 && d === 0x0c && bytes[p + 4] === 0x6a && bytes[p + 5] === 0x50;
}

/** The data of consecutive fragments: a view for one, a joined copy for several. */
function join(bytes: Uint8Array, fragments: Fragment[]): Uint8Array {
  if (fragments.length === 1) {
    const f = fragments[0];
    return bytes.subarray(f.position, f.position + f.length);
  }
  let total = 0;
  for (const f of fragments) total += f.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const f of fragments) {
    out.set(bytes.subarray(f.position, f.position + f.length), at);
    at += f.length;
  }
  return out;
}
