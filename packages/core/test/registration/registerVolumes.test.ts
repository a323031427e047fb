import { describe, expect, it } from 'vitest';
import { transformPoint } from '../../src/math/Mat4.ts';
import { generatePhantomTimePoint } from '../../src/phantom/generatePhantom.ts';
import { registerVolumes } from '../../src/registration/registerVolumes.ts';
import { resampleMovingOntoFixed } from '../../src/registration/movingInFixedSpace.ts';
import { PHANTOM_LABEL } from '../../src/phantom/phantomLabels.ts';
import { createVolume } from '../../src/volume/Volume.ts';
import { thrownMessage } from '../util/thrown.ts';

const baseline = generatePhantomTimePoint(0, { size: 'small' });
const LIVER = PHANTOM_LABEL.liver;
const followUps = [1, 2].map((i) => generatePhantomTimePoint(i, { size: 'small' }));

/** Target registration error (mm) at each baseline lesion centre against the phantom's designed motion. */
function lesionTre(fixedToMoving: Float64Array, index: number): number[] {
  return baseline.truth.lesions.map((l) => {
    const got = transformPoint(fixedToMoving, l.centreLps);
    const want = transformPoint(followUps[index - 1].truth.baselineToTimePoint, l.centreLps);
    return Math.hypot(got[0] - want[0], got[1] - want[1], got[2] - want[2]);
  });
}

describe('registerVolumes on the phantom (2.8 × 2.8 × 3 mm CT, follow-ups rotated 3° / −2.5° and shifted 7–8 mm)', () => {
  it.each([1, 2])('recovers time point %i\'s rigid motion within 0.5 mm TRE at every lesion', (index) => {
    const result = registerVolumes(baseline.ct, followUps[index - 1].ct, { mode: 'rigid' });
    const tre = lesionTre(result.transform.fixedToMoving, index);
    expect(tre.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...tre)).toBeLessThan(0.5); // measured 0.06 (tp 1) and 0.10 (tp 2)
    expect(result.transform.kind).toBe('rigid');
    expect(result.levels.map((l) => l.shrink)).toEqual([4, 2, 1]);
  });

  it('solves an affine after the rigid pass and stays within 0.5 mm (the truth is rigid)', () => {
    const result = registerVolumes(baseline.ct, followUps[0].ct, { mode: 'affine' });
    expect(result.transform.kind).toBe('affine');
    expect(result.transform.parameters).toHaveLength(12);
    expect(Math.max(...lesionTre(result.transform.fixedToMoving, 1))).toBeLessThan(0.5); // measured 0.08
  });

  it('gives the same answer for the same inputs and seed', () => {
    const a = registerVolumes(baseline.ct, followUps[1].ct, { levels: [4, 2] });
    const b = registerVolumes(baseline.ct, followUps[1].ct, { levels: [4, 2] });
    expect(Array.from(a.transform.fixedToMoving)).toEqual(Array.from(b.transform.fixedToMoving));
  });

  it('carries the follow-up labels back onto the baseline grid: the liver overlaps with Dice ≥ 0.97', () => {
    const { transform } = registerVolumes(baseline.ct, followUps[0].ct);
    const carried = resampleMovingOntoFixed(followUps[0].labels, baseline.labels, transform.fixedToMoving, { interpolation: 'nearest', fill: 0 });
    let both = 0, sum = 0;
    for (let n = 0; n < carried.voxels.length; n++) {
      const a = baseline.labels.voxels[n] === LIVER ? 1 : 0, b = carried.voxels[n] === LIVER ? 1 : 0;
      both += a & b; sum += a + b;
    }
    expect(sum).toBeGreaterThan(10_000);
    // Nearest-neighbour resampling of a crisp 2.8 mm label costs about a voxel layer here and there.
    expect((2 * both) / sum).toBeGreaterThan(0.97);
  });

  it('refuses a 2D image and an unknown mode, naming what it expected', () => {
    const flat = createVolume({ dimensions: [8, 8, 1] });
    expect(thrownMessage(() => registerVolumes(flat, baseline.ct))).toMatch(/fixed volume is 8×8×1; registration needs a 3D grid/);
    expect(thrownMessage(() => registerVolumes(baseline.ct, baseline.ct, { mode: 'elastic' as 'rigid' }))).toMatch(/mode "elastic": expected rigid or affine/);
  });

  it('stops when its signal aborts', () => {
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    expect(() => registerVolumes(baseline.ct, followUps[0].ct, { signal: controller.signal })).toThrow(/user cancelled/);
  });
});
