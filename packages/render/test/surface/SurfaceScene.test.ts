import { describe, expect, it } from 'vitest';
import { Mesh, type BufferGeometry, type MeshPhongMaterial } from 'three';
import { SurfaceScene, type SurfaceMesh } from '../../src/surface/SurfaceScene.ts';

/** One triangle: three vertices, enough to check per-vertex attributes. */
const triangle = (): SurfaceMesh => ({ positions: Float32Array.of(0, 0, 0, 1, 0, 0, 0, 1, 0), indices: Uint32Array.of(0, 1, 2) });
const style = { rgb: [255, 0, 0] as [number, number, number], opacity: 1, visible: true };

/** The three.js mesh the scene made for the only surface (the scene's meshes are its children). */
function onlyMesh(scene: SurfaceScene): Mesh<BufferGeometry, MeshPhongMaterial> {
  return scene.scene.children.find((c): c is Mesh<BufferGeometry, MeshPhongMaterial> => c instanceof Mesh)!;
}

describe('SurfaceScene per-vertex colours', () => {
  it('puts sRGB map colours on the vertices as linear values, with a white material so they show as they are', () => {
    const scene = new SurfaceScene();
    scene.setSurface(1, triangle(), style);
    const before = scene.version;
    scene.setVertexColors(1, Uint8Array.of(0, 0, 0, 255, 255, 255, 188, 188, 188));
    const m = onlyMesh(scene);
    const color = m.geometry.getAttribute('color');
    expect(color.count).toBe(3);
    // sRGB 0 and 255 are linear 0 and 1; sRGB 188 is linear ≈ 0.5 (the sRGB transfer function).
    expect([color.getX(0), color.getX(1)]).toEqual([0, 1]);
    expect(color.getX(2)).toBeCloseTo(0.5, 2);
    expect(m.material.vertexColors).toBe(true);
    expect(m.material.color.getHex()).toBe(0xffffff);
    expect(scene.hasVertexColors(1)).toBe(true);
    expect(scene.version, 'a change redraws the view').toBeGreaterThan(before);
  });

  it('takes floats 0–1 like bytes /255', () => {
    const scene = new SurfaceScene();
    scene.setSurface(1, triangle(), style);
    scene.setVertexColors(1, Float32Array.of(0, 0, 0, 1, 1, 1, 188 / 255, 188 / 255, 188 / 255));
    const color = onlyMesh(scene).geometry.getAttribute('color');
    expect(color.getX(1)).toBeCloseTo(1, 6);
    expect(color.getX(2)).toBeCloseTo(0.5, 2);
  });

  it('goes back to the style colour when the map is removed, also after a restyle meanwhile', () => {
    const scene = new SurfaceScene();
    scene.setSurface(1, triangle(), style);
    scene.setVertexColors(1, new Uint8Array(9).fill(128));
    scene.setStyle(1, { ...style, rgb: [0, 255, 0] });
    const m = onlyMesh(scene);
    expect(m.material.color.getHex(), 'white while the map is on').toBe(0xffffff);
    scene.setVertexColors(1, undefined);
    expect(m.geometry.hasAttribute('color')).toBe(false);
    expect(m.material.vertexColors).toBe(false);
    expect(m.material.color.getHex()).toBe(0x00ff00);
  });

  it('drops the colours with the surface they belonged to when the surface is replaced', () => {
    const scene = new SurfaceScene();
    scene.setSurface(1, triangle(), style);
    scene.setVertexColors(1, new Uint8Array(9));
    scene.setSurface(1, triangle(), style);
    expect(scene.hasVertexColors(1)).toBe(false);
    expect(onlyMesh(scene).material.color.getHex()).toBe(0xff0000);
  });

  it('refuses colours whose count is not r, g, b per vertex, and ignores unknown ids', () => {
    const scene = new SurfaceScene();
    scene.setSurface(1, triangle(), style);
    expect(() => scene.setVertexColors(1, new Uint8Array(6))).toThrow(/6 values for 3 vertices/);
    expect(() => scene.setVertexColors(7, new Uint8Array(9))).not.toThrow();
  });
});
