import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../../src/math/Mat4.ts';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { addGaussianNoise } from '../../../src/phantom/gaussianNoise.ts';
import { generatePhantomTimePoint } from '../../../src/phantom/generatePhantom.ts';
import { phantomTimePointModel } from '../../../src/phantom/phantomModel.ts';
import { rasterizeShapes } from '../../../src/phantom/rasterizeShapes.ts';
import { createVolume } from '../../../src/volume/Volume.ts';
import { PHANTOM_LABEL } from '../../../src/phantom/phantomLabels.ts';
import { SEGMENT_TYPE, sameConcept } from '../../../src/segmentation/CodedConcept.ts';
import { segmentMask } from '../../../src/segmentation/Segmentation.ts';
import { type CtStructure, ctStructureMasks } from '../../../src/segmentation/ct/ctStructureMasks.ts';
import { CT_RULES_ALGORITHM, segmentCtStructures } from '../../../src/segmentation/ct/segmentCtStructures.ts';
import { diceToLabels, TRUTH } from './phantomTruth.ts';

describe('ctStructureMasks on the digital phantom (small grid, σ = 10 HU, partial-volume edges)', () => {
  // Each time point moves the patient (rotation about z, shift), so the rules see three poses.
  for (const index of [0, 1, 2]) {
    it(`finds every structure with Dice ≥ 0.95 at time point ${index}`, () => {
      const tp = generatePhantomTimePoint(index, { size: 'small' });
      const { masks, warnings } = ctStructureMasks(tp.ct);
      expect(warnings).toEqual([]);
      const labels = tp.labels.voxels as Uint8Array;
      const scores = Object.fromEntries(Object.entries(TRUTH).map(([s, ids]) => [s, diceToLabels(masks[s as CtStructure]!, labels, ids)]));
      for (const [s, d] of Object.entries(scores)) expect(d, `${s} Dice ${d.toFixed(4)}`).toBeGreaterThanOrEqual(0.95);
    });
  }
});

describe('segmentCtStructures', () => {
  it('returns a segmentation: the body in layer 0, the exclusive tissue partition in layer 1, automatic proposals', () => {
    const tp = generatePhantomTimePoint(0, { size: 'small' });
    const progress: number[] = [];
    const seg = segmentCtStructures(tp.ct, { onProgress: (p) => progress.push(p.fraction) });
    expect(seg.layers).toHaveLength(2);
    expect(seg.segments.map((g) => g.label)).toEqual(['Body', 'Airway', 'Right lung', 'Left lung', 'Bones', 'Skin', 'Skeletal muscle', 'Subcutaneous fat', 'Visceral fat']);
    for (const g of seg.segments) {
      expect(g.layer).toBe(g.label === 'Body' ? 0 : 1);
      expect(g.algorithmType).toBe('AUTOMATIC');
      expect(g.algorithmName).toBe(CT_RULES_ALGORITHM.name);
      expect(g.algorithmVersion).toBe(CT_RULES_ALGORITHM.version);
      expect(g.review.status).toBe('proposal');
    }
    expect(sameConcept(seg.segments.find((g) => g.label === 'Right lung')!.type, SEGMENT_TYPE.rightLung)).toBe(true);
    expect(seg.frameOfReferenceUid).toBe(tp.ct.meta.frameOfReferenceUid);
    // Progress only grows and ends at 1.
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
    expect(progress.at(-1)).toBe(1);
    const lung = segmentMask(seg, seg.segments.find((g) => g.label === 'Right lung')!.number);
    expect(diceToLabels(lung, tp.labels.voxels as Uint8Array, [PHANTOM_LABEL.rightLung])).toBeGreaterThanOrEqual(0.95);
  });

  it('computes only the structures asked for (and what they need)', () => {
    const tp = generatePhantomTimePoint(0, { size: 'small' });
    const r = ctStructureMasks(tp.ct, { structures: ['body', 'leftLung'] });
    expect(Object.keys(r.masks).sort()).toEqual(['body', 'leftLung']);
    expect(Object.keys(r.timingsMs).sort()).toEqual(['airway', 'body', 'lungs']);
  });

  it('works on another spacing: the phantom rasterized on a 1.4 × 1.4 × 5 mm grid (thick slices)', () => {
    // Thresholds are HU and sizes mm or mL, so the rules hold on any grid: the same analytic
    // phantom painted on an anisotropic grid with 5 mm slices keeps every Dice ≥ 0.95.
    const sp: Vec3 = [1.4, 1.4, 5];
    const dims: Dims3 = [256, 256, 90];
    const origin = dims.map((d, a) => (-(d - 1) * sp[a]) / 2) as Vec3;
    const indexToWorld = mat4FromColumns([sp[0], 0, 0], [0, sp[1], 0], [0, 0, sp[2]], origin);
    const n = dims[0] * dims[1] * dims[2];
    const labels = new Uint8Array(n);
    const hu = new Int16Array(n).fill(-1000);
    rasterizeShapes({ dimensions: dims, indexToWorld }, labels, hu, phantomTimePointModel(0).shapes);
    addGaussianNoise(hu, 10, 1, 0);
    const { masks } = ctStructureMasks(createVolume({ dimensions: dims, voxels: hu, indexToWorld, units: 'HU' }));
    for (const [s, ids] of Object.entries(TRUTH)) {
      const d = diceToLabels(masks[s as CtStructure]!, labels, ids);
      expect(d, `${s} Dice ${d.toFixed(4)}`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
