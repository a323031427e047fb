import type {
  CharlsModule,
  JpegLosslessModule,
  LibJpegTurboModule,
  OpenJpegModule,
  OpenJphModule,
} from './codecTypes.ts';

/** The codecs a registry can provide, by name. */
export interface CodecModules {
  /** OpenJPEG: JPEG 2000 (1.2.840.10008.1.2.4.90/.91). */
  openjpeg: OpenJpegModule;
  /** OpenJPH: High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201-203). */
  openjph: OpenJphModule;
  /** CharLS: JPEG-LS (1.2.840.10008.1.2.4.80/.81). */
  charls: CharlsModule;
  /** libjpeg-turbo: 8-bit JPEG baseline/extended (1.2.840.10008.1.2.4.50/.51). */
  libjpegTurbo: LibJpegTurboModule;
  /** jpeg-lossless-decoder-js: JPEG lossless process 14 (1.2.840.10008.1.2.4.57/.70). */
  jpegLossless: JpegLosslessModule;
}

/** Name of a codec a registry provides. */
export type CodecName = keyof CodecModules;

/** Arguments handed to an Emscripten module factory. */
export interface EmscriptenModuleArgs {
  locateFile?: (file: string, scriptDirectory: string) => string;
  print: (text: string) => void;
  printErr: (text: string) => void;
}

/** Loads one codec module; receives the Emscripten arguments (ignored by pure-JS codecs). */
export type CodecLoader<K extends CodecName> = (moduleArgs: EmscriptenModuleArgs) => Promise<CodecModules[K]>;

/** Options of {@link CodecRegistry}. */
export interface CodecRegistryOptions {
  /**
   * Emscripten `locateFile`: where each codec fetches its `.wasm` (e.g. `openjpegwasm_decode.wasm`).
   * Default: beside the codec's script, which works in Node; browsers usually pass a URL mapper.
   */
  locateFile?: (file: string, scriptDirectory: string) => string;
  /** Replaces how individual codecs are loaded (bundlers, workers, tests). */
  loaders?: Partial<{ [K in CodecName]: CodecLoader<K> }>;
}

/** How many lines of codec console output are kept for error messages. */
const MAX_MESSAGES = 32;

type EmscriptenFactory = (moduleArgs?: Record<string, unknown>) => Promise<unknown>;

const DEFAULT_LOADERS: { [K in CodecName]: CodecLoader<K> } = {
  openjpeg: async (args) =>
    (await emscripten(import('@cornerstonejs/codec-openjpeg/decodewasmjs')))({ ...args }) as Promise<OpenJpegModule>,
  openjph: async (args) =>
    (await emscripten(import('@cornerstonejs/codec-openjph')))({ ...args }) as Promise<OpenJphModule>,
  charls: async (args) =>
    (await emscripten(import('@cornerstonejs/codec-charls/decodewasmjs')))({ ...args }) as Promise<CharlsModule>,
  libjpegTurbo: async (args) =>
    (await emscripten(import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs')))({
      ...args,
    }) as Promise<LibJpegTurboModule>,
  jpegLossless: async () => {
    const mod = (await import('jpeg-lossless-decoder-js')) as unknown as Partial<JpegLosslessModule> & {
      default?: Partial<JpegLosslessModule>;
    };
    const Decoder = mod.Decoder ?? mod.default?.Decoder;
    if (!Decoder) throw new Error('jpeg-lossless-decoder-js exports no Decoder');
    return { Decoder };
  },
};

/** The factory of a CommonJS Emscripten module, whichever way the loader wrapped it. */
async function emscripten(modulePromise: Promise<{ default: unknown }>): Promise<EmscriptenFactory> {
  const mod = (await modulePromise) as { default: unknown };
  let factory: unknown = mod.default;
  if (typeof factory !== 'function' && factory && typeof factory === 'object') {
    factory = (factory as { default?: unknown }).default;
  }
  if (typeof factory !== 'function') throw new Error('codec module exports no Emscripten factory');
  return factory as EmscriptenFactory;
}

/**
 * Lazily initialises the pixel codecs (wasm modules) once each and hands out the cached
 * instances. Pass one registry to every decode; create one per worker.
 *
 * @example
 * const codecs = new CodecRegistry({ locateFile: (f) => `/wasm/${f}` });
 * const frame = await decodeFrame(bytes, desc, codecs);
 */
export class CodecRegistry {
  private readonly modules = new Map<CodecName, Promise<unknown>>();
  private readonly loaders: Partial<{ [K in CodecName]: CodecLoader<K> }>;
  private readonly locateFile: CodecRegistryOptions['locateFile'];
  private messages: string[] = [];

  constructor(options: CodecRegistryOptions = {}) {
    this.loaders = options.loaders ?? {};
    this.locateFile = options.locateFile;
  }

  /** The initialised codec `name`; the first call loads it, later calls reuse it. */
  get<K extends CodecName>(name: K): Promise<CodecModules[K]> {
    let module = this.modules.get(name) as Promise<CodecModules[K]> | undefined;
    if (!module) {
      const loader = (this.loaders[name] ?? DEFAULT_LOADERS[name]) as CodecLoader<K>;
      module = loader(this.moduleArgs());
      // A failed load is not cached, so a later call may retry (e.g. after a network error).
      module.catch(() => this.modules.delete(name));
      this.modules.set(name, module);
    }
    return module;
  }

  /** Forgets codec `name` (or all), e.g. after a wasm abort left it unusable; the next `get` reloads it. */
  reset(name?: CodecName): void {
    if (name) this.modules.delete(name);
    else this.modules.clear();
  }

  /** The lines the codecs printed since the last call (OpenJPEG reports its errors this way), then clears them. */
  takeMessages(): string[] {
    const taken = this.messages;
    this.messages = [];
    return taken;
  }

  private moduleArgs(): EmscriptenModuleArgs {
    const keep = (text: string): void => {
      this.messages.push(text);
      if (this.messages.length > MAX_MESSAGES) this.messages.shift();
    };
    const args: EmscriptenModuleArgs = { print: keep, printErr: keep };
    if (this.locateFile) args.locateFile = this.locateFile;
    return args;
  }
}

let defaultRegistry: CodecRegistry | undefined;

/** A registry with default options, created on first use; only meant as a default argument. */
export function defaultCodecRegistry(): CodecRegistry {
  defaultRegistry ??= new CodecRegistry();
  return defaultRegistry;
}
