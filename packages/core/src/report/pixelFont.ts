import type { Image8 } from '../io/encodePng.ts';
import { fillRect, type Rgb } from './rasterDraw.ts';

/**
 * A 5 × 7 pixel font with what key images write on themselves: scale-bar lengths ("20 mm") and
 * the patient directions at the image edges (R L A P S I). Rows top to bottom, '#' = ink.
 */
const GLYPHS: Readonly<Record<string, string>> = {
  '0': '.###. #...# #..## #.#.# ##..# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '##### ...#. ..#.. ...#. ....# #...# .###.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
  '6': '..##. .#... #.... ####. #...# #...# .###.',
  '7': '##### ....# ...#. ..#.. .#... .#... .#...',
  '8': '.###. #...# #...# .###. #...# #...# .###.',
  '9': '.###. #...# #...# .#### ....# ...#. .##..',
  '.': '..... ..... ..... ..... ..... .##.. .##..',
  ' ': '..... ..... ..... ..... ..... ..... .....',
  'm': '..... ..... ##.#. #.#.# #.#.# #...# #...#',
  'R': '####. #...# #...# ####. #.#.. #..#. #...#',
  'L': '#.... #.... #.... #.... #.... #.... #####',
  'A': '.###. #...# #...# ##### #...# #...# #...#',
  'P': '####. #...# #...# ####. #.... #.... #....',
  'S': '.#### #.... #.... .###. ....# ....# ####.',
  'I': '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
};

const BLACK: Rgb = [0, 0, 0];

/** Width in pixels of `text` drawn at `scale` (6 columns per character: 5 of glyph, 1 of space). */
export function textWidthPx(text: string, scale: number): number {
  return Math.max(0, text.length * 6 - 1) * scale;
}

/** Height in pixels of a line of text at `scale`. */
export function textHeightPx(scale: number): number {
  return 7 * scale;
}

/**
 * Draws `text` with its top-left corner at (x, y), each font pixel a `scale` × `scale` square,
 * outlined in black so that it reads on bright and dark anatomy alike. Characters the font lacks
 * are left blank.
 */
export function drawText(image: Image8, text: string, x: number, y: number, scale: number, rgb: Rgb): void {
  for (const pass of [BLACK, rgb]) {
    const grow = pass === BLACK ? 1 : 0;
    [...text].forEach((c, n) => {
      const rows = GLYPHS[c]?.split(' ') ?? [];
      rows.forEach((row, gy) => {
        for (let gx = 0; gx < row.length; gx++) {
          if (row[gx] !== '#') continue;
          fillRect(image, x + (n * 6 + gx) * scale - grow, y + gy * scale - grow, scale + 2 * grow, scale + 2 * grow, pass);
        }
      });
    });
  }
}
