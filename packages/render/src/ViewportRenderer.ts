import {
  DataTexture, FloatType, Mesh, NearestFilter, OrthographicCamera, PlaneGeometry, RGBAFormat, Scene, Vector2, Vector3, Vector4,
  WebGLRenderer, WebGLRenderTarget, type Matrix4, type RawShaderMaterial,
} from 'three';
import { cross, normalize } from '@voxa/core';
import { ColorMapTextures } from './color/colorMaps.ts';
import type { CurvedView, DisplaySettings, FusionMode, FusionSettings, PlaneView } from './mpr/MprView.ts';

/** FusionMode → the reslice shader's uFusionMode. */
const FUSION_MODES: readonly FusionMode[] = ['blend', 'checkerboard', 'difference'];
import { planeOfView } from './mpr/planeOfView.ts';
import { ResliceMaterials } from './mpr/ResliceMaterials.ts';
import { GpuLabelMap } from './segmentation/GpuLabelMap.ts';
import { View3dRenderer, type View3dContent } from './vr/View3dRenderer.ts';
import { GpuVolume } from './volume/GpuVolume.ts';
import type { VolumeGrid } from './volume/VolumeGrid.ts';

/** A rectangle of the canvas in CSS pixels, top-left origin. */
export interface ViewportRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What one viewport draws. */
export interface ViewportDraw {
  rect: ViewportRect;
  volume: GpuVolume;
  view: PlaneView | CurvedView;
  display: DisplaySettings;
  fusion?: { volume: GpuVolume; settings: FusionSettings };
  /** Segmentation overlay: label layers drawn as fill (at `fill` opacity) and outline. */
  labels?: LabelOverlay;
}

/** What a 3D viewport draws: segment surfaces seen by an orbit camera, and optionally a volume rendering. */
export interface SurfaceDraw extends View3dContent {
  rect: ViewportRect;
}

/** How a segmentation's label layers are drawn over a view. */
export interface LabelOverlay {
  map: GpuLabelMap;
  /** Fill opacity 0–1, times each segment's own opacity. */
  fill: number;
  outline: boolean;
}

/** Values read back from a viewport: one float per device pixel, row-major, top row first. */
export interface ViewportValues {
  width: number;
  height: number;
  values: Float32Array;
  /** 1 where the pixel lies inside the (loaded) volume. */
  inside: Uint8Array;
  /** Label of the overlay's layer 0 at each pixel (0 without an overlay). */
  labels: Uint8Array;
}

/**
 * One WebGL2 context (three.js) draws every viewport of a layout: each is a scissored full-quad
 * pass of the reslice shader. The same pass can render real values (not colours) into a float
 * target, for probes, ROI statistics and tests.
 *
 * @example
 * const r = new ViewportRenderer(canvas);
 * const ct = r.createVolume({ dimensions, indexToWorld, voxelType: 'int16' });
 * r.draw([{ rect, volume: ct, view, display }]);
 */
export class ViewportRenderer {
  readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly quad: Mesh;
  private readonly materials = new ResliceMaterials();
  private readonly luts = new ColorMapTextures();
  private readonly pathTextures = new WeakMap<Float32Array, DataTexture>();
  /** 3D views: surfaces, volume rendering, path tracing. */
  readonly view3d: View3dRenderer;

  constructor(canvas: HTMLCanvasElement) {
    this.renderer = new WebGLRenderer({ canvas, antialias: false, alpha: false, preserveDrawingBuffer: true });
    this.renderer.autoClear = false;
    this.renderer.getContext().getExtension('EXT_color_buffer_float');
    this.quad = new Mesh(new PlaneGeometry(2, 2));
    this.quad.frustumCulled = false;
    this.scene.add(this.quad);
    this.view3d = new View3dRenderer(this.renderer);
  }

  /** A cinematic view is still accumulating samples: draw again (with the same content) to refine it. */
  get refining(): boolean {
    return this.view3d.converging;
  }

  /** Size the drawing buffer to the canvas's CSS size. */
  setSize(cssWidth: number, cssHeight: number, pixelRatio = 1): void {
    this.renderer.setPixelRatio(pixelRatio);
    this.renderer.setSize(cssWidth, cssHeight, false);
  }

