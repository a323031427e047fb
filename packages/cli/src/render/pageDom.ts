// The few DOM shapes the page script uses. The CLI is type-checked without the DOM libs (it is
// Node code), so the page declares what it touches instead of pulling them in for every file.

/** A 2D canvas context: enough to put pixels and write a label. */
export interface Page2d {
  font: string;
  fillStyle: string;
  textBaseline: string;
  createImageData(width: number, height: number): PageImageData;
  putImageData(data: PageImageData, x: number, y: number): void;
  measureText(text: string): { width: number };
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number): void;
}

export interface PageImageData {
  readonly data: Uint8ClampedArray;
}

/** A WebGL context, asked only which renderer it runs on. */
export interface PageGl {
  getExtension(name: string): unknown;
  getParameter(name: number): unknown;
  readonly RENDERER: number;
}

export interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): Page2d | null;
  getContext(kind: 'webgl2'): PageGl | null;
  toDataURL(type: 'image/png'): string;
}

export interface PageDocument {
  createElement(tag: 'canvas'): PageCanvas;
  readonly body: { append(node: PageCanvas): void };
}

/** The page's document (undefined outside a browser). */
export function pageDocument(): PageDocument {
  return (globalThis as unknown as { document: PageDocument }).document;
}
