import {
  AmbientLight, BufferAttribute, BufferGeometry, Color, DirectionalLight, DoubleSide, Group, Line, LineBasicMaterial, LineLoop, Mesh, MeshBasicMaterial,
  MeshPhongMaterial, Raycaster, Scene, SphereGeometry, SRGBColorSpace, Vector2, type Camera, type ShaderMaterial,
} from 'three';
import type { Vec3 } from '@voxa/core';
import { threeCamera, type OrbitCamera } from './OrbitCamera.ts';
import { sliceMaterial, type SliceSource } from './sliceMaterial.ts';

/** A triangle surface in LPS mm (core's Mesh): outward counter-clockwise triangles. */
export interface SurfaceMesh {
  positions: Float32Array;
  indices: Uint32Array;
  normals?: Float32Array;
}

/** How a surface is drawn. */
export interface SurfaceStyle {
  rgb: [number, number, number];
  opacity: number;
  visible: boolean;
}

/** A surface hit by a pick: which one, and where on the anatomy (LPS mm, any explode offset removed). */
export interface SurfacePick {
  id: number;
  point: Vec3;
}

/** A flat outline in the scene (an MPR plane's cut through the volume), LPS corners. */
export interface SceneOutline {
  corners: Vec3[];
  rgb: [number, number, number];
}

let nextId = 1;

const _color = new Color();

/** sRGB byte → linear, once: vertex colours are linear in three.js, map colours (and their legend) are sRGB. */
const SRGB_TO_LINEAR = (() => {
  const lut = new Float32Array(256);
  for (let i = 0; i < 256; i++) lut[i] = _color.setRGB(i / 255, i / 255, i / 255, SRGBColorSpace).r;
  return lut;
})();

/**
 * Segment surfaces for the 3D view: one three.js mesh per id (a segment's number), lit by a
 * headlight that follows the camera. The scene is in patient LPS millimetres, so a pick is an LPS
 * point that the planar views can jump to.
 */
export class SurfaceScene {
  readonly id = nextId++;
  /** Bumped on every change: part of the viewport's content key. */
  version = 0;
  readonly scene = new Scene();
  private readonly meshes = new Map<number, Mesh<BufferGeometry, MeshPhongMaterial>>();
  /** Each id's last style: its colour comes back when a per-vertex map is removed. */
  private readonly styles = new Map<number, SurfaceStyle>();
  private readonly headlight = new DirectionalLight(0xffffff, 2.2);
  /** Measurement markers and their line, and the plane outlines: drawn over the surfaces. */
  private readonly overlays = new Group();
  private readonly outlines = new Group();
  private readonly slices = new Group();

  constructor() {
    this.scene.add(new AmbientLight(0xffffff, 0.6));
    this.scene.add(this.headlight);
    this.scene.add(this.overlays);
    this.scene.add(this.outlines);
    this.scene.add(this.slices);
  }

