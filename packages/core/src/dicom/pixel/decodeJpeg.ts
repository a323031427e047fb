import { VoxaError } from '../../errors/VoxaError.ts';
import { checkFrameInfo } from './checkFrameInfo.ts';
import type { CodecRegistry } from './CodecRegistry.ts';
import { ybrFullToRgb } from './convertColor.ts';
import { decodeJpegSequential } from './jpeg12/decodeJpegSequential.ts';
import type { PixelDescription } from './PixelDescription.ts';
import type { RawFrame } from './RawFrame.ts';
import { hasEndOfImage, readJpegFrameHeader, type JpegFrameHeader } from './readJpegFrameHeader.ts';
import { typedSamples, wasmDecode } from './wasmDecode.ts';

/**
 * Decodes a JPEG frame (PS3.5 A.4.1): DCT processes 1/2/4 with 8-bit precision through
 * libjpeg-turbo (which converts YCbCr to RGB itself), 12-bit sequential DCT (JPEG Extended,
 * processes 2 & 4) through Voxa's own {@link decodeJpegSequential}, lossless processes 14/SV1
 * (SOF3) through jpeg-lossless-decoder-js. The SOF marker and precision, not the transfer syntax,
 * pick the decoder. Other DCT frames above 8 bits (progressive, arithmetic) throw
 * VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX.
 */
export async function decodeJpeg(encoded: Uint8Array, desc: PixelDescription, codecs: CodecRegistry): Promise<RawFrame> {
  const where = { file: desc.file, uid: desc.transferSyntaxUid };
  const header = readJpegFrameHeader(encoded);
  if (!header) throw new VoxaError('VOXA_ERR_DECODE_FAILED', where, 'no JPEG frame header (SOI … SOFn) in the frame');
  if (!hasEndOfImage(encoded)) throw new VoxaError('VOXA_ERR_DECODE_FAILED', where, 'JPEG stream truncated: no EOI marker at its end');
  if (header.marker === 0xc3 || header.marker === 0xc7) return decodeLossless(encoded, desc, codecs);
  if (header.precision > 8) {
    if (header.marker === 0xc0 || header.marker === 0xc1) return decodeExtended(encoded, header, desc);
    throw new VoxaError(
      'VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX',
      where,
      `${header.precision}-bit JPEG with frame marker 0xFF${header.marker.toString(16).toUpperCase()}: ` +
        'above 8 bits only sequential Huffman DCT (SOF0/SOF1) is decoded',
    );
  }
  const stream = needsRgbMarker(header, desc) ? withAdobeRgbMarker(encoded) : encoded;
  const lib = await codecs.get('libjpegTurbo');
  codecs.takeMessages();
  const { info, bytes } = wasmDecode(() => new lib.JPEGDecoder(), stream, () => undefined);
  checkFrameInfo(info, bytes.length, desc, 'libjpeg-turbo', codecs.takeMessages());
  return {
    samples: bytes.subarray(0, info.width * info.height * info.componentCount),
    owned: true,
    layout: 'interleaved',
    atHighBit: false,
    // libjpeg converts YCbCr to RGB unless the stream holds RGB (Adobe transform 0 or 'R','G','B' ids).
    rgb: true,
    lossy: true,
  };
}

/**
 * True when the header says RGB but the stream carries no colour-space marker (JFIF, Adobe APP14,
 * or 'R','G','B' component ids): libjpeg would then assume YCbCr and convert colours that are not.
 */
function needsRgbMarker(header: JpegFrameHeader, desc: PixelDescription): boolean {
  const ids = header.componentIds;
  return (
    desc.photometricInterpretation === 'RGB' &&
    ids.length === 3 &&
    !header.jfif &&
    header.adobeTransform === undefined &&
    !(ids[0] === 0x52 && ids[1] === 0x47 && ids[2] === 0x42)
  );
}

/** Adobe APP14 segment (Adobe Technical Note #5116) with colour transform 0: components are RGB. */
const ADOBE_RGB = new Uint8Array([0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0, 0, 0, 0, 0]);

/** A copy of a JPEG stream with {@link ADOBE_RGB} inserted after SOI. */
function withAdobeRgbMarker(encoded: Uint8Array): Uint8Array {
  const out = new Uint8Array(encoded.length + ADOBE_RGB.length);
  out.set(encoded.subarray(0, 2));
  out.set(ADOBE_RGB, 2);
  out.set(encoded.subarray(2), 2 + ADOBE_RGB.length);
  return out;
}

/**
 * A 12-bit sequential DCT frame through {@link decodeJpegSequential}. Components come back as
 * coded: YCbCr is converted to RGB later from Photometric Interpretation (YBR_FULL / YBR_FULL_422),
 * or here when the header says RGB but the stream says YCbCr (JFIF, or Adobe transform 1).
 */
function decodeExtended(encoded: Uint8Array, header: JpegFrameHeader, desc: PixelDescription): RawFrame {
  const components = header.componentIds.length;
  // Check the header against the Image Pixel Module before allocating planes for it.
  const frameInfo = { width: header.columns, height: header.rows, componentCount: components, bitsPerSample: header.precision };
  checkFrameInfo(frameInfo, header.columns * header.rows * components, desc, 'JPEG frame header');
  const image = decodeJpegSequential(encoded, { where: { file: desc.file, uid: desc.transferSyntaxUid } });
  const ycc = components === 3 && (header.jfif || header.adobeTransform === 1);
  const toRgb = ycc && desc.photometricInterpretation === 'RGB';
  if (toRgb) ybrFullToRgb(image.samples, image.precision);
  return { samples: image.samples, owned: true, layout: 'interleaved', atHighBit: false, rgb: toRgb, lossy: true };
}

async function decodeLossless(encoded: Uint8Array, desc: PixelDescription, codecs: CodecRegistry): Promise<RawFrame> {
  const lib = await codecs.get('jpegLossless');
  const decoder = new lib.Decoder();
  const source = encoded.buffer instanceof ArrayBuffer ? encoded : encoded.slice();
  const out = decoder.decode(source.buffer as ArrayBuffer, source.byteOffset, source.length);
  const info = { width: decoder.xDim, height: decoder.yDim, componentCount: decoder.numComp, bitsPerSample: decoder.precision ?? 0 };
  checkFrameInfo(info, out.byteLength, desc, 'jpeg-lossless-decoder-js');
  if (out instanceof Uint16Array && info.componentCount > 1) {
    throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', { file: desc.file }, 'JPEG lossless colour above 8 bits per sample');
  }
  const count = info.width * info.height * info.componentCount;
  return {
    samples: out instanceof Uint16Array ? out.subarray(0, count) : typedSamples(out, count, false),
    owned: true,
    layout: 'interleaved',
    atHighBit: false,
    rgb: false,
    lossy: false,
  };
}
