import { describe, expect, it } from 'vitest';
import { isVoxaError } from '../../src/errors/VoxaError.ts';
import { generatePhantomTimePoint } from '../../src/phantom/generatePhantom.ts';
import { PHANTOM_LABEL, PHANTOM_LABELS } from '../../src/phantom/phantomLabels.ts';
import { phantomTruthToJson } from '../../src/phantom/PhantomTruth.ts';
import { erodedLabelStats, smallTimePoint } from './phantomFixtures.ts';

/** Labels need this many eroded voxels for their mean to be tested (standard error ≤ σ/10). */
const MIN_INTERIOR_VOXELS = 100;

describe('generatePhantomTimePoint (small)', () => {
  it('generates each small time point well under 2 s (timing printed, not asserted)', () => {
    const times: string[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const tp = generatePhantomTimePoint(i, { size: 'small', seed: 99 });
      times.push(`tp${i} ${(performance.now() - t0).toFixed(0)} ms`);
      expect(tp.ct.dimensions).toEqual([128, 128, 150]);
    }
    console.log(`[phantom] small generation (128×128×150, 2.8×2.8×3 mm): ${times.join(', ')}`);
  });

  it('is deterministic: the same options give byte-identical CT, labels and truth', () => {
    const a = generatePhantomTimePoint(1, { size: 'small', seed: 5 });
    const b = generatePhantomTimePoint(1, { size: 'small', seed: 5 });
    expect(Buffer.from(a.ct.voxels.buffer).equals(Buffer.from(b.ct.voxels.buffer))).toBe(true);
    expect(Buffer.from(a.labels.voxels.buffer).equals(Buffer.from(b.labels.voxels.buffer))).toBe(true);
    expect(JSON.stringify(a.truth, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)))
      .toBe(JSON.stringify(b.truth, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
  });

  it('another seed changes only the noise: same labels, same lesions, CT − noise-free CT is σ-noise', () => {
    const clean = smallTimePoint(0, { noise: 0 });
    const s1 = smallTimePoint(0, { seed: 1 });
    const s2 = smallTimePoint(0, { seed: 2 });
    expect(Buffer.from(s1.labels.voxels.buffer).equals(Buffer.from(s2.labels.voxels.buffer))).toBe(true);
    expect(Buffer.from(clean.labels.voxels.buffer).equals(Buffer.from(s1.labels.voxels.buffer))).toBe(true);
    expect(s2.truth.lesions.map((l) => l.voxelCount)).toEqual(s1.truth.lesions.map((l) => l.voxelCount));
    let differ = 0;
    for (const tp of [s1, s2]) {
      const c = clean.ct.voxels, v = tp.ct.voxels;
      let sum = 0, sq = 0;
      for (let n = 0; n < v.length; n++) {
        const d = v[n] - c[n];
        sum += d;
        sq += d * d;
      }
      const mean = sum / v.length, sd = Math.sqrt(sq / v.length - mean * mean);
      // 2.5 M samples of N(0, 10) rounded to integers: mean within 0.05, SD within 0.1 of √(100 + 1/12).
      expect(Math.abs(mean)).toBeLessThan(0.05);
      expect(Math.abs(sd - Math.sqrt(100 + 1 / 12))).toBeLessThan(0.1);
    }
    for (let n = 0; n < s1.ct.voxels.length; n++) if (s1.ct.voxels[n] !== s2.ct.voxels[n]) differ++;
    expect(differ / s1.ct.voxels.length).toBeGreaterThan(0.9);
  });

  it('each label interior (1-voxel border excluded) has its documented mean HU within ±5 at σ = 10', () => {
    for (const index of [0, 1, 2]) {
      const tp = smallTimePoint(index);
      const stats = erodedLabelStats(tp.labels.voxels as Uint8Array, tp.ct.voxels, tp.ct.dimensions);
      const tested: string[] = [];
      for (const row of PHANTOM_LABELS) {
        const s = stats.get(row.id);
        if (!s || s.count < MIN_INTERIOR_VOXELS) continue;
        tested.push(row.name);
        expect(Math.abs(s.mean - row.hu), `${row.name} at tp${index}: mean ${s.mean.toFixed(2)} HU, documented ${row.hu}`).toBeLessThanOrEqual(5);
      }
      // Every organ of the torso is large enough to be tested at the small size.
      for (const name of ['liver', 'spleen', 'kidney_left', 'kidney_right', 'heart', 'aorta', 'lung_left', 'lung_right', 'muscle', 'subcutaneous_fat', 'vertebrae', 'airway']) {
        expect(tested).toContain(name);
      }
    }
  });

  it('air outside the body is −1000 HU plus noise of σ = 10', () => {
    const tp = smallTimePoint(0);
    const air = erodedLabelStats(tp.labels.voxels as Uint8Array, tp.ct.voxels, tp.ct.dimensions).get(PHANTOM_LABEL.background);
    expect(air && air.count).toBeGreaterThan(1_000_000);
    expect(Math.abs((air?.mean ?? 0) + 1000)).toBeLessThan(0.1);
    expect(Math.abs((air?.sd ?? 0) - 10)).toBeLessThan(0.1);
  });

  it('labels every structure of the table, lesions at the time points that have them', () => {
    const counts = [0, 1, 2].map((i) => smallTimePoint(i).truth.labelVoxelCounts);
    for (const row of PHANTOM_LABELS) {
      const expectedAt = row.id === PHANTOM_LABEL.liverLesion2 ? [false, false, true] : [true, true, true];
      counts.forEach((c, i) => expect(c[row.name] > 0, `${row.name} at tp${i}`).toBe(expectedAt[i]));
    }
  });

  it('serializes the truth with matrices as 16-number arrays', () => {
    const tp = smallTimePoint(1);
    const doc = JSON.parse(phantomTruthToJson({
      generator: 'voxa-phantom', version: 1, options: tp.options, conventions: {} as never, labels: PHANTOM_LABELS, timePoint: tp.truth,
    })) as { timePoint: { timePointToBaseline: number[]; grid: { indexToWorld: number[] } } };
    expect(doc.timePoint.timePointToBaseline).toHaveLength(16);
    expect(doc.timePoint.grid.indexToWorld).toEqual(Array.from(tp.ct.indexToWorld));
  });

  it('rejects invalid options with VOXA_ERR_BAD_ARGUMENT', () => {
    for (const bad of [{ size: 'huge' as never }, { seed: -1 }, { noise: -1 }, { timePoints: 4 }, { baselineDate: '2024-01-08' }]) {
      let error: unknown;
      try {
        generatePhantomTimePoint(0, bad);
      } catch (e) {
        error = e;
      }
      expect(isVoxaError(error) && error.code).toBe('VOXA_ERR_BAD_ARGUMENT');
    }
    expect(() => generatePhantomTimePoint(2, { timePoints: 2 })).toThrow(/time point index/);
  });
});
