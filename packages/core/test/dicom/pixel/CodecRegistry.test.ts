import { describe, expect, it, vi } from 'vitest';
import type { CodecModules, EmscriptenModuleArgs } from '../../../src/dicom/pixel/CodecRegistry.ts';
import { CodecRegistry, defaultCodecRegistry } from '../../../src/dicom/pixel/CodecRegistry.ts';

const fakeCharls = { JpegLSDecoder: class {} } as unknown as CodecModules['charls'];

describe('CodecRegistry', () => {
  it('loads a codec once and hands the same module to concurrent and later callers', async () => {
    const loader = vi.fn(async () => fakeCharls);
    const registry = new CodecRegistry({ loaders: { charls: loader } });
    const [a, b] = await Promise.all([registry.get('charls'), registry.get('charls')]);
    const c = await registry.get('charls');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(a).toBe(fakeCharls);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('does not cache a failed load, so the next call retries', async () => {
    const loader = vi.fn().mockRejectedValueOnce(new Error('network down')).mockResolvedValueOnce(fakeCharls);
    const registry = new CodecRegistry({ loaders: { charls: loader } });
    await expect(registry.get('charls')).rejects.toThrow('network down');
    await expect(registry.get('charls')).resolves.toBe(fakeCharls);
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('reloads a codec after reset()', async () => {
    const loader = vi.fn(async () => fakeCharls);
    const registry = new CodecRegistry({ loaders: { charls: loader } });
    await registry.get('charls');
    registry.reset('charls');
    await registry.get('charls');
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('passes locateFile to Emscripten and captures what the codec prints', async () => {
    const locateFile = (file: string): string => `/wasm/${file}`;
    let seen: EmscriptenModuleArgs | undefined;
    const registry = new CodecRegistry({
      locateFile,
      loaders: {
        charls: async (args) => {
          seen = args;
          args.printErr('[ERROR] something broke');
          return fakeCharls;
        },
      },
    });
    await registry.get('charls');
    expect(seen?.locateFile).toBe(locateFile);
    expect(registry.takeMessages()).toEqual(['[ERROR] something broke']);
    expect(registry.takeMessages()).toEqual([]);
  });

  it('initialises the real OpenJPEG wasm module from node_modules', async () => {
    const registry = new CodecRegistry();
    const openjpeg = await registry.get('openjpeg');
    expect(typeof openjpeg.J2KDecoder).toBe('function');
  });

  it('has one lazily created default registry, used only when no registry is passed', () => {
    expect(defaultCodecRegistry()).toBe(defaultCodecRegistry());
    expect(defaultCodecRegistry()).toBeInstanceOf(CodecRegistry);
  });
});
