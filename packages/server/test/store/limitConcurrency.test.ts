import { describe, expect, it } from 'vitest';
import { limitConcurrency } from '../../src/store/limitConcurrency.ts';

describe('limitConcurrency', () => {
  it('runs at most `slots` tasks at once and starts the waiting ones in arrival order', async () => {
    const limit = limitConcurrency(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => limit(async () => {
      started.push(n);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return n * 10;
    });
    expect(await Promise.all([1, 2, 3, 4, 5].map(task))).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = limitConcurrency(1);
    await expect(limit(() => Promise.reject(new Error('disk on fire')))).rejects.toThrow('disk on fire');
    expect(await limit(async () => 'next')).toBe('next');
  });
});
