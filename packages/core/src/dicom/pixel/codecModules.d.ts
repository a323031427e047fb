// Ambient declarations for the codec packages, which ship no TypeScript types. The shapes are
// declared loosely here and narrowed by the interfaces in codecTypes.ts where they are used.

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (moduleArgs?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (moduleArgs?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (moduleArgs?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}

declare module '@cornerstonejs/codec-openjph' {
  const factory: (moduleArgs?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}

declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    constructor(buffer?: ArrayBuffer | null, numBytes?: number);
    decode(buffer?: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array;
    numComp: number;
    precision: number | undefined;
    xDim: number;
    yDim: number;
  }
}
