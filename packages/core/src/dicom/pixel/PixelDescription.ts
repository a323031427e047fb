/**
 * What a frame's bytes mean: the Image Pixel Module attributes (PS3.3 C.7.6.3) needed to decode
 * one frame, plus the transfer syntax it is encoded in.
 */
export interface PixelDescription {
  transferSyntaxUid: string;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: 0 | 1;
  /** MONOCHROME1, MONOCHROME2, RGB, YBR_FULL, YBR_FULL_422, YBR_RCT, YBR_ICT, PALETTE COLOR … */
  photometricInterpretation: string;
  /** 0 = colour-by-pixel (RGBRGB), 1 = colour-by-plane (RRGGBB). */
  planarConfiguration: 0 | 1;
  /** For PALETTE COLOR: the lookup tables (PS3.3 C.7.6.3.1.5), already read from the data set. */
  palette?: PaletteLut;
  /** Optional file name, for error messages. */
  file?: string;
  /** Number of Frames (0028,0008); 1 when absent. */
  numberOfFrames?: number;
  /** True for Float Pixel Data (7FE0,0008): samples are IEEE 754 floats of Bits Allocated bits. */
  floatPixelData?: boolean;
}

/** Red/green/blue palette lookup tables with their descriptor. */
export interface PaletteLut {
  /** Number of entries (0 in the descriptor means 65536). */
  entries: number;
  /** First stored pixel value mapped. */
  firstValue: number;
  /** Bits per entry (8 or 16). */
  bits: number;
  red: Uint16Array;
  green: Uint16Array;
  blue: Uint16Array;
}

/**
 * A decoded frame: stored pixel values (before rescale), sign-extended and masked to Bits
 * Stored; for colour, interleaved RGB (Uint8Array or Uint16Array) whatever the source layout.
 */
export interface DecodedFrame {
  pixels: Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array | Uint32Array | Float32Array;
  /** 1 for greyscale, 3 for RGB after colour conversion. */
  samplesPerPixel: 1 | 3;
  /** True when the transfer syntax is lossy (JPEG baseline/extended, lossy J2K, JPEG-LS near-lossless). */
  lossy: boolean;
}

/** Transfer syntax UIDs (PS3.5 §10, PS3.6 Annex A). */
export const TS = {
  ImplicitVRLittleEndian: '1.2.840.10008.1.2',
  ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVRBigEndian: '1.2.840.10008.1.2.2',
  JPEGBaseline: '1.2.840.10008.1.2.4.50',
  JPEGExtended: '1.2.840.10008.1.2.4.51',
  JPEGLosslessP14: '1.2.840.10008.1.2.4.57',
  JPEGLosslessSV1: '1.2.840.10008.1.2.4.70',
  JPEGLSLossless: '1.2.840.10008.1.2.4.80',
  JPEGLSNearLossless: '1.2.840.10008.1.2.4.81',
  JPEG2000Lossless: '1.2.840.10008.1.2.4.90',
  JPEG2000: '1.2.840.10008.1.2.4.91',
  HTJ2KLossless: '1.2.840.10008.1.2.4.201',
  HTJ2KLosslessRPCL: '1.2.840.10008.1.2.4.202',
  HTJ2K: '1.2.840.10008.1.2.4.203',
  RLELossless: '1.2.840.10008.1.2.5',
  /** Deflated Image Frame Compression: each frame deflated on its own (PS3.5 §8.2.16). */
  DeflatedImageFrame: '1.2.840.10008.1.2.8.1',
} as const;
