import type { RendererName } from '../renderBenchScene.ts';

/** One renderer on its own canvas, as the page times it. */
export interface BenchView {
  readonly name: RendererName;
  readonly canvas: HTMLCanvasElement;
  readonly gl: WebGL2RenderingContext;
  /** Draw the volume with the camera turned `deg` degrees about its up axis from the start view. */
  render(deg: number): void;
}

const _pixel = new Uint8Array(4);

/**
 * Block until the GPU has executed everything issued on `gl`: a one-pixel read of the canvas's
 * drawing buffer (glFinish is not enough on some drivers). The same for every renderer.
 */
export function waitForGpu(gl: WebGL2RenderingContext): void {
  const bound = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
  if (bound) gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, _pixel);
  if (bound) gl.bindFramebuffer(gl.FRAMEBUFFER, bound);
}

/** The canvas's drawing buffer as RGBA bytes, top row first (read right after a render). */
export function readCanvas(gl: WebGL2RenderingContext): Uint8Array {
  const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
  const bound = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
  if (bound) gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  const up = new Uint8Array(w * h * 4);
  gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, up);
  if (bound) gl.bindFramebuffer(gl.FRAMEBUFFER, bound);
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) rgba.set(up.subarray((h - 1 - y) * w * 4, (h - y) * w * 4), y * w * 4);
  return rgba;
}

const textureFormats = new WeakMap<object, string[]>();

/**
 * From now on, record the internal format of every large 3D texture any WebGL2 context allocates
 * (texImage3D, texStorage3D), to report what each renderer samples from. Call before the
 * renderers create their textures.
 */
export function recordTextureFormats(): void {
  const proto = WebGL2RenderingContext.prototype;
  const image3D = proto.texImage3D as (this: WebGL2RenderingContext, ...a: unknown[]) => void;
  const storage3D = proto.texStorage3D;
  const note = (gl: WebGL2RenderingContext, internalFormat: number, w: number, h: number, d: number) => {
    if (w * h * d < 65536) return;
    // Keyed by canvas: a renderer may call through a wrapper of its context.
    const key = gl.canvas;
    let list = textureFormats.get(key);
    if (!list) textureFormats.set(key, (list = []));
    list.push(`${glEnumName(internalFormat)} ${w}×${h}×${d}`);
  };
  (proto as unknown as { texImage3D: (this: WebGL2RenderingContext, ...a: unknown[]) => void }).texImage3D = function (...a: unknown[]) {
    const [, level, internalFormat, w, h, d] = a as number[];
    if (level === 0) note(this, internalFormat, w, h, d);
    image3D.apply(this, a);
  };
  proto.texStorage3D = function (target, levels, internalFormat, w, h, d) {
    note(this, internalFormat, w, h, d);
    storage3D.call(this, target, levels, internalFormat, w, h, d);
  };
}

/** The large 3D textures a context allocated since recordTextureFormats (format and size; repeats counted). */
export function texturesOf(gl: WebGL2RenderingContext): string[] {
  const counts = new Map<string, number>();
  for (const t of textureFormats.get(gl.canvas) ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => (n > 1 ? `${n}× ${t}` : t));
}

function glEnumName(value: number): string {
  const constants = WebGL2RenderingContext as unknown as Record<string, number>;
  return Object.keys(constants).find((k) => /^[A-Z][A-Z0-9_]+$/.test(k) && constants[k] === value && !/^(NONE|ZERO|POINTS|NO_ERROR)$/.test(k)) ?? `0x${value.toString(16)}`;
}
