import { describe, expect, it } from 'vitest';
import { parseLesionSeeds, phantomLesionSeeds } from '../../src/longitudinal/lesionSeeds.ts';
import { generatePhantomTimePoint } from '../../src/phantom/generatePhantom.ts';
import { thrownMessage } from '../util/thrown.ts';

describe('lesion seeds (lesions.json)', () => {
  it('takes the phantom\'s baseline targets and the lesion new at time point 2', () => {
    const seeds = phantomLesionSeeds([0, 1, 2].map((i) => generatePhantomTimePoint(i, { size: 'small' }).truth));
    expect(seeds.lesions.map((l) => `${l.id}:${l.kind}:${l.isLymphNode}`)).toEqual(['liver-1:target:false', 'lung-1:target:false', 'node-1:target:true']);
    expect(seeds.newLesions).toMatchObject([{ id: 'liver-2', organ: 'liver', scan: 2 }]);
    // The JSON form reads back to the same seeds.
    expect(parseLesionSeeds(JSON.parse(JSON.stringify(seeds)))).toEqual(JSON.parse(JSON.stringify(seeds)));
  });

  it('names the file, the lesion and the field of a bad document', () => {
    const ok = { id: 'a', organ: 'liver', kind: 'target', seedLps: [1, 2, 3] };
    expect(thrownMessage(() => parseLesionSeeds({}, 'x.json'))).toMatch(/expected an object with a "lesions" array.*\(file x\.json\)/);
    expect(thrownMessage(() => parseLesionSeeds({ lesions: [{ ...ok, seedLps: [1, 2] }] }))).toMatch(/lesion a: "seedLps" must be \[x, y, z\] in LPS mm/);
    expect(thrownMessage(() => parseLesionSeeds({ lesions: [{ ...ok, kind: 'maybe' }] }))).toMatch(/lesion a: "kind" must be "target" or "non-target"/);
    expect(thrownMessage(() => parseLesionSeeds({ lesions: [ok, ok] }))).toMatch(/lesions\[1\]: id "a" is used twice/);
    expect(thrownMessage(() => parseLesionSeeds({ lesions: [ok], newLesions: [{ ...ok, id: 'b', scan: 0 }] }))).toMatch(/new lesion b: "scan" must be the index of a follow-up/);
  });
});
