import { describe, expect, it } from 'vitest';
import { colorMapScalars } from '../../../src/mesh/maps/colorMapScalars.ts';
import { COLOR_MAPS, type ColorMapName } from '../../../src/mesh/maps/colorMaps.ts';
import { thrownMessage } from '../../util/thrown.ts';

const rgbAt = (rgb: Uint8Array, i: number): number[] => Array.from(rgb.subarray(3 * i, 3 * i + 3));

describe('colorMapScalars', () => {
  it("reproduces matplotlib's viridis table (entries 0, 64, 128, 192, 255 of _viridis_data × 255) within 2 levels", () => {
    const table: [number, number[]][] = [[0, [68, 1, 84]], [64, [59, 82, 139]], [128, [33, 145, 140]], [192, [94, 201, 98]], [255, [253, 231, 37]]];
    const { rgb } = colorMapScalars(table.map(([k]) => k / 255), { min: 0, max: 1 });
    table.forEach(([, expected], i) => {
      rgbAt(rgb, i).forEach((c, ch) => expect(Math.abs(c - expected[ch])).toBeLessThanOrEqual(2));
    });
  });

  it("gives jet's matplotlib breakpoints: dark blue at the bottom, blue at 0.125, dark red at the top", () => {
    const { rgb } = colorMapScalars([0, 0.125, 1], { min: 0, max: 1, map: 'jet' });
    expect(rgbAt(rgb, 0)).toEqual([0, 0, 128]);
    expect(rgbAt(rgb, 1)).toEqual([0, 0, 255]);
    expect(rgbAt(rgb, 2)).toEqual([128, 0, 0]);
  });

  it('maps min and max to the ends, clamps outside values and paints NaN with the NaN colour', () => {
    const { rgb, legend } = colorMapScalars([1.5, 3.5, -10, 99, NaN, Infinity], { min: 1.5, max: 3.5, map: 'gray', nanRgb: [255, 0, 255] });
    expect(rgbAt(rgb, 0)).toEqual([0, 0, 0]);
    expect(rgbAt(rgb, 1)).toEqual([255, 255, 255]);
    expect(rgbAt(rgb, 2)).toEqual([0, 0, 0]);
    expect(rgbAt(rgb, 3)).toEqual([255, 255, 255]);
    expect(rgbAt(rgb, 4)).toEqual([255, 0, 255]);
    expect(rgbAt(rgb, 5)).toEqual([255, 0, 255]);
    expect(legend).toEqual({ map: 'gray', min: 1.5, max: 3.5, unit: 'mm', stops: [{ value: 1.5, rgb: [0, 0, 0] }, { value: 3.5, rgb: [255, 255, 255] }], nanRgb: [255, 0, 255] });
  });

  it('takes the range from the finite values by default and describes every map as increasing stops from min to max', () => {
    for (const map of Object.keys(COLOR_MAPS) as ColorMapName[]) {
      const values = [2, NaN, -1, 5, Infinity];
      const { rgb, legend } = colorMapScalars(values, { map, unit: 'HU' });
      expect([legend.min, legend.max, legend.unit]).toEqual([-1, 5, 'HU']);
      expect(legend.stops[0].value).toBe(-1);
      expect(legend.stops[legend.stops.length - 1].value).toBe(5);
      for (let s = 1; s < legend.stops.length; s++) expect(legend.stops[s].value).toBeGreaterThanOrEqual(legend.stops[s - 1].value);
      // The vertices at the ends wear the legend's end colours.
      expect(rgbAt(rgb, 2)).toEqual(legend.stops[0].rgb);
      expect(rgbAt(rgb, 3)).toEqual(legend.stops[legend.stops.length - 1].rgb);
    }
  });

  it('gives equal values the middle colour, and an empty list an empty result', () => {
    const { rgb, legend } = colorMapScalars([2, 2, 2], { map: 'blueWhiteRed' });
    expect(rgbAt(rgb, 1)).toEqual([247, 247, 247]);
    expect([legend.min, legend.max]).toEqual([2, 2]);
    expect(colorMapScalars(new Float32Array(0)).rgb).toHaveLength(0);
  });

  it('refuses an unknown map, an empty or reversed range and a bad NaN colour', () => {
    expect(thrownMessage(() => colorMapScalars([1], { map: 'rainbow' as ColorMapName }))).toMatch(/VOXA_ERR_BAD_ARGUMENT: .*unknown colour map \(expected one of viridis, jet, hot, gray, blueWhiteRed\)/);
    expect(thrownMessage(() => colorMapScalars([1], { min: 3, max: 3 }))).toMatch(/min must be less than max/);
    expect(thrownMessage(() => colorMapScalars([1], { min: 4, max: 3 }))).toMatch(/min must be less than max/);
    expect(thrownMessage(() => colorMapScalars([1], { min: NaN, max: 3 }))).toMatch(/min and max must be finite/);
    expect(thrownMessage(() => colorMapScalars([1], { nanRgb: [0, 0, 256] }))).toMatch(/nanRgb must be three integers/);
    expect(thrownMessage(() => colorMapScalars(undefined as unknown as number[]))).toMatch(/values must be an array/);
  });
});
