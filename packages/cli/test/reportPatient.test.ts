// `voxa report <patient-id>`: the patient's response assessment as the archive holds it, read
// from a running `voxa serve` (--server) or from the archive folder (--data), written as HTML,
// PDF or CSV; the same evaluation the server's report route and the workstation show.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementLesion } from '@voxa/core';
import { createServer, openSqliteFileStore } from '@voxa/server';
import { assessmentFixtureFiles, BASELINE, FOLLOW_UP_1, FOLLOW_UP_2, PATIENT } from '../../server/test/assessments/assessmentFixtures.ts';
import { CHROMIUM } from '../src/render/launchChromium.ts';
import { runCli } from './runCli.ts';
import { startServe } from './startServe.ts';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../src/cli.ts');

describe('voxa report <patient-id> against the archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-report-patient-'));
  const data = join(dir, 'data');
  let assessmentId = '';

  beforeAll(async () => {
    const store = await openSqliteFileStore(data);
    const app = await createServer({ store });
    try {
      for (const bytes of assessmentFixtureFiles()) expect((await store.put(bytes)).status).toBe('stored');
      const put = async (study: string, id: string, lesion: MeasurementLesion, longMm: number, shortMm: number) => {
        const points = [[0, 0, 0], [longMm, 0, 0], [longMm / 2, -shortMm / 2, 0], [longMm / 2, shortMm / 2, 0]];
        const res = await app.inject({ method: 'PUT', url: `/voxa/studies/${study}/measurements/${id}`, headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ id, kind: 'bidirectional', seriesInstanceUid: `${study}.1`, points, values: { longMm, shortMm }, lesion }) });
        expect(res.statusCode, res.body).toBe(201);
      };
      const T1: MeasurementLesion = { id: 'T1', kind: 'target', organ: 'liver' };
      // 50 → 30 mm (−40 %: PR) → 38 mm (+27 % from the nadir, +8 mm: PD).
      await put(BASELINE, 'a', T1, 50, 35);
      await put(FOLLOW_UP_1, 'b', T1, 30, 22);
      await put(FOLLOW_UP_2, 'c', T1, 38, 27);
      const created = await app.inject({ method: 'POST', url: '/voxa/assessments', headers: { 'content-type': 'application/json', 'x-voxa-user': 'dr.a' },
        payload: JSON.stringify({ patientId: PATIENT, criterion: 'recist', baselineStudyUid: BASELINE, followUpStudyUids: [FOLLOW_UP_1, FOLLOW_UP_2] }) });
      assessmentId = (created.json() as { assessment: { id: string } }).assessment.id;
    } finally {
      await app.close();
      store.close();
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--data: HTML and CSV of the latest assessment, PR then PD', () => {
    const html = join(dir, 'out/report.html');
    const r = runCli(['report', PATIENT, '--data', data, '-o', html]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/RECIST 1\.1, 3 time point\(s\), last 2024-07-01 PD, best overall response PR/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('ASSESS^TEST');
    expect(page).toMatch(/−40(\.0)?\s?%/);
    const csv = join(dir, 'out/report.csv');
    expect(runCli(['report', PATIENT, '--data', data, '--assessment', assessmentId, '-o', csv, '--quiet']).code).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n').filter((l) => l.includes('T1'))).toHaveLength(3);
    const json = join(dir, 'out/report.json');
    expect(runCli(['report', PATIENT, '--data', data, '-o', json, '--quiet']).code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.evaluation.timePoints.map((tp: { category: string }) => tp.category)).toEqual(['PR', 'PD']);
    expect(report.evaluation.timePoints[0].measure.changeFromBaselinePercent).toBeCloseTo(-40, 6);
    expect(report.bestOverallResponse.category).toBe('PR');
    expect(report.assessment).toMatchObject({ id: assessmentId, state: 'requested' });
  });

  it('--server: a PDF from a running voxa serve', async () => {
    const serve = await startServe(['--import', 'tsx', MAIN, 'serve', '--port', '0', '--data', data, '--no-dimse', '--no-demo'], /Voxa DICOMweb at (http:\/\/\S+)\/dicom-web/);
    try {
      expect(serve.ready, serve.output()).toBeDefined();
      const server = serve.ready!.replace(/\/dicom-web$/, '');
      const pdf = join(dir, 'out/report.pdf');
      const r = runCli(['report', PATIENT, '--server', server, '-o', pdf]);
      if (!existsSync(CHROMIUM)) {
        expect(r.code).toBe(1);
        return;
      }
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThanOrEqual(1);
    } finally {
      serve.child.kill();
      await serve.exited;
    }
  }, 120_000);

  it('names the patient and the archive when there is nothing to report, and asks for one source', () => {
    const none = runCli(['report', 'NOBODY', '--data', data, '-o', join(dir, 'out/none.html')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/the patient has no response assessment.*patient NOBODY/);
    const both = runCli(['report', PATIENT, '--data', data, '--server', 'http://127.0.0.1:1', '-o', join(dir, 'out/x.html')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--server or --data, not both/);
    const down = runCli(['report', PATIENT, '--server', 'http://127.0.0.1:1', '-o', join(dir, 'out/x.html')]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/no answer .*is voxa serve running there\? \(server http:\/\/127\.0\.0\.1:1\)/);
  });
});
