import { describe, expect, it } from 'vitest';
import {
  histogramPercentiles, imagePsnr, resolveVolumePreset, sampleTransferFunction, transferFunctionRange, valueHistogram, VOLUME_PRESETS, volumePreset,
  type TransferFunction,
} from '@voxa/core';

const tf: TransferFunction = {
  color: [{ value: 0, rgb: [0, 0, 0] }, { value: 100, rgb: [1, 0.5, 0] }],
  opacity: [{ value: 20, alpha: 0 }, { value: 60, alpha: 0.8 }, { value: 80, alpha: 0.4 }],
  unitDistanceMm: 1,
};

describe('transfer functions', () => {
  it('samples colour and opacity piecewise-linearly, holding the end values outside the points', () => {
    const t = sampleTransferFunction(tf, -100, 200, 301); // one entry per unit value
    const at = (v: number) => Array.from(t.rgba.subarray((v + 100) * 4, (v + 101) * 4));
    expect(at(-100)).toEqual([0, 0, 0, 0]);
    expect(at(50)[0]).toBeCloseTo(0.5, 6);
    expect(at(50)[1]).toBeCloseTo(0.25, 6);
    expect(at(40)[3]).toBeCloseTo(0.4, 6);
    expect(at(70)[3]).toBeCloseTo(0.6, 6);
    expect(at(200)).toEqual([1, 0.5, 0, expect.closeTo(0.4, 6)]);
  });

  it('refuses an empty range and points out of order, naming them', () => {
    expect(() => sampleTransferFunction(tf, 5, 5)).toThrow(/range \[5, 5\] is empty/);
    const bad = { ...tf, opacity: [{ value: 10, alpha: 0 }, { value: 5, alpha: 1 }] };
    expect(() => sampleTransferFunction(bad, 0, 1)).toThrow(/opacity points must ascend by value: 10 then 5/);
  });

  it('has the presets the issue names, CT in HU and MR/PET relative to a measured range', () => {
    expect(VOLUME_PRESETS.map((p) => p.name)).toEqual(['ct-bone', 'ct-soft-tissue', 'ct-lung', 'ct-angio', 'ct-cardiac', 'mr-default', 'mr-angio', 'pet']);
    const bone = sampleTransferFunction(volumePreset('ct-bone').transferFunction, -1024, 3071, 4096);
    const alphaAt = (hu: number) => bone.rgba[(hu + 1024) * 4 + 3];
    expect(alphaAt(50)).toBe(0); // soft tissue transparent
    expect(alphaAt(-1000)).toBe(0);
    expect(alphaAt(800)).toBeGreaterThan(0.8); // cortex opaque
    const lung = sampleTransferFunction(volumePreset('ct-lung').transferFunction, -1024, 3071, 4096);
    expect(lung.rgba[(-850 + 1024) * 4 + 3]).toBeGreaterThan(0.05); // parenchyma
    expect(lung.rgba[(-1000 + 1024) * 4 + 3]).toBe(0); // air in the lumen and outside
    expect(lung.rgba[(40 + 1024) * 4 + 3]).toBe(0);
    const mr = resolveVolumePreset(volumePreset('mr-default'), { low: 100, high: 1100 });
    expect(transferFunctionRange(mr)).toEqual({ low: 100, high: 1100 });
    expect(() => volumePreset('ct-nope')).toThrow(/unknown volume preset "ct-nope"; known: ct-bone/);
  });

  it('finds a robust range from a histogram, ignoring a few extreme voxels', () => {
    const values = new Float32Array(10_000);
    for (let i = 0; i < values.length; i++) values[i] = (i % 1000) / 10; // uniform 0–99.9
    values[0] = 1e6; // a hot voxel
    const h = valueHistogram(values, 0, 1e6, 100_000);
    expect(h.total).toBe(10_000);
    const r = histogramPercentiles(h, 0.01, 0.99);
    expect(r.low).toBeCloseTo(1, 0);
    expect(r.high).toBeCloseTo(99, 0);
  });
});

describe('imagePsnr', () => {
  it('is 10·log10(1/MSE) over RGB, alpha ignored, values clamped to 1', () => {
    const ref = new Float32Array([0.5, 0.5, 0.5, 1, 0.2, 0.2, 0.2, 1]);
    const img = new Float32Array([0.6, 0.5, 0.5, 0, 0.2, 0.2, 0.2, 0.3]); // one channel off by 0.1
    expect(imagePsnr(img, ref)).toBeCloseTo(10 * Math.log10(1 / (0.01 / 6)), 4); // float32 inputs
    expect(imagePsnr(new Float32Array([2, 1, 1, 1]), new Float32Array([1, 1, 1, 1]))).toBe(Infinity);
    expect(() => imagePsnr(new Float32Array(4), new Float32Array(8))).toThrow(/4 and 8 values/);
  });
});
