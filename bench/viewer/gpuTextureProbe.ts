/**
 * Runs in the page before any script (playwright addInitScript): wraps the WebGL texture calls of
 * every context to keep a live tally of texture storage in bytes, `window.__gpuTextureBytes()`.
 * The same instrument for Voxa and the peer, so the figures compare; it counts what each viewer
 * asks the GPU to hold (level 0 of each texture; mipmaps are not used by either for volumes).
 * Self-contained: playwright serialises the function's source.
 */
export function installGpuTextureProbe(): void {
  const GL = WebGL2RenderingContext;
  // Bytes per texel of the sized formats WebGL2 (and EXT_texture_norm16) allow for textures.
  const SIZED: Record<number, number> = {
    [GL.R8]: 1, [GL.R8_SNORM]: 1, [GL.R8I]: 1, [GL.R8UI]: 1, [GL.R16I]: 2, [GL.R16UI]: 2, [GL.R16F]: 2, [GL.R32I]: 4, [GL.R32UI]: 4, [GL.R32F]: 4,
    [GL.RG8]: 2, [GL.RG16F]: 4, [GL.RG32F]: 8, [GL.RG16I]: 4, [GL.RG32I]: 8,
    [GL.RGB8]: 3, [GL.RGB16F]: 6, [GL.RGB32F]: 12, [GL.RGBA8]: 4, [GL.SRGB8_ALPHA8]: 4, [GL.RGBA16F]: 8, [GL.RGBA32F]: 16,
    [GL.RGBA16I]: 8, [GL.RGBA16UI]: 8, [GL.RGBA32I]: 16, [GL.RGBA32UI]: 16, [GL.RGBA8UI]: 4, [GL.RGB10_A2]: 4,
    [GL.DEPTH_COMPONENT16]: 2, [GL.DEPTH_COMPONENT24]: 4, [GL.DEPTH_COMPONENT32F]: 4, [GL.DEPTH24_STENCIL8]: 4,
    0x822a: 2, 0x8f98: 2, 0x822c: 4, 0x8f99: 4, 0x805b: 8, 0x8f9b: 8, // R16/R16_SNORM, RG16/RG16_SNORM, RGBA16/RGBA16_SNORM (norm16)
  };
  const CHANNELS: Record<number, number> = { [GL.RED]: 1, [GL.RED_INTEGER]: 1, [GL.RG]: 2, [GL.RGB]: 3, [GL.RGBA]: 4, [GL.LUMINANCE]: 1, [GL.ALPHA]: 1, [GL.LUMINANCE_ALPHA]: 2, [GL.DEPTH_COMPONENT]: 1 };
  const TYPE_BYTES: Record<number, number> = { [GL.UNSIGNED_BYTE]: 1, [GL.BYTE]: 1, [GL.UNSIGNED_SHORT]: 2, [GL.SHORT]: 2, [GL.HALF_FLOAT]: 2, [GL.FLOAT]: 4, [GL.INT]: 4, [GL.UNSIGNED_INT]: 4 };
  const texelBytes = (internal: number, format?: number, type?: number) =>
    SIZED[internal] ?? (format !== undefined && type !== undefined ? (CHANNELS[format] ?? 4) * (TYPE_BYTES[type] ?? 1) : 4);

  const sizes = new WeakMap<WebGLTexture, number>();
  const bound = new WeakMap<object, Map<string, WebGLTexture | null>>(); // context → "unit:target" → texture
  const units = new WeakMap<object, number>();
  let total = 0;
  const current = (gl: object, target: number) => bound.get(gl)?.get(`${units.get(gl) ?? 0}:${target === GL.TEXTURE_2D ? target : target >= GL.TEXTURE_CUBE_MAP_POSITIVE_X && target <= GL.TEXTURE_CUBE_MAP_NEGATIVE_Z ? GL.TEXTURE_CUBE_MAP : target}`) ?? null;
  const setSize = (tex: WebGLTexture | null, bytes: number, add = false) => {
    if (!tex) return;
    const old = sizes.get(tex) ?? 0;
    const next = add ? old + bytes : bytes;
    total += next - old;
    sizes.set(tex, next);
  };

  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype] as unknown as Record<string, (...a: unknown[]) => unknown>[]) {
    const wrap = (name: string, after: (gl: object, args: unknown[]) => void) => {
      const orig = proto[name];
      if (typeof orig !== 'function') return;
      proto[name] = function (this: object, ...args: unknown[]) {
        const r = orig.apply(this, args);
        after(this, args);
        return r;
      };
    };
    wrap('activeTexture', (gl, [unit]) => units.set(gl, (unit as number) - GL.TEXTURE0));
    wrap('bindTexture', (gl, [target, tex]) => {
      let m = bound.get(gl);
      if (!m) bound.set(gl, (m = new Map()));
      m.set(`${units.get(gl) ?? 0}:${target}`, tex as WebGLTexture | null);
    });
    wrap('deleteTexture', (_gl, [tex]) => { if (tex) setSize(tex as WebGLTexture, 0); });
    wrap('texStorage2D', (gl, [target, levels, internal, w, h]) =>
      setSize(current(gl, target as number), levelBytes(levels as number, w as number, h as number, 1, texelBytes(internal as number)) * (target === GL.TEXTURE_CUBE_MAP ? 6 : 1)));
    wrap('texStorage3D', (gl, [target, levels, internal, w, h, d]) =>
      setSize(current(gl, target as number), levelBytes(levels as number, w as number, h as number, (target === GL.TEXTURE_3D ? d : 1) as number, texelBytes(internal as number)) * (target === GL.TEXTURE_3D ? 1 : (d as number))));
    wrap('texImage3D', (gl, [target, level, internal, w, h, d, _b, format, type]) => {
      if (level === 0) setSize(current(gl, target as number), (w as number) * (h as number) * (d as number) * texelBytes(internal as number, format as number, type as number));
    });
    wrap('texImage2D', (gl, args) => {
      const [target, level, internal] = args as number[];
      if (level !== 0) return;
      // texImage2D(target, level, internal, w, h, border, format, type, …) or (target, level, internal, format, type, source)
      const w = typeof args[3] === 'number' && args.length >= 8 ? (args[3] as number) : ((args[5] as { width?: number })?.width ?? 0);
      const h = typeof args[4] === 'number' && args.length >= 8 ? (args[4] as number) : ((args[5] as { height?: number })?.height ?? 0);
      const format = args.length >= 8 ? (args[6] as number) : (args[3] as number);
      const type = args.length >= 8 ? (args[7] as number) : (args[4] as number);
      const faces = target >= GL.TEXTURE_CUBE_MAP_POSITIVE_X && target <= GL.TEXTURE_CUBE_MAP_NEGATIVE_Z;
      setSize(current(gl, target), w * h * texelBytes(internal, format, type), faces);
    });
  }
  function levelBytes(levels: number, w: number, h: number, d: number, bpt: number): number {
    let sum = 0;
    for (let l = 0; l < levels; l++) {
      sum += Math.max(1, w >> l) * Math.max(1, h >> l) * Math.max(1, d >> l) * bpt;
    }
    return sum;
  }
  (window as unknown as { __gpuTextureBytes: () => number }).__gpuTextureBytes = () => total;
}
