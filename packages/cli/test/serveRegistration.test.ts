import { generatePhantomTimePoint } from '@voxa/core';
import { openSqliteFileStore } from '@voxa/server';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lesionTreMm, phantomSeriesFiles } from '../../server/test/registration/registrationFixtures.ts';
import { startServe } from './startServe.ts';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(CLI, 'dist/voxa.mjs');

/** The bundle is built by `npm test` (npm run build) before vitest; rebuilding here would swap dist/ under the e2e tests. */
function hasBundle(): boolean {
  if (existsSync(BUNDLE) && existsSync(join(CLI, 'dist/registrationWorker.mjs'))) return true;
  const msg = `${BUNDLE} or its registrationWorker.mjs is missing (npm run build)`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`\n!!! ${msg}: the bundled-server registration test is SKIPPED !!!\n`);
  return false;
}

describe.runIf(hasBundle())('voxa serve from the bundle (dist/voxa.mjs): POST /voxa/registrations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-serve-registration-'));
  const baseline = generatePhantomTimePoint(0, { size: 'small' });
  const followUp = generatePhantomTimePoint(1, { size: 'small' });

  beforeAll(async () => {
    const store = await openSqliteFileStore(join(dir, 'data'));
    try {
      const files = [...phantomSeriesFiles(baseline), ...phantomSeriesFiles(followUp)];
      const results = await store.putMany(files.map((bytes) => ({ bytes })));
      expect(results.filter((r) => r.status !== 'fulfilled' || r.value.status !== 'stored')).toEqual([]);
    } finally {
      store.close();
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('registers follow-up 1 onto the baseline in the bundled worker (TRE < 0.5 mm), answers /health meanwhile, caches, and stops cleanly', async () => {
    const { child, output, exited, ready: http } = await startServe(
      [BUNDLE, 'serve', '--port', '0', '--data', join(dir, 'data'), '--no-dimse', '--no-demo'], /Voxa DICOMweb at (http:\/\/\S+)\/dicom-web/);
    try {
      expect(http, output()).toBeDefined();

      const body = JSON.stringify({
        fixed: { studyInstanceUid: baseline.uids.studyInstanceUid, seriesInstanceUid: baseline.uids.seriesInstanceUid },
        moving: { studyInstanceUid: followUp.uids.studyInstanceUid, seriesInstanceUid: followUp.uids.seriesInstanceUid },
      });
      const register = () => fetch(`${http}/voxa/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      let settled = false;
      const first = register().finally(() => void (settled = true));
      const health = await fetch(`${http}/health`);
      expect(health.status).toBe(200);
      expect(settled, 'the registration had not finished when /health answered').toBe(false);

      const res = await first;
      const answer = (await res.json()) as { kind: string; fixedToMoving: number[]; cached: boolean };
      expect(res.status, JSON.stringify(answer)).toBe(200);
      expect(answer).toMatchObject({ kind: 'rigid', cached: false });
      expect(Math.max(...lesionTreMm(answer.fixedToMoving, baseline, followUp))).toBeLessThan(0.5);

      const again = (await (await register()).json()) as { fixedToMoving: number[]; cached: boolean };
      expect(again.cached).toBe(true);
      expect(again.fixedToMoving).toEqual(answer.fixedToMoving);

      child.kill('SIGTERM');
      expect(await exited, output()).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