  get pixelRatio(): number {
    return this.renderer.getPixelRatio();
  }

  createVolume(grid: VolumeGrid): GpuVolume {
    return new GpuVolume(this.renderer, grid);
  }

  /** Label textures for a segmentation on this grid (full resolution, never decimated). */
  createLabelMap(grid: { dimensions: VolumeGrid['dimensions']; indexToWorld: VolumeGrid['indexToWorld'] }): GpuLabelMap {
    return new GpuLabelMap(this.renderer, grid);
  }

  /**
   * Draw the viewports. Only those whose content changed since the last call are redrawn (the
   * canvas keeps its pixels): scrolling one view costs one view, not the whole layout. A change of
   * layout or canvas size, or `full`, clears and redraws everything.
   */
  draw(draws: (ViewportDraw | SurfaceDraw)[], full = false): void {
    const r = this.renderer;
    const pr = r.getPixelRatio();
    const canvasHeight = r.domElement.height / pr;
    const layout = `${r.domElement.width}x${r.domElement.height}|${draws.map((d) => rectKey(d.rect)).join(';')}`;
    full ||= layout !== this.lastLayout;
    this.lastLayout = layout;
    r.setRenderTarget(null);
    r.setClearColor(0x000000, 1);
    if (full) {
      this.lastContent.clear();
      r.setScissorTest(false);
      r.clear();
    }
    r.setScissorTest(true);
    for (const d of draws) {
      const rk = rectKey(d.rect);
      const content = this.contentKey(d);
      if (this.lastContent.get(rk) === content) continue;
      this.lastContent.set(rk, content);
      const { left, top, width, height } = d.rect;
      const bottom = canvasHeight - top - height;
      r.setViewport(left, bottom, width, height);
      r.setScissor(left, bottom, width, height);
      if (!full) r.clear();
      if ('surfaces' in d) {
        this.view3d.draw(d, [left * pr, bottom * pr, width * pr, height * pr], content);
        if (this.view3d.converging) this.lastContent.delete(rk); // the next draw adds samples
        continue;
      }
      this.prepare(d, [left * pr, bottom * pr, width * pr, height * pr], false);
      r.render(this.scene, this.camera);
    }
    r.setScissorTest(false);
  }

  private lastLayout = '';
  /** Per viewport rectangle, the content last drawn there. */
  private readonly lastContent = new Map<string, string>();
  private readonly pathIds = new WeakMap<Float32Array, number>();

  /** Everything that decides a viewport's pixels, as a string. */
  private contentKey(d: ViewportDraw | SurfaceDraw): string {
    if ('surfaces' in d) {
      const c = d.camera;
      const v = d.volume;
      const fused = v?.fusion ? `${v.fusion.volume.id}.${v.fusion.volume.version}|${JSON.stringify(v.fusion.transferFunction)}` : '';
      const volume = v ? `${v.volume.id}.${v.volume.version}|${v.labels ? `${v.labels.id}.${v.labels.version}` : ''}|${JSON.stringify(v.settings)}|${fused}|${d.cinematic ? JSON.stringify(d.cinematic) : ''}` : '';
      return `s${d.surfaces.id}.${d.surfaces.version}|${c.target}|${c.direction}|${c.up}|${c.heightMm}|${c.projection}|${volume}`;
    }
    const vol = (v: GpuVolume) => `${v.id}.${v.version}`;
    let view: string;
    if (d.view.kind === 'plane') {
      const { centre, row, column, mmPerPixel, slab } = d.view;
      view = `p${centre}|${row}|${column}|${mmPerPixel}|${slab ? `${slab.mode},${slab.thicknessMm},${slab.stepMm}` : ''}`;
    } else {
      let id = this.pathIds.get(d.view.points);
      if (id === undefined) this.pathIds.set(d.view.points, (id = nextPathId++));
      view = `c${id}|${d.view.offset}|${d.view.scale}|${d.view.pixelMm}`;
    }
    const { window: w, invert, colorMap } = d.display;
    const fusion = d.fusion ? `${vol(d.fusion.volume)}|${d.fusion.settings.window.center},${d.fusion.settings.window.width}|${d.fusion.settings.colorMap}|${d.fusion.settings.opacity}|${d.fusion.settings.mode ?? 'blend'},${d.fusion.settings.tileMm ?? 20}` : '';
    const labels = d.labels?.map.layerCount ? `${d.labels.map.id}.${d.labels.map.version}|${d.labels.fill}|${d.labels.outline}` : '';
    return `${vol(d.volume)}|${view}|${w.center},${w.width},${invert},${colorMap}|${fusion}|${labels}`;
  }

