import type { Page2d } from './pageDom.ts';
import type { PixelBox } from './RenderJob.ts';

/** Where and how large a label is drawn: the text's lines and the dark box behind them. */
export interface LabelLayout {
  lines: string[];
  fontPx: number;
  lineHeightPx: number;
  padPx: number;
  box: PixelBox;
}

/** Label size and looks; the text shrinks to fit the image's width, then breaks into two lines. */
export const IMAGE_LABEL_DEFAULTS = {
  /** Font height as a fraction of the image height, within minFontPx…maxFontPx. */
  heightFraction: 1 / 28,
  minFontPx: 9,
  maxFontPx: 28,
  /** Never smaller than this, however small the image: the label is always there. */
  smallestFontPx: 5,
  font: '"DejaVu Sans", "Liberation Sans", Arial, sans-serif',
  textColor: '#ffd24a',
  boxColor: 'rgba(0, 0, 0, 0.8)',
};

const D = IMAGE_LABEL_DEFAULTS;
const font = (px: number) => `bold ${px}px ${D.font}`;

/** The layout of `text` in the top-left corner of a width × height image. */
export function layoutLabel(ctx: Page2d, text: string, width: number, height: number): LabelLayout {
  const wanted = Math.min(D.maxFontPx, Math.max(D.minFontPx, Math.round(height * D.heightFraction)));
  const margin = Math.max(2, Math.round(Math.min(width, height) * 0.02));
  // Text width grows linearly with the font size: measure once at 100 px, scale to the room left.
  const fitting = (lines: string[]) => {
    ctx.font = font(100);
    const widest = Math.max(...lines.map((l) => ctx.measureText(l).width));
    const pad = Math.max(2, Math.round(wanted * 0.4));
    return Math.min(wanted, Math.floor((100 * (width - 2 * (margin + pad))) / widest));
  };
  let lines = [text];
  let fontPx = fitting(lines);
  if (fontPx < D.minFontPx) {
    const two = splitInTwo(text);
    const px = fitting(two);
    if (px > fontPx) [lines, fontPx] = [two, px];
  }
  fontPx = Math.max(D.smallestFontPx, fontPx);
  const padPx = Math.max(2, Math.round(fontPx * 0.4));
  const lineHeightPx = Math.round(fontPx * 1.25);
  ctx.font = font(fontPx);
  const textWidth = Math.ceil(Math.max(...lines.map((l) => ctx.measureText(l).width)));
  const box = { x: margin, y: margin, width: Math.min(width - margin, textWidth + 2 * padPx), height: Math.min(height - margin, lines.length * lineHeightPx + 2 * padPx) };
  return { lines, fontPx, lineHeightPx, padPx, box };
}

/** Draw a laid-out label: the dark box, then the light text on it. */
export function drawLabel(ctx: Page2d, layout: LabelLayout): void {
  const { box, lines, fontPx, lineHeightPx, padPx } = layout;
  ctx.fillStyle = D.boxColor;
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.font = font(fontPx);
  ctx.fillStyle = D.textColor;
  ctx.textBaseline = 'top';
  const lead = Math.round((lineHeightPx - fontPx) / 2);
  for (const [n, line] of lines.entries()) ctx.fillText(line, box.x + padPx, box.y + padPx + lead + n * lineHeightPx);
}

/** Two lines broken at the space nearest the middle (a dash stays at the end of the first line). */
function splitInTwo(text: string): string[] {
  const words = text.split(' ');
  let best = 1, bestDiff = Infinity;
  for (let n = 1; n < words.length; n++) {
    const diff = Math.abs(words.slice(0, n).join(' ').length - words.slice(n).join(' ').length);
    if (diff < bestDiff) [best, bestDiff] = [n, diff];
  }
  if (words.length < 2) return [text];
  if (/^[—–-]$/.test(words[best])) best++;
  return [words.slice(0, best).join(' '), words.slice(best).join(' ')].filter((l) => l);
}
