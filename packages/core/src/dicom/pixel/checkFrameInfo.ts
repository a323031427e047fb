import { VoxaError } from '../../errors/VoxaError.ts';
import type { WasmFrameInfo } from './codecTypes.ts';
import type { PixelDescription } from './PixelDescription.ts';

/**
 * Throws VOXA_ERR_DECODE_FAILED unless a codec's output matches the Image Pixel Module: same
 * columns, rows and samples per pixel, and enough decoded bytes. A zero-sized result means the codec
 * gave up without throwing (OpenJPEG does so on truncated codestreams); its messages are quoted.
 */
export function checkFrameInfo(
  info: WasmFrameInfo,
  decodedBytes: number,
  desc: PixelDescription,
  codec: string,
  messages: string[] = [],
): void {
  const problem =
    info.width === 0 || info.height === 0 || decodedBytes === 0
      ? 'no image was decoded'
      : info.width !== desc.columns || info.height !== desc.rows
        ? `decoded ${info.width}x${info.height}, (0028,0011)x(0028,0010) say ${desc.columns}x${desc.rows}`
        : info.componentCount !== desc.samplesPerPixel
          ? `decoded ${info.componentCount} components, (0028,0002) says ${desc.samplesPerPixel}`
          : decodedBytes < info.width * info.height * info.componentCount
            ? `decoded only ${decodedBytes} bytes`
            : undefined;
  if (problem === undefined) return;
  const said = messages.filter((m) => /error|fail|inconsistent|truncat/i.test(m)).slice(-3).join('; ');
  throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file: desc.file, uid: desc.transferSyntaxUid }, `${codec}: ${problem}${said ? ` (${said})` : ''}`);
}
