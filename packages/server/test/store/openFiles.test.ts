import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenFiles } from '../../src/store/openFiles.ts';
import { tempDataDir } from './storeFixtures.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let files: OpenFiles;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDataDir());
  files = new OpenFiles(3);
});

afterEach(async () => {
  files.closeAll();
  await cleanup();
});

/** Descriptors this process has open on files of the test folder. */
function openInDir(): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
    } catch {
      return false;
    }
  }).length;
}

describe.runIf(process.platform === 'linux')('OpenFiles', () => {
  it('reads exact byte ranges, and keeps at most `max` files open, closing the least recently used', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, k) => k));
    for (let k = 0; k < 5; k++) writeFileSync(join(dir, `f${k}`), bytes);
    expect(Buffer.from(await files.read(join(dir, 'f0'), 10, 5))).toEqual(Buffer.from([10, 11, 12, 13, 14]));
    expect(Buffer.from(await files.read(join(dir, 'f0'), 250, 6))).toEqual(Buffer.from([250, 251, 252, 253, 254, 255]));
    await Promise.all([1, 2, 3, 4].map((k) => files.read(join(dir, `f${k}`), k, 1)));
    // Descriptors close asynchronously: poll until the count settles.
    await expect.poll(openInDir).toBe(3);
    files.closeAll();
    await expect.poll(openInDir).toBe(0);
  });

  it('rejects a range past the end of the file, and a missing file until it exists', async () => {
    writeFileSync(join(dir, 'short'), Buffer.alloc(100));
    await expect(files.read(join(dir, 'short'), 90, 20)).rejects.toThrow(/ends 10 bytes before the instance does/);
    await expect(files.read(join(dir, 'later'), 0, 4)).rejects.toThrow(/ENOENT/);
    writeFileSync(join(dir, 'later'), Buffer.from('DICM'));
    expect(Buffer.from(await files.read(join(dir, 'later'), 0, 4)).toString()).toBe('DICM');
  });
});