  /** Block until the GPU has executed every command issued so far (a one-pixel read forces it; glFinish may not). */
  finish(): void {
    const gl = this.renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, this.syncPixel);
  }

  private readonly syncPixel = new Uint8Array(4);

  /** The colours drawn in a viewport (RGBA bytes, row-major, top row first), from the drawing buffer. */
  readColors(rect: ViewportRect): { width: number; height: number; rgba: Uint8Array } {
    const r = this.renderer;
    const pr = r.getPixelRatio();
    const canvasHeight = r.domElement.height;
    const x = Math.round(rect.left * pr), w = Math.round(rect.width * pr), h = Math.round(rect.height * pr);
    const y = canvasHeight - Math.round(rect.top * pr) - h;
    const gl = r.getContext();
    r.setRenderTarget(null);
    const up = new Uint8Array(w * h * 4);
    gl.readPixels(x, y, w, h, gl.RGBA, gl.UNSIGNED_BYTE, up);
    const rgba = new Uint8Array(w * h * 4);
    for (let row = 0; row < h; row++) rgba.set(up.subarray((h - 1 - row) * w * 4, (h - row) * w * 4), row * w * 4);
    return { width: w, height: h, rgba };
  }

  /** Render a viewport's real values (HU, SUV, …) at device resolution and read them back. */
  readValues(d: ViewportDraw): ViewportValues {
    const pr = this.renderer.getPixelRatio();
    const width = Math.round(d.rect.width * pr), height = Math.round(d.rect.height * pr);
    const target = new WebGLRenderTarget(width, height, { type: FloatType, format: RGBAFormat, minFilter: NearestFilter, magFilter: NearestFilter, depthBuffer: false });
    try {
      const r = this.renderer;
      r.setRenderTarget(target);
      r.setScissorTest(false);
      target.viewport.set(0, 0, width, height);
      this.prepare(d, [0, 0, width, height], true);
      r.render(this.scene, this.camera);
      const rgba = new Float32Array(width * height * 4);
      r.readRenderTargetPixels(target, 0, 0, width, height, rgba);
      const values = new Float32Array(width * height), inside = new Uint8Array(width * height), labels = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) {
        const src = (height - 1 - y) * width; // GL rows go up
        for (let x = 0; x < width; x++) {
          values[y * width + x] = rgba[(src + x) * 4];
          inside[y * width + x] = rgba[(src + x) * 4 + 1] > 0.5 ? 1 : 0;
          labels[y * width + x] = Math.round(rgba[(src + x) * 4 + 2]);
        }
      }
      return { width, height, values, inside, labels };
    } finally {
      this.renderer.setRenderTarget(null);
      target.dispose();
    }
  }

  private prepare(d: ViewportDraw, viewportPx: [number, number, number, number], outputValues: boolean): void {
    const labelLayers = d.labels?.map.layerCount ?? 0;
    const m: RawShaderMaterial = this.materials.get(d.volume.format, d.fusion?.volume.format, labelLayers);
    this.quad.material = m;
    const u = m.uniforms;
    bindVolume(u, 'uVolume', d.volume);
    if (d.labels && labelLayers > 0) bindLabels(u, d.labels);
    (u.uViewport.value as Vector4).set(...viewportPx);
    u.uOutputValues.value = outputValues;
    const lowHigh = (w: { center: number; width: number }) => new Vector2(w.center - w.width / 2, w.center + w.width / 2);
    u.uWindow.value = lowHigh(d.display.window);
    u.uInvert.value = d.display.invert;
    u.uLut.value = this.luts.get(d.display.colorMap);
    if (d.fusion) {
      bindVolume(u, 'uFusion', d.fusion.volume);
      u.uFusionWindow.value = lowHigh(d.fusion.settings.window);
      u.uFusionLut.value = this.luts.get(d.fusion.settings.colorMap);
      u.uFusionOpacity.value = d.fusion.settings.opacity;
      u.uFusionMode.value = FUSION_MODES.indexOf(d.fusion.settings.mode ?? 'blend');
      u.uFusionTileMm.value = d.fusion.settings.tileMm ?? 20;
    }
    if (d.view.kind === 'plane') {
      const plane = planeOfView(d.view, viewportPx[2], viewportPx[3]);
      const n = normalize(cross(plane.row, plane.column));
      u.uCurved.value = false;
      (u.uOrigin.value as Vector3).set(...plane.origin);
      (u.uRow.value as Vector3).set(...plane.row);
      (u.uColumn.value as Vector3).set(...plane.column);
      (u.uNormal.value as Vector3).set(...n);
      (u.uSpacing.value as Vector2).set(...plane.spacing);
      const slab = d.view.slab;
      const samples = slab && slab.thicknessMm > 0 ? Math.max(1, Math.ceil(slab.thicknessMm / slab.stepMm - 1e-9)) : 1; // as core's slabOffsetsMm
      u.uSlabSamples.value = samples;
      u.uSlabFirst.value = samples > 1 ? (0.5 / samples - 0.5) * slab!.thicknessMm : 0;
      u.uSlabDelta.value = samples > 1 ? slab!.thicknessMm / samples : 0;
      u.uSlabMode.value = slab?.mode === 'minip' ? 1 : slab?.mode === 'average' ? 2 : 0;
    } else {
      const v = d.view;
      u.uCurved.value = true;
      u.uSlabSamples.value = 1;
      u.uPath.value = this.pathTexture(v);
      u.uPathSamples.value = v.points.length / 3;
      (u.uCurvedOffset.value as Vector2).set(...v.offset);
      u.uCurvedScale.value = v.scale;
      (u.uSpacing.value as Vector2).set(v.pixelMm, v.pixelMm);
    }
  }

  private pathTexture(v: CurvedView): DataTexture {
    let t = this.pathTextures.get(v.points);
    if (!t) {
      const n = v.points.length / 3;
      const data = new Float32Array(n * 2 * 4);
      for (let s = 0; s < n; s++) {
        for (let c = 0; c < 3; c++) {
          data[s * 4 + c] = v.points[s * 3 + c];
          data[(n + s) * 4 + c] = v.laterals[s * 3 + c];
        }
        data[s * 4 + 3] = v.centreColumns[s];
      }
      t = new DataTexture(data, n, 2, RGBAFormat, FloatType);
      t.needsUpdate = true;
      this.pathTextures.set(v.points, t);
    }
    return t;
  }

  dispose(): void {
    this.view3d.dispose();
    this.materials.dispose();
    this.luts.dispose();
    this.renderer.dispose();
  }
}

let nextPathId = 0;

function rectKey(r: ViewportRect): string {
  return `${r.left},${r.top},${r.width},${r.height}`;
}

function bindLabels(u: Record<string, { value: unknown }>, o: LabelOverlay): void {
  o.map.textures.forEach((t, n) => { u[`uLabel${n}`].value = t; });
  (u.uLabelWorldToIndex.value as Matrix4).fromArray(o.map.worldToIndex);
  (u.uLabelDims.value as Vector3).set(...o.map.dimensions);
  u.uLabelColors.value = o.map.colors;
  u.uLabelFill.value = o.fill;
  u.uLabelOutline.value = o.outline;
}

function bindVolume(u: Record<string, { value: unknown }>, name: string, v: GpuVolume): void {
  u[name].value = v.texture;
  u[`${name}Loaded`].value = v.loadedMask;
  (u[`${name}WorldToTex`].value as Matrix4).fromArray(v.worldToTexture);
  (u[`${name}Dims`].value as Vector3).set(...v.textureDimensions);
}

