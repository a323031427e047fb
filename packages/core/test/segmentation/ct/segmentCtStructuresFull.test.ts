import { describe, expect, it } from 'vitest';
import { generatePhantomTimePoint } from '../../../src/phantom/generatePhantom.ts';
import { PHANTOM_LABEL } from '../../../src/phantom/phantomLabels.ts';
import { CT_STRUCTURES, ctStructureMasks } from '../../../src/segmentation/ct/ctStructureMasks.ts';

const L = PHANTOM_LABEL;
/** The phantom's labels per structure (see segmentCtStructures.test.ts for why each maps so). */
const TRUTH: Record<string, number[]> = {
  body: Object.values(L).filter((v) => v !== 0),
  skin: [L.skin],
  subcutaneousFat: [L.subcutaneousFat],
  visceralFat: [L.visceralFat],
  muscle: [L.muscle],
  bones: [L.vertebrae, L.ribs],
  rightLung: [L.rightLung],
  leftLung: [L.leftLung],
  airway: [L.airway],
};

describe('ctStructureMasks on the full phantom (512 × 512 × 300, 0.7 × 0.7 × 1.5 mm)', () => {
  it('finds every structure with Dice ≥ 0.95 in tens of seconds', () => {
    const tp = generatePhantomTimePoint(0, { size: 'full' });
    const labels = tp.labels.voxels as Uint8Array;
    // About 20 s on a 2-core machine (timings are reported, not asserted: machines differ).
    const { masks } = ctStructureMasks(tp.ct);
    for (const s of CT_STRUCTURES) {
      const lut = new Uint8Array(256);
      for (const id of TRUTH[s]) lut[id] = 1;
      const m = masks[s]!;
      let both = 0, sum = 0;
      for (let n = 0; n < m.length; n++) {
        const t = lut[labels[n]];
        both += m[n] & t;
        sum += m[n] + t;
      }
      expect((2 * both) / sum, s).toBeGreaterThanOrEqual(0.95);
    }
  });
});
