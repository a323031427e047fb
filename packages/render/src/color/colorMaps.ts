import { DataTexture, LinearFilter, RGBAFormat, UnsignedByteType } from 'three';

/** Colour maps a view can apply to its windowed values. */
export type ColorMapName = 'grey' | 'hot' | 'rainbow' | 'bone' | 'cool-warm';

export const COLOR_MAP_NAMES: readonly ColorMapName[] = ['grey', 'hot', 'rainbow', 'bone', 'cool-warm'];

/** Piecewise-linear control points, position 0–1 → RGB 0–1. */
const CONTROL_POINTS: Record<ColorMapName, [number, number, number, number][]> = {
  grey: [[0, 0, 0, 0], [1, 1, 1, 1]],
  // Black → red → yellow → white, the usual PET map.
  hot: [[0, 0, 0, 0], [0.4, 1, 0, 0], [0.8, 1, 1, 0], [1, 1, 1, 1]],
  rainbow: [[0, 0, 0, 0.5], [0.125, 0, 0, 1], [0.375, 0, 1, 1], [0.625, 1, 1, 0], [0.875, 1, 0, 0], [1, 0.5, 0, 0]],
  bone: [[0, 0, 0, 0], [0.375, 0.32, 0.32, 0.45], [0.75, 0.65, 0.78, 0.78], [1, 1, 1, 1]],
  'cool-warm': [[0, 0.23, 0.3, 0.75], [0.5, 0.87, 0.87, 0.87], [1, 0.71, 0.02, 0.15]],
};

/** 256 RGBA entries of a colour map. */
export function colorMapTable(name: ColorMapName): Uint8Array {
  const cps = CONTROL_POINTS[name];
  const out = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let j = 0;
    while (j < cps.length - 2 && t > cps[j + 1][0]) j++;
    const [t0, r0, g0, b0] = cps[j], [t1, r1, g1, b1] = cps[j + 1];
    const f = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
    out[i * 4] = Math.round(255 * (r0 + f * (r1 - r0)));
    out[i * 4 + 1] = Math.round(255 * (g0 + f * (g1 - g0)));
    out[i * 4 + 2] = Math.round(255 * (b0 + f * (b1 - b0)));
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** One lookup texture per colour map, made on first use. */
export class ColorMapTextures {
  private readonly textures = new Map<ColorMapName, DataTexture>();

  get(name: ColorMapName): DataTexture {
    let t = this.textures.get(name);
    if (!t) {
      t = new DataTexture(colorMapTable(name), 256, 1, RGBAFormat, UnsignedByteType);
      t.magFilter = t.minFilter = LinearFilter;
      t.needsUpdate = true;
      this.textures.set(name, t);
    }
    return t;
  }

  dispose(): void {
    for (const t of this.textures.values()) t.dispose();
    this.textures.clear();
  }
}
