import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/store/readAhead.ts';

/** Reads that finish when the test says, recording how many run at once. */
function controlledReads() {
  const started: number[] = [];
  const finish = new Map<number, (value: string) => void>();
  const fail = new Map<number, (error: Error) => void>();
  let running = 0;
  let peak = 0;
  const read = (item: number) => new Promise<string>((resolve, reject) => {
    started.push(item);
    peak = Math.max(peak, ++running);
    finish.set(item, (v) => (running--, resolve(v)));
    fail.set(item, (e) => (running--, reject(e)));
  });
  return { read, started, finish, fail, peak: () => peak };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('readAhead', () => {
  it('yields in item order however the reads finish, with at most `items` in flight', async () => {
    const c = controlledReads();
    const items = [0, 1, 2, 3, 4, 5, 6];
    const out: string[] = [];
    const done = (async () => {
      for await (const v of readAhead(items, c.read, () => 10, { items: 3, bytes: 1000 })) out.push(v);
    })();
    await tick();
    expect(c.started).toEqual([0, 1, 2]);
    // Later reads finishing first changes nothing in the order.
    c.finish.get(2)!('c');
    c.finish.get(1)!('b');
    await tick();
    expect(out).toEqual([]);
    c.finish.get(0)!('a');
    await tick();
    expect(out).toEqual(['a', 'b', 'c']);
    for (const k of [3, 4, 5, 6]) {
      await tick();
      c.finish.get(k)!(String.fromCharCode(97 + k));
    }
    await done;
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(c.peak()).toBe(3);
  });

  it('keeps the summed size of the reads ahead within `bytes`, but always reads one, however large', async () => {
    const c = controlledReads();
    const sizes = [50, 40, 30, 200, 10];
    const out: string[] = [];
    const done = (async () => {
      for await (const v of readAhead([0, 1, 2, 3, 4], c.read, (k) => sizes[k], { items: 10, bytes: 100 })) out.push(v);
    })();
    await tick();
    expect(c.started).toEqual([0, 1]); // 50 + 40; adding 30 would pass 100
    c.finish.get(0)!('a');
    await tick();
    expect(c.started).toEqual([0, 1, 2]); // 40 + 30
    c.finish.get(1)!('b');
    c.finish.get(2)!('c');
    await tick();
    expect(c.started).toEqual([0, 1, 2, 3]); // 200 alone: over the bound, but nothing else waits
    c.finish.get(3)!('d');
    await tick();
    c.finish.get(4)!('e');
    await done;
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('throws a failed read at its place in the order, after the results before it, and no rejection goes unhandled', async () => {
    const c = controlledReads();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const out: string[] = [];
      const done = (async () => {
        for await (const v of readAhead([0, 1, 2], c.read, () => 0, { items: 3, bytes: 0 })) out.push(v);
      })();
      await tick();
      c.fail.get(1)!(new Error('read 1 failed'));
      await tick();
      c.finish.get(0)!('a');
      await expect(done).rejects.toThrow('read 1 failed');
      expect(out).toEqual(['a']);
      c.finish.get(2)!('c');
      await tick();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
