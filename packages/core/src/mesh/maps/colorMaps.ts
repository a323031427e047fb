/** Names of the colour maps `colorMapScalars` knows. */
export type ColorMapName = 'viridis' | 'jet' | 'hot' | 'gray' | 'blueWhiteRed';

/** A colour map as piecewise-linear stops: positions 0…1 (increasing, first 0, last 1) and sRGB 0–255. */
export interface ColorMapStops {
  positions: readonly number[];
  /** r, g, b per stop (0–255, not rounded). */
  rgb: readonly number[];
}

/** Stops at 0, 1/(n−1), …, 1 from a flat r, g, b list. */
function even(rgb: number[]): ColorMapStops {
  const n = rgb.length / 3;
  return { positions: Array.from({ length: n }, (_, i) => i / (n - 1)), rgb };
}

/**
 * The colour maps, all piecewise linear in sRGB, so that a legend drawn as a linear gradient
 * through the stops shows exactly the colours of the vertices.
 * - viridis: matplotlib's (van der Walt & Smith), perceptually uniform and readable with colour
 *   blindness; its 256-entry table sampled at 33 even positions (within 2/255 of the table).
 * - jet: matplotlib's, from its per-channel breakpoints (the union of them is the stops).
 * - hot: matplotlib's black–red–yellow–white.
 * - gray: black to white.
 * - blueWhiteRed: diverging, for signed maps (ColorBrewer RdBu's ends and middle: #2166ac,
 *   #f7f7f7, #b2182b); put 0 in the middle with min = −max.
 */
export const COLOR_MAPS: Readonly<Record<ColorMapName, ColorMapStops>> = {
  viridis: even([
    68, 1, 84, 71, 13, 96, 72, 24, 106, 72, 35, 116, 71, 45, 123, 69, 54, 129, 66, 64, 134, 63, 73, 137,
    59, 82, 139, 55, 90, 141, 51, 99, 141, 47, 106, 142, 44, 114, 142, 41, 122, 142, 38, 129, 142, 35, 137, 142,
    33, 144, 140, 31, 152, 139, 31, 159, 136, 33, 166, 133, 40, 174, 128, 49, 181, 123, 62, 188, 116, 76, 194, 108,
    93, 201, 99, 110, 206, 88, 130, 211, 76, 150, 216, 63, 171, 220, 50, 192, 223, 36, 213, 226, 26, 234, 229, 26,
    253, 231, 37,
  ]),
  jet: {
    positions: [0, 0.11, 0.125, 0.34, 0.35, 0.375, 0.64, 0.65, 0.66, 0.89, 0.91, 1],
    rgb: [
      0, 0, 127.5, 0, 0, 255, 0, 0, 255, 0, 219.3, 255, 0, 229.5, 246.77, 20.56, 255, 226.21,
      238.55, 255, 8.23, 246.77, 245.56, 0, 255, 236.11, 0, 255, 18.89, 0, 231.82, 0, 0, 127.5, 0, 0,
    ],
  },
  hot: { positions: [0, 0.365079, 0.746032, 1], rgb: [10.61, 0, 0, 255, 0, 0, 255, 255, 0, 255, 255, 255] },
  gray: even([0, 0, 0, 255, 255, 255]),
  blueWhiteRed: even([33, 102, 172, 247, 247, 247, 178, 24, 43]),
};