  /** Set (or replace) the surface of an id; per-vertex colours of the old surface are dropped with it. */
  setSurface(id: number, mesh: SurfaceMesh, style: SurfaceStyle): void {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(mesh.positions, 3));
    if (mesh.normals) geometry.setAttribute('normal', new BufferAttribute(mesh.normals, 3));
    geometry.setIndex(new BufferAttribute(mesh.indices, 1));
    if (!mesh.normals) geometry.computeVertexNormals();
    geometry.computeBoundingBox();
    geometry.computeBoundingSphere();
    const old = this.meshes.get(id);
    if (old) {
      old.geometry.dispose();
      old.geometry = geometry;
      this.useVertexColors(old, false);
    } else {
      const m = new Mesh(geometry, new MeshPhongMaterial({ side: DoubleSide, shininess: 30 }));
      this.meshes.set(id, m);
      this.scene.add(m);
    }
    this.setStyle(id, style);
  }

  setStyle(id: number, style: SurfaceStyle): void {
    const m = this.meshes.get(id);
    if (!m) return;
    this.styles.set(id, style);
    // Vertex colours multiply the material's: white lets a map's colours through as they are.
    m.material.color = m.material.vertexColors ? new Color(1, 1, 1) : new Color(style.rgb[0] / 255, style.rgb[1] / 255, style.rgb[2] / 255);
    m.material.opacity = style.opacity;
    m.material.transparent = style.opacity < 1;
    m.material.depthWrite = style.opacity >= 1;
    m.visible = style.visible && style.opacity > 0;
    this.version++;
  }

  /**
   * Per-vertex colours on an id's surface (a thickness or distance map): r, g, b per vertex in
   * sRGB, bytes 0–255 or floats 0–1, as core's `colorMapScalars` makes them; undefined goes back
   * to the style's colour. Shading still applies, so a surface facing the camera shows about the
   * legend's colour.
   *
   * @example
   * const { rgb } = colorMapScalars(surfaceThicknessMm(mesh));
   * scene.setVertexColors(3, rgb);
   */
  setVertexColors(id: number, colors: Uint8Array | Float32Array | undefined): void {
    const m = this.meshes.get(id);
    if (!m) return;
    const geometry = m.geometry;
    if (colors) {
      const n = geometry.getAttribute('position').count;
      if (colors.length !== 3 * n) throw new RangeError(`setVertexColors: ${colors.length} values for ${n} vertices of surface ${id} (expected ${3 * n}: r, g, b per vertex)`);
      const linear = new Float32Array(colors.length);
      if (colors instanceof Uint8Array) for (let i = 0; i < colors.length; i++) linear[i] = SRGB_TO_LINEAR[colors[i]];
      else {
        for (let i = 0; i < colors.length; i += 3) {
          _color.setRGB(colors[i], colors[i + 1], colors[i + 2], SRGBColorSpace);
          linear[i] = _color.r;
          linear[i + 1] = _color.g;
          linear[i + 2] = _color.b;
        }
      }
      geometry.setAttribute('color', new BufferAttribute(linear, 3));
    } else {
      if (!geometry.hasAttribute('color') && !m.material.vertexColors) return;
      geometry.deleteAttribute('color');
    }
    this.useVertexColors(m, !!colors);
    const style = this.styles.get(id);
    if (style) this.setStyle(id, style);
    else this.version++;
  }

  /** Whether an id's surface shows per-vertex colours. */
  hasVertexColors(id: number): boolean {
    return !!this.meshes.get(id)?.material.vertexColors;
  }

  private useVertexColors(m: Mesh<BufferGeometry, MeshPhongMaterial>, on: boolean): void {
    if (m.material.vertexColors === on) return;
    m.material.vertexColors = on;
    m.material.needsUpdate = true; // another shader variant
  }

  remove(id: number): void {
    const m = this.meshes.get(id);
    if (!m) return;
    this.scene.remove(m);
    m.geometry.dispose();
    m.material.dispose();
    this.meshes.delete(id);
    this.styles.delete(id);
    this.version++;
  }

  ids(): number[] {
    return [...this.meshes.keys()];
  }

  /** Triangles of an id's surface (0 when it has none). */
  triangles(id: number): number {
    return (this.meshes.get(id)?.geometry.index?.count ?? 0) / 3;
  }

  /** LPS bounds of the visible surfaces, or undefined when none is visible. */
  bounds(): { lo: Vec3; hi: Vec3 } | undefined {
    const lo: Vec3 = [Infinity, Infinity, Infinity], hi: Vec3 = [-Infinity, -Infinity, -Infinity];
    for (const m of this.meshes.values()) {
      const b = m.geometry.boundingBox;
      if (!m.visible || !b || b.isEmpty()) continue;
      const bl = b.min.toArray(), bh = b.max.toArray();
      for (let a = 0; a < 3; a++) { lo[a] = Math.min(lo[a], bl[a]); hi[a] = Math.max(hi[a], bh[a]); }
    }
    return lo[0] <= hi[0] ? { lo, hi } : undefined;
  }

  /**
   * Explode: each surface moved by its offset (mm); picks subtract it again, so they stay on the
   * anatomy. Ids without an offset go back to where they are.
   */
  setOffsets(offsets: Map<number, Vec3>): void {
    for (const [id, m] of this.meshes) {
      const o = offsets.get(id) ?? [0, 0, 0];
      m.position.set(o[0], o[1], o[2]);
      m.updateMatrixWorld();
    }
    this.version++;
  }

  /** Centre of an id's surface (its bounding box's, LPS mm, without offset). */
  centreOf(id: number): Vec3 | undefined {
    const b = this.meshes.get(id)?.geometry.boundingBox;
    return b && !b.isEmpty() ? (b.min.clone().add(b.max).multiplyScalar(0.5).toArray() as Vec3) : undefined;
  }

  /** Points marked in the scene (a 3D measurement): small spheres joined by a line; sized by the view. */
  setMarkers(points: Vec3[], radiusMm: number): void {
    for (const c of [...this.overlays.children]) {
      this.overlays.remove(c);
      if (c instanceof Mesh || c instanceof Line) { c.geometry.dispose(); (c.material as MeshBasicMaterial).dispose(); }
    }
    for (const p of points) {
      const s = new Mesh(new SphereGeometry(radiusMm, 12, 8), new MeshBasicMaterial({ color: 0xffdc00, depthTest: false }));
      s.position.set(p[0], p[1], p[2]);
      s.renderOrder = 2;
      this.overlays.add(s);
    }
    if (points.length > 1) {
      const line = new Line(new BufferGeometry().setAttribute('position', new BufferAttribute(Float32Array.from(points.flat()), 3)), new LineBasicMaterial({ color: 0xffdc00, depthTest: false }));
      line.renderOrder = 2;
      this.overlays.add(line);
    }
    this.version++;
  }

  /** Outlines (the MPR planes' cuts through the volume), replacing the previous ones. */
  setOutlines(outlines: SceneOutline[]): void {
    for (const c of [...this.outlines.children]) {
      this.outlines.remove(c);
      (c as LineLoop).geometry.dispose();
      ((c as LineLoop).material as LineBasicMaterial).dispose();
    }
    for (const o of outlines) {
      const geometry = new BufferGeometry().setAttribute('position', new BufferAttribute(Float32Array.from(o.corners.flat()), 3));
      this.outlines.add(new LineLoop(geometry, new LineBasicMaterial({ color: new Color(o.rgb[0] / 255, o.rgb[1] / 255, o.rgb[2] / 255) })));
    }
    this.version++;
  }

  /**
   * The MPR planes as slices (their polygons inside the volume, painted with its voxels),
   * replacing the previous ones; none without a source.
   */
  setSlices(polygons: Vec3[][], source: SliceSource | undefined): void {
    for (const c of [...this.slices.children]) {
      this.slices.remove(c);
      (c as Mesh).geometry.dispose();
      ((c as Mesh).material as ShaderMaterial).dispose();
    }
    if (source) {
      for (const corners of polygons) {
        if (corners.length < 3) continue;
        const index: number[] = [];
        for (let i = 1; i + 1 < corners.length; i++) index.push(0, i, i + 1); // a fan: the polygon is convex
        const geometry = new BufferGeometry().setAttribute('position', new BufferAttribute(Float32Array.from(corners.flat()), 3));
        geometry.setIndex(index);
        this.slices.add(new Mesh(geometry, sliceMaterial(source)));
      }
    }
    this.version++;
  }

  /** Place the headlight at the camera and answer the three.js camera to draw with. */
  prepare(camera: OrbitCamera, aspect: number): Camera {
    const cam = threeCamera(camera, aspect);
    this.headlight.position.copy(cam.position);
    this.headlight.target.position.set(...camera.target);
    this.headlight.target.updateMatrixWorld();
    return cam;
  }

  /** The visible surface under a viewport point given in normalised device coordinates (−1…1, y up). */
  pick(camera: OrbitCamera, aspect: number, ndcX: number, ndcY: number): SurfacePick | undefined {
    const ray = new Raycaster();
    ray.setFromCamera(new Vector2(ndcX, ndcY), threeCamera(camera, aspect));
    const visible = [...this.meshes.entries()].filter(([, m]) => m.visible);
    const hits = ray.intersectObjects(visible.map(([, m]) => m), false);
    if (!hits.length) return undefined;
    const [id, mesh] = visible.find(([, m]) => m === hits[0].object)!;
    return { id, point: hits[0].point.clone().sub(mesh.position).toArray() as Vec3 };
  }

  dispose(): void {
    for (const id of this.ids()) this.remove(id);
    this.setMarkers([], 1);
    this.setOutlines([]);
    this.setSlices([], undefined);
  }
}
