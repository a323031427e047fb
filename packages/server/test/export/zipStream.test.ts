import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipChunks, type ZipEntry } from '../../src/export/zipStream.ts';

const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0;

/** Deterministic test bytes (a linear congruential generator, seed 1). */
function bytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) out[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  return out;
}

async function zip(entries: ZipEntry[], zip64Threshold?: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of zipChunks(entries, { zip64Threshold, modified: new Date(2024, 4, 17, 12, 30, 10) })) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Python's zipfile: testzip() (every CRC checked) and each entry's name and size. */
function pythonListing(archive: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-zip-'));
  try {
    writeFileSync(join(dir, 'a.zip'), archive);
    const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("\\n".join(f"{i.filename} {i.file_size}" for i in z.infolist()))';
    const r = spawnSync('python3', ['-c', script, join(dir, 'a.zip')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ENTRIES: ZipEntry[] = [
  { path: '1.2.3/1.2.3.4/1.2.3.4.5.dcm', bytes: bytes(70_001) },
  { path: '1.2.3/1.2.3.4/1.2.3.4.6.dcm', bytes: bytes(3, 7) },
  { path: '1.2.3/empty.txt', bytes: new Uint8Array(0) },
  { path: '1.2.3/notes-é.txt', bytes: new TextEncoder().encode('UTF-8 name\n') },
];

describe('zipChunks', () => {
  it('writes a stored ZIP whose entries unzip to the same names and bytes', async () => {
    const files = unzipSync(await zip(ENTRIES));
    expect(Object.keys(files)).toEqual(ENTRIES.map((e) => e.path));
    for (const e of ENTRIES) expect(Buffer.compare(files[e.path], e.bytes)).toBe(0);
  });

  it('stores without compression: the archive is the data plus 30 + 46 bytes of headers per entry, two names each, and a 22-byte end record', async () => {
    const archive = await zip(ENTRIES);
    const names = ENTRIES.reduce((n, e) => n + 2 * Buffer.byteLength(e.path), 0);
    const data = ENTRIES.reduce((n, e) => n + e.bytes.length, 0);
    expect(archive.length).toBe(data + names + ENTRIES.length * (30 + 46) + 22);
  });

  it('writes ZIP64 sizes, offsets and end records when they pass the threshold, and they unzip the same', async () => {
    // Threshold 1,000 bytes: the first entry's size and every later offset need ZIP64 fields.
    const archive = await zip(ENTRIES, 1000);
    const view = Buffer.from(archive);
    expect(view.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThan(0); // ZIP64 end of central directory
    expect(view.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07]))).toBeGreaterThan(0); // its locator
    const files = unzipSync(archive);
    for (const e of ENTRIES) expect(Buffer.compare(files[e.path], e.bytes)).toBe(0);
  });

  it.runIf(HAS_PYTHON)("is read by Python's zipfile (CRCs, names, sizes), with and without ZIP64 records", async () => {
    const expected = ENTRIES.map((e) => `${e.path} ${e.bytes.length}`).join('\n');
    expect(pythonListing(await zip(ENTRIES))).toBe(expected);
    expect(pythonListing(await zip(ENTRIES, 1000))).toBe(expected);
  });

  it('refuses absolute, escaping or duplicate paths', async () => {
    for (const path of ['/etc/passwd', '../x.dcm', 'a/../../x', 'a\\b', 'a//b', '']) {
      await expect(zip([{ path, bytes: new Uint8Array(1) }])).rejects.toThrow(/relative path/);
    }
    await expect(zip([{ path: 'a', bytes: new Uint8Array(1) }, { path: 'a', bytes: new Uint8Array(1) }])).rejects.toThrow(/occurs twice/);
  });

  it('pulls each entry only after the previous one was emitted (one entry in memory at a time)', async () => {
    const pulled: number[] = [];
    async function* lazy(): AsyncGenerator<ZipEntry> {
      for (let i = 0; i < 3; i++) {
        pulled.push(i);
        yield { path: `f${i}`, bytes: bytes(10, i + 1) };
      }
    }
    const gen = zipChunks(lazy());
    await gen.next(); // local header of f0
    await gen.next(); // data of f0
    expect(pulled).toEqual([0]);
    for await (const _ of gen) void _;
    expect(pulled).toEqual([0, 1, 2]);
  });
});
