import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHANTOM_MANIFEST_FILE, readPhantomManifest } from '../../src/node/phantomManifest.ts';
import { writePhantomStudies } from '../../src/node/writePhantom.ts';

describe('phantom manifest', () => {
  let base = '';

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'voxa-manifest-'));
  });

  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('a partial tree (every truth.json present, no manifest) is not a complete phantom', async () => {
    const dir = join(base, 'partial');
    for (const tp of [0, 1, 2]) {
      await mkdir(join(dir, 'truth', `tp${tp}`), { recursive: true });
      await mkdir(join(dir, 'dicom', `tp${tp}`, 'CT'), { recursive: true });
      await writeFile(join(dir, 'truth', `tp${tp}`, 'truth.json'), '{}');
      await writeFile(join(dir, 'dicom', `tp${tp}`, 'CT', 'IM0001.dcm'), 'x');
    }
    expect(await readPhantomManifest(dir)).toBeUndefined();
  });

  it('a missing folder, or a manifest that is not a Voxa phantom manifest, is not a complete phantom', async () => {
    expect(await readPhantomManifest(join(base, 'missing'))).toBeUndefined();
    const dir = join(base, 'foreign');
    await mkdir(dir);
    await writeFile(join(dir, PHANTOM_MANIFEST_FILE), '{"generator":"someone else","version":1,"timePoints":[]}');
    expect(await readPhantomManifest(dir)).toBeUndefined();
    await writeFile(join(dir, PHANTOM_MANIFEST_FILE), '{"generator":"voxa-phantom",');
    expect(await readPhantomManifest(dir)).toBeUndefined();
  });

  it('writePhantomStudies writes the manifest after the last data file, describing what it wrote', async () => {
    const dir = join(base, 'complete');
    let manifestBeforeLastFile = true;
    const summary = await writePhantomStudies(dir, {
      size: 'small', timePoints: 1, seed: 5,
      onProgress: (done, total) => {
        if (done === total) manifestBeforeLastFile = existsSync(join(dir, PHANTOM_MANIFEST_FILE));
      },
    });
    expect(manifestBeforeLastFile).toBe(false);
    const manifest = await readPhantomManifest(dir);
    expect(manifest).toMatchObject({ generator: 'voxa-phantom', version: 1, files: summary.files, bytes: summary.bytes });
    expect(manifest?.options).toMatchObject({ size: 'small', timePoints: 1, seed: 5 });
    // 150 slices + labels.nii.gz, ct.nii.gz, truth.json (the small grid is 128×128×150), + lesions.json.
    expect(manifest?.files).toBe(154);
    expect(manifest?.timePoints).toEqual([{
      index: 0, kind: 'baseline', dicomDir: 'dicom/tp0/CT', truthDir: 'truth/tp0', slices: 150, studyInstanceUid: summary.timePoints[0].studyInstanceUid,
    }]);
    expect(JSON.parse(await readFile(join(dir, PHANTOM_MANIFEST_FILE), 'utf8'))).toEqual(manifest);
  });

  it('an interrupted rewrite of a complete phantom leaves no manifest (the old one is removed first)', async () => {
    const dir = join(base, 'interrupted');
    await writePhantomStudies(dir, { size: 'small', timePoints: 1 });
    expect(await readPhantomManifest(dir)).toBeDefined();
    const rewrite = writePhantomStudies(dir, {
      size: 'small', timePoints: 1, seed: 2,
      onProgress: (done) => {
        if (done === 10) throw new Error('interrupted');
      },
    });
    await expect(rewrite).rejects.toThrow('interrupted');
    expect(await readPhantomManifest(dir)).toBeUndefined();
  });
});
