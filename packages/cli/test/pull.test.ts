import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom, readPart10Layout } from '@voxa/core';
import { openSqliteFileStore } from '@voxa/server';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { freePort, hasPeers, ORTHANC_BIN, ORTHANC_DICOMWEB_PLUGIN, startOrthanc, type RunningOrthanc } from '../../server/test/util/peers.ts';
import { runCli } from './runCli.ts';

const RUN = HAS_SHARED && hasPeers('voxa query / voxa pull against Orthanc', [ORTHANC_BIN, ORTHANC_DICOMWEB_PLUGIN]);

describe.runIf(RUN)('voxa query and voxa pull from a remote archive (Orthanc)', () => {
  let dir: string;
  let orthanc: RunningOrthanc;
  let movePort: number;
  const files = RUN
    ? readdirSync(sharedData('dcm_qa_ts', 'In')).filter((n) => n.endsWith('.dcm')).map((n) => {
      const bytes = readFileSync(sharedData('dcm_qa_ts', 'In', n));
      return { bytes, sop: parseDicom(bytes, n).dataSet.string('x00080018')!, study: parseDicom(bytes, n).dataSet.string('x0020000d')! };
    })
    : [];
  const study = files[0]?.study;
  const peer = () => `ORTHANC@127.0.0.1:${orthanc.dicomPort}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxa-pull-'));
    movePort = await freePort();
    orthanc = await startOrthanc(join(dir, 'orthanc'), { modalities: { voxa: ['VOXA', '127.0.0.1', movePort] } });
    for (const f of files) expect((await fetch(`${orthanc.origin}/instances`, { method: 'POST', body: f.bytes })).ok).toBe(true);
  });

  afterAll(async () => {
    await orthanc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The archive at `data` holds exactly the nine instances, each data set byte for byte. */
  async function expectAllPulled(data: string): Promise<void> {
    const store = await openSqliteFileStore(data);
    try {
      expect(store.search('instance', { match: {} })).toHaveLength(files.length);
      for (const f of files) {
        const [row] = store.search('instance', { match: { SOPInstanceUID: f.sop } });
        const bytes = (await store.getInstance({ studyInstanceUid: f.study, seriesInstanceUid: String(row.SeriesInstanceUID), sopInstanceUid: f.sop }))!;
        const dataset = (b: Uint8Array) => Buffer.from(b.subarray(readPart10Layout(b).datasetOffset));
        expect(dataset(bytes).equals(dataset(f.bytes)), f.sop).toBe(true);
      }
    } finally {
      store.close();
    }
  }

  it('lists the remote studies over C-FIND and over QIDO-RS', () => {
    const dimse = runCli(['query', '--from', peer(), '--modality', 'MR']);
    expect(dimse.code, dimse.stderr).toBe(0);
    expect(dimse.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual([study]);
    const web = runCli(['query', '--from', orthanc.dicomWeb, '--patient-name', 'stc*']);
    expect(web.code, web.stderr).toBe(0);
    expect(web.stdout).toContain(study);
    expect(runCli(['query', '--from', peer(), '--modality', 'CT']).stdout.trim()).toBe('');
  });

  it('pulls a study with C-GET, with C-MOVE to a temporary SCP, and over WADO-RS', async () => {
    const get = runCli(['pull', '--from', peer(), '--study', study, '--data', join(dir, 'a')]);
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout).toContain(`${files.length} retrieved, 0 with warnings, 0 failed`);
    await expectAllPulled(join(dir, 'a'));

    const move = runCli(['pull', '--from', peer(), '--study', study, '--via', 'move', '--dimse-port', String(movePort), '--data', join(dir, 'b')]);
    expect(move.code, move.stderr).toBe(0);
    await expectAllPulled(join(dir, 'b'));

    const web = runCli(['pull', '--from', orthanc.dicomWeb, '--study', study, '--data', join(dir, 'c')]);
    expect(web.code, web.stderr).toBe(0);
    expect(web.stdout).toContain(`${files.length} stored, 0 already there, 0 rejected`);
    await expectAllPulled(join(dir, 'c'));
  });

  it('says what is wrong with --from and --via, and fails clearly on an unreachable peer', () => {
    const bad = runCli(['pull', '--from', 'not a peer', '--study', '1.2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/AE@host:port/);
    expect(runCli(['pull', '--from', peer(), '--study', '1.2', '--via', 'ftp']).code).toBe(2);
    const down = runCli(['pull', '--from', 'NOBODY@127.0.0.1:1', '--study', '1.2', '--data', join(dir, 'd')]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/VOXA_ERR_PEER|remote DICOM peer/);
  });
});
