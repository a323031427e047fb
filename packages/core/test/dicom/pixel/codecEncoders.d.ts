// The full (encoder + decoder) builds of the codecs, used by tests to make HTJ2K / JPEG-LS frames.
declare module '@cornerstonejs/codec-charls/wasmjs' {
  const factory: (moduleArgs?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
