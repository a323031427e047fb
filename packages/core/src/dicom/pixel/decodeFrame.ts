import { isVoxaError, VoxaError } from '../../errors/VoxaError.ts';
import { applyPalette } from './applyPalette.ts';
import { defaultCodecRegistry, type CodecName, type CodecRegistry } from './CodecRegistry.ts';
import { interleave, ybrFullToRgb, type ColorArray } from './convertColor.ts';
import { decodeJpeg } from './decodeJpeg.ts';
import { decodeJpeg2000 } from './decodeJpeg2000.ts';
import { decodeJpegLs } from './decodeJpegLs.ts';
import { decodeNative } from './decodeNative.ts';
import { decodeRle } from './decodeRle.ts';
import { inflateFrame } from './inflateFrame.ts';
import { TS, type DecodedFrame, type PixelDescription } from './PixelDescription.ts';
import type { RawFrame } from './RawFrame.ts';
import { storedValues } from './storedValues.ts';

type RawDecoder = (encoded: Uint8Array, desc: PixelDescription, codecs: CodecRegistry) => RawFrame | Promise<RawFrame>;

/** Decoder and (for wasm codecs) the codec it uses, per transfer syntax (PS3.5 §10, Annex A). */
const DECODERS: ReadonlyMap<string, { decode: RawDecoder; codec?: CodecName }> = new Map<
  string,
  { decode: RawDecoder; codec?: CodecName }
>([
  [TS.ImplicitVRLittleEndian, { decode: (e, d) => decodeNative(e, d, true) }],
  [TS.ExplicitVRLittleEndian, { decode: (e, d) => decodeNative(e, d, true) }],
  // The data set was inflated before parsing: its pixel data is plain little endian.
  [TS.DeflatedExplicitVRLittleEndian, { decode: (e, d) => decodeNative(e, d, true) }],
  [TS.ExplicitVRBigEndian, { decode: (e, d) => decodeNative(e, d, false) }],
  [TS.RLELossless, { decode: (e, d) => decodeRle(e, d) }],
  [TS.DeflatedImageFrame, { decode: (e, d) => ({ ...decodeNative(inflateFrame(e), d, true), owned: true }) }],
  [TS.JPEGBaseline, { decode: decodeJpeg, codec: 'libjpegTurbo' }],
  [TS.JPEGExtended, { decode: decodeJpeg, codec: 'libjpegTurbo' }],
  [TS.JPEGLosslessP14, { decode: decodeJpeg, codec: 'jpegLossless' }],
  [TS.JPEGLosslessSV1, { decode: decodeJpeg, codec: 'jpegLossless' }],
  [TS.JPEGLSLossless, { decode: decodeJpegLs, codec: 'charls' }],
  [TS.JPEGLSNearLossless, { decode: decodeJpegLs, codec: 'charls' }],
  [TS.JPEG2000Lossless, { decode: (e, d, c) => decodeJpeg2000(e, d, c, false), codec: 'openjpeg' }],
  [TS.JPEG2000, { decode: (e, d, c) => decodeJpeg2000(e, d, c, false), codec: 'openjpeg' }],
  [TS.HTJ2KLossless, { decode: (e, d, c) => decodeJpeg2000(e, d, c, true), codec: 'openjph' }],
  [TS.HTJ2KLosslessRPCL, { decode: (e, d, c) => decodeJpeg2000(e, d, c, true), codec: 'openjph' }],
  [TS.HTJ2K, { decode: (e, d, c) => decodeJpeg2000(e, d, c, true), codec: 'openjph' }],
]);

/** Colour photometric interpretations a 3-sample frame may have (PS3.3 C.7.6.3.1.2). */
const COLOR_MODELS = new Set(['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_RCT', 'YBR_ICT']);

/** True when {@link decodeFrame} can decode pixel data in transfer syntax `uid`. */
export function canDecodeTransferSyntax(uid: string): boolean {
  return DECODERS.has(uid);
}

