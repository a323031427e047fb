import { describe, expect, it } from 'vitest';
import type { InstanceRef } from '../../src/store/InstanceStore.ts';
import { instanceSpans, type InstanceLocation } from '../../src/store/instanceSpans.ts';

const ref = (sop: string): InstanceRef => ({ studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3', sopInstanceUid: sop });

/** Records of `sizes` one after another in `file`, each after its 48-byte header. */
function packed(file: string, sizes: number[]): InstanceLocation[] {
  let at = 0;
  return sizes.map((byte_size) => {
    const location = { file_path: file, byte_offset: at + 48, byte_size };
    at += 48 + byte_size;
    return location;
  });
}

describe('instanceSpans', () => {
  it('joins records that follow one another in one pack, in the order asked, up to maxBytes; a gap, another file or an unknown instance ends a span', () => {
    const a = packed('packs/a.pack', [100, 100, 100, 100, 100]);
    const b = packed('packs/b.pack', [100]);
    const where = new Map<string, InstanceLocation>([
      ['a0', a[0]], ['a1', a[1]], ['a2', a[2]], ['a3', a[3]], ['a4', a[4]], ['b0', b[0]],
    ]);
    const asked = ['a0', 'a1', 'a2', 'a4', 'x', 'b0', 'a3', 'a4'].map(ref);
    const spans = [...instanceSpans(asked, (r) => where.get(r.sopInstanceUid), 400)];
    expect(spans.map((s) => [s.ref.sopInstanceUid, s.parts.length])).toEqual([
      ['a0', 3], // a0-a2: 396 bytes from first to last; a4 comes next, but a3 lies between them
      ['a4', 1],
      ['x', 0],
      ['b0', 1],
      ['a3', 2],
    ]);
    // maxBytes bounds a span from its first byte to its last: 100 + 48 + 100 = 248.
    expect([...instanceSpans(['a0', 'a1', 'a2'].map(ref), (r) => where.get(r.sopInstanceUid), 300)].map((s) => s.parts.length)).toEqual([2, 1]);
    // An instance larger than maxBytes is read alone.
    expect([...instanceSpans(['a0', 'a1'].map(ref), (r) => where.get(r.sopInstanceUid), 50)].map((s) => s.parts.length)).toEqual([1, 1]);
  });

  it('locates each ref only as its span is taken', () => {
    const a = packed('packs/a.pack', [10, 10, 10]);
    const located: string[] = [];
    const spans = instanceSpans(['0', '1', '2'].map(ref), (r) => (located.push(r.sopInstanceUid), a[Number(r.sopInstanceUid)]), 15);
    spans.next();
    expect(located).toEqual(['0', '1']); // the second ends the first span
  });
});
