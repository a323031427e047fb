import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/node/writeFileAtomic.ts';
import { fsEvents } from './recordingFs.ts';

vi.mock('node:fs/promises', async (original) => (await import('./recordingFs.ts')).recordingFs(await original()));

describe('writeFileAtomic', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'voxa-atomic-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    fsEvents.length = 0;
  });

  it('flushes the temp file to disk and closes it before the rename, then flushes the folder', async () => {
    await writeFileAtomic(join(dir, 'durable.bin'), new Uint8Array(1000).fill(1));
    expect(fsEvents).toEqual(['open tmp', 'sync tmp', 'close tmp', 'rename tmp durable.bin', 'open dir', 'sync dir', 'close dir']);
  });

  it('writes exactly the given bytes, and nothing else in the folder', async () => {
    const out = join(dir, 'ok');
    await mkdir(out);
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) & 0xff);
    await writeFileAtomic(join(out, 'data.bin'), bytes);
    expect(Buffer.compare(await readFile(join(out, 'data.bin')), Buffer.from(bytes))).toBe(0);
    expect(await readdir(out)).toEqual(['data.bin']);
  });

  it('writes a string as UTF-8 and replaces an existing file', async () => {
    const file = join(dir, 'text.json');
    await writeFileAtomic(file, 'old');
    await writeFileAtomic(file, '{"µ":1}');
    expect(await readFile(file, 'utf8')).toBe('{"µ":1}');
  });

  it('when the rename fails (the target is a folder) rejects, leaving the folder as it was and no temp file', async () => {
    const out = join(dir, 'fail');
    await mkdir(join(out, 'target'), { recursive: true });
    await expect(writeFileAtomic(join(out, 'target'), 'data')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|EEXIST|ENOTEMPTY|EPERM)$/) });
    expect(await readdir(out)).toEqual(['target']);
    expect((await stat(join(out, 'target'))).isDirectory()).toBe(true);
    expect(await readdir(join(out, 'target'))).toEqual([]);
  });

  it('when the folder does not exist rejects with ENOENT and creates nothing', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x'), 'data')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).not.toContain('missing');
  });
});
