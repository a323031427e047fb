import { VoxaError } from '../../errors/VoxaError.ts';
import { checkFrameInfo } from './checkFrameInfo.ts';
import type { CodecRegistry } from './CodecRegistry.ts';
import type { PixelDescription } from './PixelDescription.ts';
import type { RawFrame } from './RawFrame.ts';
import { typedSamples, wasmDecode, type WasmDecodeResult } from './wasmDecode.ts';

/** Photometric interpretations whose colour transform (RCT/ICT) the JPEG 2000 decoder undoes itself. */
const CODEC_CONVERTS = new Set(['RGB', 'YBR_RCT', 'YBR_ICT']);

/**
 * Decodes a JPEG 2000 (PS3.5 A.4.4, OpenJPEG) or, with `htj2k`, a High-Throughput JPEG 2000
 * (PS3.5 A.4.11, OpenJPH) frame. A JP2 file wrapper, which some writers leave in, is removed first.
 */
export async function decodeJpeg2000(
  encoded: Uint8Array,
  desc: PixelDescription,
  codecs: CodecRegistry,
  htj2k: boolean,
): Promise<RawFrame> {
  const codestream = unwrapJp2(encoded);
  checkTileParts(codestream, desc);
  let result: WasmDecodeResult<boolean>;
  if (htj2k) {
    const lib = await codecs.get('openjph');
    codecs.takeMessages();
    result = wasmDecode(() => new lib.HTJ2KDecoder(), codestream, (d) => d.getIsReversible());
  } else {
    const lib = await codecs.get('openjpeg');
    codecs.takeMessages();
    result = wasmDecode(() => new lib.J2KDecoder(), codestream, (d) => d.getIsReversible());
  }
  const { info, bytes, extra: reversible } = result;
  checkFrameInfo(info, bytes.length, desc, htj2k ? 'OpenJPH' : 'OpenJPEG', codecs.takeMessages());
  return {
    samples: typedSamples(bytes, info.width * info.height * info.componentCount, info.isSigned === true),
    owned: true,
    layout: 'interleaved',
    atHighBit: false,
    rgb: CODEC_CONVERTS.has(desc.photometricInterpretation),
    lossy: !reversible,
  };
}

/** The contiguous codestream box ('jp2c') of a JP2 file (ISO 15444-1 Annex I), or the input if not JP2. */
function unwrapJp2(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // JP2 signature box: length 12, type 'jP  '.
  if (bytes.length < 12 || view.getUint32(0) !== 12 || view.getUint32(4) !== 0x6a502020) return bytes;
  let at = 0;
  while (at + 8 <= bytes.length) {
    let length = view.getUint32(at);
    const type = view.getUint32(at + 4);
    let header = 8;
    if (length === 1 && at + 16 <= bytes.length) {
      length = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
      header = 16;
    } else if (length === 0) {
      length = bytes.length - at;
    }
    if (type === 0x6a703263) return bytes.subarray(at + header, Math.min(bytes.length, at + length));
    if (length < header) break;
    at += length;
  }
  return bytes;
}

/**
 * Checks that every tile-part declared in the codestream (SOT marker, ISO 15444-1 A.4.2) lies within
 * the data, so a truncated frame fails loudly instead of decoding to an empty or partial image.
 */
function checkTileParts(codestream: Uint8Array, desc: PixelDescription): void {
  const fail = (detail: string): never => {
    throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file: desc.file, uid: desc.transferSyntaxUid }, detail);
  };
  const n = codestream.length;
  if (n < 4 || codestream[0] !== 0xff || codestream[1] !== 0x4f) fail('not a JPEG 2000 codestream (no SOC marker)');
  let at = 2;
  // Main header: marker segments up to the first SOT.
  while (at + 4 <= n && !(codestream[at] === 0xff && codestream[at + 1] === 0x90)) {
    if (codestream[at] !== 0xff) fail(`corrupt main header at byte ${at}`);
    at += 2 + ((codestream[at + 2] << 8) | codestream[at + 3]);
  }
  if (at + 12 > n) fail(`codestream truncated in its main header (${n} bytes)`);
  // Tile-parts: each SOT gives its length Psot, counted from the SOT marker.
  while (at + 12 <= n && codestream[at] === 0xff && codestream[at + 1] === 0x90) {
    const psot = ((codestream[at + 6] << 24) | (codestream[at + 7] << 16) | (codestream[at + 8] << 8) | codestream[at + 9]) >>> 0;
    if (psot === 0) return; // the last tile-part runs to EOC
    if (at + psot > n) fail(`codestream truncated: the tile-part at byte ${at} needs ${psot} bytes, ${n - at} present`);
    at += psot;
  }
}
