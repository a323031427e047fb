import { VoxaError } from '../../errors/VoxaError.ts';
import { checkFrameInfo } from './checkFrameInfo.ts';
import type { CodecRegistry } from './CodecRegistry.ts';
import type { PixelDescription } from './PixelDescription.ts';
import type { RawFrame, SampleLayout } from './RawFrame.ts';
import { hasEndOfImage } from './readJpegFrameHeader.ts';
import { typedSamples, wasmDecode } from './wasmDecode.ts';

/**
 * JPEG-LS interleave mode (ITU-T T.87 ILV) → layout of CharLS's output: by plane for ILV 0; CharLS
 * itself turns line-interleaved (ILV 1) and sample-interleaved (ILV 2) scans into R G B R G B.
 */
const LAYOUTS: SampleLayout[] = ['planar', 'interleaved', 'interleaved'];

/** Decodes a JPEG-LS lossless or near-lossless frame (PS3.5 A.4.3) with CharLS. */
export async function decodeJpegLs(encoded: Uint8Array, desc: PixelDescription, codecs: CodecRegistry): Promise<RawFrame> {
  if (!hasEndOfImage(encoded)) {
    throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file: desc.file, uid: desc.transferSyntaxUid }, 'JPEG-LS stream truncated: no EOI marker at its end');
  }
  const lib = await codecs.get('charls');
  codecs.takeMessages();
  const { info, bytes, extra } = wasmDecode(() => new lib.JpegLSDecoder(), encoded, (d) => ({
    interleave: d.getInterleaveMode(),
    near: d.getNearLossless(),
  }));
  checkFrameInfo(info, bytes.length, desc, 'CharLS', codecs.takeMessages());
  return {
    samples: typedSamples(bytes, info.width * info.height * info.componentCount, false),
    owned: true,
    layout: info.componentCount > 1 ? (LAYOUTS[extra.interleave] ?? 'interleaved') : 'interleaved',
    atHighBit: false,
    rgb: false,
    lossy: extra.near > 0,
  };
}
