import { describe, expect, it } from 'vitest';
import { EXPORT_FRAME_MATRICES, GLTF_METRES_PER_MM, lpsToExportFrame } from '../../../src/mesh/export/exportFrame.ts';
import { meshVolume } from '../../../src/mesh/meshMeasures.ts';
import { boxMesh } from './meshFixtures.ts';

const det3 = (m: readonly number[]) =>
  m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);

describe('lpsToExportFrame', () => {
  it('glTF: a rotation (determinant +1 after removing the mm → m scale), so handedness is kept', () => {
    const m = EXPORT_FRAME_MATRICES['gltf-m'];
    expect(det3(m.map((x) => x / GLTF_METRES_PER_MM))).toBe(1);
    // Orthonormal rows: RᵀR = I.
    const r = m.map((x) => x / GLTF_METRES_PER_MM);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
      expect(r[3 * a] * r[3 * b] + r[3 * a + 1] * r[3 * b + 1] + r[3 * a + 2] * r[3 * b + 2]).toBe(a === b ? 1 : 0);
    }
  });

  it('glTF: patient left (+x LPS) → +X, superior (+z LPS) → +Y (up), anterior (−y LPS) → +Z (toward the viewer), mm → m', () => {
    const out = lpsToExportFrame(Float32Array.of(1000, 0, 0, 0, 0, 1000, 0, -1000, 0), 'gltf-m');
    expect(Array.from(out)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('glTF: directions keep unit length (no mm → m scale)', () => {
    const n = lpsToExportFrame(Float32Array.of(0, 0.6, 0.8), 'gltf-m', 'direction');
    expect(Array.from(n).map((x) => +x.toFixed(6))).toEqual([0, 0.8, -0.6]);
  });

  it('glTF: a box wound outward in LPS is still wound outward (positive volume, 10⁻⁹ m³ per mm³)', () => {
    const box = boxMesh([10, 20, 30], [20, 40, 60]);
    const gltf = { positions: lpsToExportFrame(box.positions, 'gltf-m'), indices: box.indices };
    expect(meshVolume(gltf)).toBeCloseTo(meshVolume(box) * 1e-9, 12);
    expect(meshVolume(gltf)).toBeGreaterThan(0);
  });

  it('LPS mm (STL, OBJ, PLY, 3MF) is the identity and returns a copy', () => {
    const p = Float32Array.of(1, 2, 3);
    const out = lpsToExportFrame(p, 'lps-mm');
    expect(out).toEqual(p);
    expect(out).not.toBe(p);
  });

  it('rejects an unknown frame and a length that is not xyz triples (VOXA_ERR_BAD_ARGUMENT)', () => {
    expect(() => lpsToExportFrame(new Float32Array(3), 'ras' as 'lps-mm')).toThrow(expect.objectContaining({ code: 'VOXA_ERR_BAD_ARGUMENT' }));
    expect(() => lpsToExportFrame(new Float32Array(4), 'lps-mm')).toThrow(/multiple of 3/);
  });
});