/**
 * Decodes one frame (from {@link frameBytes}) to stored pixel values: masked to Bits Stored,
 * sign-extended at High Bit when Pixel Representation is 1, not rescaled; MONOCHROME1 is not
 * inverted. Colour (RGB, YBR_*, planar or not, PALETTE COLOR) comes out as interleaved RGB.
 * Throws VoxaError: VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX, VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT,
 * VOXA_ERR_DECODE_FAILED (corrupt or truncated stream) or VOXA_ERR_DICOM_TRUNCATED.
 *
 * @example
 * const desc = readPixelDescription(dataSet, { file });
 * const frame = await decodeFrame(frameBytes(dataSet, 0, desc), desc, codecs);
 */
export async function decodeFrame(
  encoded: Uint8Array,
  desc: PixelDescription,
  codecs: CodecRegistry = defaultCodecRegistry(),
): Promise<DecodedFrame> {
  const where = { file: desc.file, uid: desc.transferSyntaxUid };
  const decoder = DECODERS.get(desc.transferSyntaxUid);
  if (!decoder) throw new VoxaError('VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX', where);
  checkFormat(desc);
  if (encoded.length === 0) throw new VoxaError('VOXA_ERR_DECODE_FAILED', where, 'the frame is empty');
  let raw: RawFrame;
  try {
    raw = await decoder.decode(encoded, desc, codecs);
  } catch (error) {
    if (isVoxaError(error)) throw error;
    // A wasm trap can leave the module unusable: reload it on the next call.
    if (decoder.codec && error instanceof Error && error.name === 'RuntimeError') codecs.reset(decoder.codec);
    const said = codecs.takeMessages().slice(-3).join('; ');
    // Emscripten surfaces a C++ exception as a bare number (a pointer): say what it means instead.
    const message = error instanceof Error ? error.message : typeof error === 'number' ? 'the codec raised an exception' : String(error);
    throw new VoxaError('VOXA_ERR_DECODE_FAILED', where, `${message}${said ? ` (${said})` : ''}`, { cause: error });
  }
  return finish(raw, desc);
}

function checkFormat(desc: PixelDescription): void {
  const where = { file: desc.file };
  const { bitsAllocated: ba, samplesPerPixel: spp } = desc;
  if (desc.floatPixelData ? ba !== 32 : ![1, 8, 16, 32].includes(ba)) {
    const kind = desc.floatPixelData ? 'float' : 'integer';
    throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', where, `${ba}-bit ${kind} samples; expected 1, 8, 16 or 32-bit integers or 32-bit floats`);
  }
  if (spp !== 1 && spp !== 3) throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', where, `Samples per Pixel ${spp}; expected 1 or 3`);
  if (spp === 3 && !COLOR_MODELS.has(desc.photometricInterpretation)) {
    throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', where, `Photometric Interpretation ${desc.photometricInterpretation} with 3 samples`);
  }
  if (desc.photometricInterpretation === 'PALETTE COLOR' && !desc.palette) {
    throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', where, 'PALETTE COLOR without lookup tables');
  }
}

/** Masking, sign extension, bit unpacking, then colour to interleaved RGB. */
function finish(raw: RawFrame, desc: PixelDescription): DecodedFrame {
  const pixels = desc.rows * desc.columns;
  if (desc.samplesPerPixel === 1) {
    const values = storedValues(raw, desc, desc.pixelRepresentation === 1, pixels);
    if (desc.palette && desc.photometricInterpretation === 'PALETTE COLOR') {
      return { pixels: applyPalette(values, desc.palette), samplesPerPixel: 3, lossy: raw.lossy };
    }
    return { pixels: values, samplesPerPixel: 1, lossy: raw.lossy };
  }
  const count = raw.layout === 'ybr422' ? pixels * 2 : pixels * 3;
  const samples = interleave(storedValues(raw, desc, false, count) as ColorArray, raw.layout, desc.rows, desc.columns);
  const pi = desc.photometricInterpretation;
  if (!raw.rgb && (pi === 'YBR_FULL' || pi === 'YBR_FULL_422')) {
    ybrFullToRgb(samples, Math.min(desc.bitsStored, desc.bitsAllocated));
  }
  return { pixels: samples, samplesPerPixel: 3, lossy: raw.lossy };
}
