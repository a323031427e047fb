/** Typed arrays a codec may produce. */
export type SampleArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;

/** How the samples of a multi-sample frame are ordered. */
export type SampleLayout =
  /** R G B R G B … (also Y Cb Cr). */
  | 'interleaved'
  /** All R, then all G, then all B (Planar Configuration 1, RLE segments, JPEG-LS ILV 0). */
  | 'planar'
  /** Uncompressed YBR_FULL_422: Y1 Y2 Cb Cr for each horizontal pair of pixels (PS3.3 C.7.6.3.1.2). */
  | 'ybr422';

/** A frame as a codec produced it: samples before masking, sign extension and colour conversion. */
export interface RawFrame {
  samples: SampleArray;
  /** True when `samples` was allocated for this frame and may be modified in place. */
  owned: boolean;
  layout: SampleLayout;
  /** 1-bit data still packed 8 pixels per byte, least significant bit first (PS3.5 8.1.1). */
  bitPacked?: boolean;
  /** Native data: stored bits sit at High Bit and must be shifted down; codec output is right-aligned. */
  atHighBit: boolean;
  /** The codec already converted colour to RGB (libjpeg YCbCr, JPEG 2000 RCT/ICT). */
  rgb: boolean;
  /** The encoding lost information. */
  lossy: boolean;
}
