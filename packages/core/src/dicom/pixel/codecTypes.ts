/** Frame geometry reported by the cornerstone wasm decoders after `decode()`. */
export interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

/** Methods shared by every cornerstone wasm decoder instance (an embind class). */
export interface WasmDecoder {
  /** A view into wasm memory, sized for the encoded stream, to copy it into. */
  getEncodedBuffer(length: number): Uint8Array;
  /** A view into wasm memory holding the decoded samples; valid until `delete()`. */
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  /** Frees the instance's wasm memory. */
  delete(): void;
}

/** OpenJPEG (JPEG 2000) decoder instance. */
export interface J2KDecoder extends WasmDecoder {
  getIsReversible(): boolean;
}

/** OpenJPH (HTJ2K) decoder instance. */
export interface HTJ2KDecoder extends WasmDecoder {
  getIsReversible(): boolean;
}

/** CharLS (JPEG-LS) decoder instance. */
export interface JpegLSDecoder extends WasmDecoder {
  /** 0 = by plane, 1 = by line, 2 = by sample (ITU-T T.87 ILV). */
  getInterleaveMode(): number;
  /** The NEAR parameter: 0 for lossless. */
  getNearLossless(): number;
}

/** libjpeg-turbo (8-bit JPEG baseline) decoder instance. */
export type JpegDecoder = WasmDecoder;

/** An initialised OpenJPEG module. */
export interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoder;
}

/** An initialised OpenJPH module. */
export interface OpenJphModule {
  HTJ2KDecoder: new () => HTJ2KDecoder;
}

/** An initialised CharLS module. */
export interface CharlsModule {
  JpegLSDecoder: new () => JpegLSDecoder;
}

/** An initialised libjpeg-turbo module. */
export interface LibJpegTurboModule {
  JPEGDecoder: new () => JpegDecoder;
}

/** The pure-JS JPEG lossless (process 14) decoder class of jpeg-lossless-decoder-js. */
export interface JpegLosslessModule {
  Decoder: new () => {
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
    numComp: number;
    precision: number | undefined;
    xDim: number;
    yDim: number;
  };
}
