export type { PixelDescription, PaletteLut, DecodedFrame } from './PixelDescription.ts';
export { TS } from './PixelDescription.ts';
export { readPixelDescription, PIXEL_DATA_TAGS, type ReadPixelDescriptionOptions } from './readPixelDescription.ts';
export { readPaletteLut, expandSegmentedLut } from './readPaletteLut.ts';
export { frameBytes } from './frameBytes.ts';
export { decodeFrame, canDecodeTransferSyntax } from './decodeFrame.ts';
export {
  CodecRegistry,
  defaultCodecRegistry,
  type CodecModules,
  type CodecName,
  type CodecLoader,
  type CodecRegistryOptions,
  type EmscriptenModuleArgs,
} from './CodecRegistry.ts';
