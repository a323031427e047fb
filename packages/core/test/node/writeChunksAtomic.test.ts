import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeChunksAtomic } from '../../src/node/writeChunksAtomic.ts';
import { fsEvents } from './recordingFs.ts';

vi.mock('node:fs/promises', async (original) => (await import('./recordingFs.ts')).recordingFs(await original()));

/** Three chunks of different sizes (one empty) with a recognisable pattern. */
function chunks(): Uint8Array[] {
  return [
    Uint8Array.from({ length: 100_000 }, (_, i) => i & 0xff),
    new Uint8Array(0),
    Uint8Array.from({ length: 3_333 }, (_, i) => 255 - (i & 0xff)),
  ];
}

function concat(parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

describe('writeChunksAtomic', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'voxa-chunks-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    fsEvents.length = 0;
  });

  it.each([false, true])('(gzip %s) flushes the temp file to disk and closes it before the rename, then flushes the folder', async (gzip) => {
    await writeChunksAtomic(join(dir, `durable-${gzip}`), chunks(), { gzip });
    expect(fsEvents).toEqual(['open tmp', 'sync tmp', 'close tmp', `rename tmp durable-${gzip}`, 'open dir', 'sync dir', 'close dir']);
  });

  it('writes the chunks concatenated, byte for byte, and nothing else in the folder', async () => {
    const out = join(dir, 'plain');
    await mkdir(out);
    await writeChunksAtomic(join(out, 'v.nii'), chunks());
    expect(Buffer.compare(await readFile(join(out, 'v.nii')), concat(chunks()))).toBe(0);
    expect(await readdir(out)).toEqual(['v.nii']);
  });

  it('with gzip writes a gzip stream that gunzips to the concatenated chunks', async () => {
    const out = join(dir, 'gz');
    await mkdir(out);
    await writeChunksAtomic(join(out, 'v.nii.gz'), chunks(), { gzip: true });
    const written = await readFile(join(out, 'v.nii.gz'));
    expect([written[0], written[1]]).toEqual([0x1f, 0x8b]); // gzip magic (RFC 1952 §2.3.1)
    expect(Buffer.compare(gunzipSync(written), concat(chunks()))).toBe(0);
    expect(await readdir(out)).toEqual(['v.nii.gz']);
  });

  it('when a chunk source throws midway rejects with its error, leaving no target and no temp file', async () => {
    for (const gzip of [false, true]) {
      const out = join(dir, `throws-${gzip}`);
      await mkdir(out);
      function* failing(): Generator<Uint8Array> {
        yield new Uint8Array(70_000).fill(7);
        throw new Error('source broke');
      }
      await expect(writeChunksAtomic(join(out, 'v.nii'), failing(), { gzip })).rejects.toThrow('source broke');
      expect(await readdir(out)).toEqual([]);
    }
  });

  it('when the rename fails (the target is a folder) rejects, leaving the folder as it was and no temp file', async () => {
    const out = join(dir, 'fail');
    await mkdir(join(out, 'v.nii.gz'), { recursive: true });
    await expect(writeChunksAtomic(join(out, 'v.nii.gz'), chunks(), { gzip: true })).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|EEXIST|ENOTEMPTY|EPERM)$/) });
    expect(await readdir(out)).toEqual(['v.nii.gz']);
    expect((await stat(join(out, 'v.nii.gz'))).isDirectory()).toBe(true);
  });
});
