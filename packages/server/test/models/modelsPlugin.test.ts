import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelManifest, verifyModelSha256 } from '@voxa/core';
import { HAS_SHARED, REPO_ROOT } from '../../../core/test/util/shared.ts';
import { createServer } from '../../src/createServer.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';

type Json = Record<string, any>;

/** A valid manifest (the committed brainchop ones, trimmed) naming `file`. */
const manifest = (file: string, extra: Json = {}): Json => ({
  format: 'voxa-model',
  formatVersion: 1,
  name: 'tiny-test-model',
  version: '1',
  license: 'MIT',
  source: 'made by this test',
  file,
  input: { modality: 'MR', grid: { orientation: 'LIA', spacingMm: [1, 1, 1], shape: [8, 8, 8] }, axisOrder: 'xyz', normalization: [{ op: 'minmax', range: [0, 1] }] },
  output: { kind: 'logits', channels: 3, labels: [{ channel: 1, label: 'White Matter', color: [255, 255, 255] }, { channel: 2, label: 'Grey Matter', color: [205, 62, 78] }] },
  ...extra,
});

describe('model routes /api/models', () => {
  let root = '';
  let store: SqliteFileStore;
  let app: FastifyInstance;
  const onnx = new Uint8Array(randomBytes(3000));
  const sha256 = createHash('sha256').update(onnx).digest('hex');
  const put = async (path: string, content: string | Uint8Array) => {
    await mkdir(resolve(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  };
  const json = (v: unknown) => JSON.stringify(v, null, 2);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'voxa-models-'));
    await put('weights/tiny.onnx', onnx);
    await put('secret.txt', 'not a model');
    await put('models/brain/tiny.json', json(manifest('../../weights/tiny.onnx', { sha256 })));
    await put('models/brain/labels.json', json({ 1: 'White Matter', 2: 'Grey Matter' }));
    await put('models/brain/notes.json', 'this is not JSON');
    await put('models/other/tiny.json', json(manifest('../../weights/tiny.onnx')));
    await put('models/other/broken.json', json({ format: 'voxa-model', formatVersion: 1, name: 'broken' }));
    await put('models/refused/absolute.json', json(manifest(join(root, 'weights/tiny.onnx'))));
    await put('models/refused/url.json', json(manifest('https://example.org/model.onnx')));
    await put('models/refused/text.json', json(manifest('../../secret.txt')));
    await put('models/refused/link.json', json(manifest('sneaky.onnx')));
    await symlink(join(root, 'secret.txt'), join(root, 'models/refused/sneaky.onnx'));
    await put('models/refused/folder.json', json(manifest('folder.onnx')));
    await mkdir(join(root, 'models/refused/folder.onnx'));
    await put('models/missing.json', json(manifest('nowhere.onnx')));
    store = await openSqliteFileStore(join(root, 'data'));
    app = await createServer({ store, modelsDir: join(root, 'models') });
  });

  afterAll(async () => {
    await app?.close();
    store?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('lists every valid manifest by id (file name), in path order, with its labels and whether its ONNX file can be sent', async () => {
    const res = await app.inject({ url: '/api/models' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    const body = res.json() as { models: Json[]; invalid: Json[] };
    expect(body.models.map((m) => [m.id, m.manifestFile, m.file.available])).toEqual([
      ['tiny', 'brain/tiny.json', true],
      ['missing', 'missing.json', false],
      ['absolute', 'refused/absolute.json', false],
      ['folder', 'refused/folder.json', false],
      ['link', 'refused/link.json', false],
      ['text', 'refused/text.json', false],
      ['url', 'refused/url.json', false],
    ]);
    const tiny = body.models.find((m) => m.id === 'tiny')!;
    expect(tiny).toMatchObject({
      name: 'tiny-test-model', version: '1', modality: 'MR', sha256, axisOrder: 'xyz', channels: 3, patchSize: 'whole',
      grid: { orientation: 'LIA', spacingMm: [1, 1, 1], shape: [8, 8, 8] }, file: { available: true, bytes: onnx.length },
    });
    expect(tiny.labels).toEqual([{ channel: 1, label: 'White Matter', color: [255, 255, 255] }, { channel: 2, label: 'Grey Matter', color: [205, 62, 78] }]);
    expect(body.models.find((m) => m.id === 'missing')!.file.problem).toMatch(/not on this server/);
    expect(body.models.find((m) => m.id === 'text')!.file.problem, 'no absolute server path in the message').not.toContain(root);
  });

  it('reports manifests it cannot use (invalid fields, a taken id) and ignores JSON that is not a manifest', async () => {
    const { invalid } = (await app.inject({ url: '/api/models' })).json() as { invalid: { manifestFile: string; message: string }[] };
    expect(invalid.map((i) => i.manifestFile)).toEqual(['other/broken.json', 'other/tiny.json']);
    expect(invalid[0].message).toMatch(/input/);
    expect(invalid[1].message).toMatch(/"tiny" is already taken by brain\/tiny\.json/);
  });

  it('sends a manifest as written, its file pointing at the file route (relative to the manifest URL)', async () => {
    const res = await app.inject({ url: '/api/models/tiny/manifest' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as Json;
    expect(body).toEqual({ ...manifest('file', { sha256 }) });
    expect(new URL(body.file, 'http://host/api/models/tiny/manifest').pathname).toBe('/api/models/tiny/file');
    expect(parseModelManifest(body).output.labels).toHaveLength(2);
  });

  it('streams the ONNX bytes, which pass the sha256 check of the manifest', async () => {
    const res = await app.inject({ url: '/api/models/tiny/file' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(Number(res.headers['content-length'])).toBe(onnx.length);
    const bytes = new Uint8Array(res.rawPayload);
    expect(bytes).toEqual(onnx);
    await expect(verifyModelSha256(parseModelManifest(manifest('file', { sha256 })), bytes)).resolves.toBeUndefined();
  });

  it('refuses a manifest file that is absolute, a URL, not named .onnx, a link to another file, or a folder (403)', async () => {
    for (const id of ['absolute', 'url', 'text', 'link', 'folder']) {
      const res = await app.inject({ url: `/api/models/${id}/file` });
      expect(res.statusCode, id).toBe(403);
      expect(res.json().code, id).toBe('VOXA_HTTP_MODEL_FILE_REFUSED');
      expect(res.body, id).not.toContain('not a model');
    }
  });

  it('answers 404 for an unknown id or a missing file, and 400 for ids that try to leave the folder', async () => {
    const unknown = await app.inject({ url: '/api/models/nothing/manifest' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'VOXA_HTTP_MODEL_NOT_FOUND']);
    const missing = await app.inject({ url: '/api/models/missing/file' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'VOXA_HTTP_MODEL_FILE_MISSING']);
    for (const id of ['..%2F..%2Fsecret.txt', '%2Fetc%2Fpasswd', 'brain%2Ftiny']) {
      const res = await app.inject({ url: `/api/models/${id}/file` });
      expect(res.statusCode, id).toBe(400);
      expect(res.json().code, id).toBe('VOXA_HTTP_BAD_MODEL_ID');
    }
    expect((await app.inject({ url: '/api/models/../file' })).statusCode, '.. (or %2E%2E) is resolved by the URL, leaving the routes').toBe(404);
    const nested = await app.inject({ url: '/api/models/brain/tiny/file' });
    expect([nested.statusCode, nested.json().code]).toEqual([404, 'VOXA_HTTP_NOT_FOUND']);
  });

  it('lists no models when the server has no models folder, instead of falling through to the web app', async () => {
    const appDir = join(root, 'app');
    await put('app/index.html', '<!doctype html><title>app</title>');
    const bare = await createServer({ store, appDir });
    try {
      const res = await bare.inject({ url: '/api/models' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ models: [], invalid: [] });
      expect((await bare.inject({ url: '/api/models/x/file' })).json().code).toBe('VOXA_HTTP_MODEL_NOT_FOUND');
    } finally {
      await bare.close();
    }
  });
});

describe.runIf(HAS_SHARED)('the committed model manifests (models/ → ../shared/models)', () => {
  let store: SqliteFileStore;
  let app: FastifyInstance;
  let cleanup = async () => {};

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voxa-models-data-'));
    cleanup = () => rm(dir, { recursive: true, force: true });
    store = await openSqliteFileStore(dir);
    app = await createServer({ store, modelsDir: join(REPO_ROOT, 'models') });
  });

  afterAll(async () => {
    await app?.close();
    store?.close();
    await cleanup();
  });

  it('serves the brainchop manifests and their ONNX files, whose bytes match the manifests\' sha256', async () => {
    const { models, invalid } = (await app.inject({ url: '/api/models' })).json() as { models: Json[]; invalid: Json[] };
    expect(invalid).toEqual([]);
    expect(models.map((m) => m.id).sort()).toEqual(['mnm_model_large', 'model30_3class', 'model5_gw_ae', 'model5_gw_ae.niivue-onnx']);
    expect(models.every((m) => m.file.available && m.modality === 'MR')).toBe(true);
    const small = models.find((m) => m.id === 'model5_gw_ae.niivue-onnx')!;
    expect(small.file.bytes, 'the niivue export is 25 230 bytes (shared/models/MANIFEST.md)').toBe(25230);
    const m = parseModelManifest((await app.inject({ url: '/api/models/model5_gw_ae.niivue-onnx/manifest' })).json());
    const bytes = new Uint8Array((await app.inject({ url: '/api/models/model5_gw_ae.niivue-onnx/file' })).rawPayload);
    await expect(verifyModelSha256(m, bytes)).resolves.toBeUndefined();
  });
});
