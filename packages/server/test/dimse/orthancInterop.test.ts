import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetOf, original } from './util/originals.ts';
import { HAS_SHARED, sharedData } from '../../../core/test/util/shared.ts';
import { createServer } from '../../src/createServer.ts';
import { echoPeer, findOnPeer, getFromPeer, moveFromPeer } from '../../src/dimse/dimseClient.ts';
import { startDimseServer, type DimsePeer, type DimseServer } from '../../src/dimse/index.ts';
import { retrieveStudyOverDicomWeb } from '../../src/remote/index.ts';
import type { SqliteFileStore } from '../../src/store/SqliteFileStore.ts';
import { openSqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { hasPeers, ORTHANC_BIN, ORTHANC_DICOMWEB_PLUGIN, startOrthanc, type RunningOrthanc } from '../util/peers.ts';

const RUN = HAS_SHARED && hasPeers('Orthanc as a remote PACS', [ORTHANC_BIN, ORTHANC_DICOMWEB_PLUGIN]);

/** A fresh archive (store, DICOMweb over HTTP, DIMSE) on loopback. */
async function startVoxa(dir: string, peers: DimsePeer[]) {
  const store = await openSqliteFileStore(dir);
  const app: FastifyInstance = await createServer({ store });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const dimse = await startDimseServer({ store, port: 0, aeTitle: 'VOXA', peers });
  return {
    store, dicomWeb: `${address}/dicom-web/`, dimse,
    async close() {
      await dimse.close();
      await app.close();
      store.close();
    },
  };
}

describe.runIf(RUN)('Orthanc as a remote PACS, both ways (DICOMweb and DIMSE)', () => {
  let dir: string;
  let orthanc: RunningOrthanc;
  let voxa: Awaited<ReturnType<typeof startVoxa>>;
  const peers: DimsePeer[] = [];
  let orthancPeer: DimsePeer;
  // In Orthanc: the MR mosaic in nine transfer syntaxes (one study). In Voxa: the GE head CT (another).
  const mrFiles = RUN ? readdirSync(sharedData('dcm_qa_ts', 'In')).filter((n) => n.endsWith('.dcm')).sort().map((n) => original(sharedData('dcm_qa_ts', 'In', n))) : [];
  const ctFiles = RUN ? readdirSync(sharedData('dcm_qa_ct', 'In', 'GE')).sort().slice(0, 10).map((n) => original(sharedData('dcm_qa_ct', 'In', 'GE', n))) : [];
  const mrStudy = mrFiles[0]?.studyInstanceUid;
  const ctStudy = ctFiles[0]?.studyInstanceUid;

  /** A second, empty Voxa archive for each retrieve from Orthanc, so each path is checked on its own. */
  async function freshVoxa(name: string) {
    return startVoxa(join(dir, name), peers);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxa-orthanc-'));
    voxa = await startVoxa(join(dir, 'voxa'), peers);
    orthanc = await startOrthanc(join(dir, 'orthanc'), {
      modalities: { voxa: ['VOXA', '127.0.0.1', voxa.dimse.port] },
      dicomWebServers: { voxa: voxa.dicomWeb },
    });
    orthancPeer = { aeTitle: orthanc.aeTitle, host: '127.0.0.1', port: orthanc.dicomPort };
    peers.push(orthancPeer);
    for (const f of mrFiles) {
      const r = await fetch(`${orthanc.origin}/instances`, { method: 'POST', body: f.bytes });
      expect(r.ok, `Orthanc took ${f.path}`).toBe(true);
    }
    for (const f of ctFiles) expect((await voxa.store.put(f.bytes, f.path)).status).toBe('stored');
  });

  afterAll(async () => {
    await voxa?.close();
    await orthanc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Voxa retrieves a study from Orthanc over DICOMweb (QIDO-RS + WADO-RS), every file byte-identical', async () => {
    const target = await freshVoxa('via-dicomweb');
    try {
      const summary = await retrieveStudyOverDicomWeb({ base: orthanc.dicomWeb }, mrStudy, target.store);
      expect(summary).toEqual({ stored: mrFiles.length, duplicate: 0, rejected: [] });
      for (const f of mrFiles) {
        const bytes = await target.store.getInstance(f);
        expect(Buffer.from(bytes!).equals(f.bytes), `${f.path} kept byte for byte`).toBe(true);
      }
    } finally {
      await target.close();
    }
  });

  it('Voxa echoes and queries Orthanc over DIMSE (C-ECHO, C-FIND)', async () => {
    await echoPeer(orthancPeer, { callingAeTitle: 'VOXA' });
    const studies = await findOnPeer(orthancPeer, { level: 'STUDY', keys: { StudyInstanceUID: '', ModalitiesInStudy: 'MR', NumberOfStudyRelatedInstances: '' } }, { callingAeTitle: 'VOXA' });
    expect(studies.map((s) => s.StudyInstanceUID)).toEqual([mrStudy]);
    expect(Number(studies[0].NumberOfStudyRelatedInstances)).toBe(mrFiles.length);
    const images = await findOnPeer(orthancPeer, { level: 'IMAGE', keys: { StudyInstanceUID: mrStudy, SeriesInstanceUID: mrFiles[0].seriesInstanceUid, SOPInstanceUID: '' } }, { callingAeTitle: 'VOXA' });
    expect(images.map((i) => i.SOPInstanceUID).sort()).toEqual(mrFiles.filter((f) => f.seriesInstanceUid === mrFiles[0].seriesInstanceUid).map((f) => f.sopInstanceUid).sort());
  });

  it('Voxa C-MOVEs a study from Orthanc to its own C-STORE SCP, data sets byte-identical', async () => {
    const target = await freshVoxa('via-move');
    // Orthanc knows one address for VOXA: point it at this archive's SCP for this test.
    const put = await fetch(`${orthanc.origin}/modalities/voxa`, { method: 'PUT', body: JSON.stringify({ AET: 'VOXA', Host: '127.0.0.1', Port: target.dimse.port }) });
    expect(put.ok).toBe(true);
    try {
      const outcome = await moveFromPeer(orthancPeer, { level: 'STUDY', keys: { StudyInstanceUID: mrStudy } }, 'VOXA', { callingAeTitle: 'VOXA' });
      expect(outcome).toMatchObject({ status: 0, completed: mrFiles.length, failed: 0 });
      for (const f of mrFiles) {
        const bytes = await target.store.getInstance(f);
        expect(bytes, `${f.path} arrived`).toBeDefined();
        expect(datasetOf(bytes!).equals(datasetOf(f.bytes)), `${f.path}: data set moved byte for byte`).toBe(true);
      }
    } finally {
      await fetch(`${orthanc.origin}/modalities/voxa`, { method: 'PUT', body: JSON.stringify({ AET: 'VOXA', Host: '127.0.0.1', Port: voxa.dimse.port }) });
      await target.close();
    }
  });

  it('Voxa C-GETs a series from Orthanc over one association, each instance in its stored transfer syntax', async () => {
    const target = await freshVoxa('via-get');
    try {
      const series = mrFiles.filter((f) => f.seriesInstanceUid === mrFiles[0].seriesInstanceUid);
      const outcome = await getFromPeer(orthancPeer, { level: 'SERIES', keys: { StudyInstanceUID: mrStudy, SeriesInstanceUID: mrFiles[0].seriesInstanceUid } }, target.store, { callingAeTitle: 'VOXA' });
      expect(outcome).toMatchObject({ status: 0, completed: series.length, failed: 0 });
      expect(outcome.stored?.every((r) => r.status === 'stored')).toBe(true);
      const rows = target.store.search('instance', { match: {} });
      expect(rows.map((r) => r.SOPInstanceUID).sort()).toEqual(series.map((f) => f.sopInstanceUid).sort());
      // One storage context per (SOP class, transfer syntax) lets Orthanc send what it stores,
      // J2K and JPEG-LS included, which it could not transcode.
      for (const f of series) {
        const bytes = await target.store.getInstance(f);
        expect(datasetOf(bytes!).equals(datasetOf(f.bytes)), `${f.path}: data set received byte for byte`).toBe(true);
      }
    } finally {
      await target.close();
    }
  });

  it('Orthanc retrieves a study from Voxa over DICOMweb, every file byte-identical', async () => {
    const r = await fetch(`${orthanc.origin}/dicom-web/servers/voxa/retrieve`, { method: 'POST', body: JSON.stringify({ Resources: [{ Study: ctStudy }] }) });
    expect(r.status, await r.clone().text()).toBe(200);
    const found = (await (await fetch(`${orthanc.origin}/tools/find`, { method: 'POST', body: JSON.stringify({ Level: 'Instance', Query: { StudyInstanceUID: ctStudy }, Expand: true }) })).json()) as Array<{ ID: string; MainDicomTags: { SOPInstanceUID: string } }>;
    expect(found.map((i) => i.MainDicomTags.SOPInstanceUID).sort()).toEqual(ctFiles.map((f) => f.sopInstanceUid).sort());
    for (const instance of found) {
      const f = ctFiles.find((c) => c.sopInstanceUid === instance.MainDicomTags.SOPInstanceUID)!;
      const bytes = Buffer.from(await (await fetch(`${orthanc.origin}/instances/${instance.ID}/file`)).arrayBuffer());
      expect(datasetOf(bytes).equals(datasetOf(f.bytes)), `${f.path} reached Orthanc byte for byte`).toBe(true);
    }
  });

  it('Orthanc queries Voxa and C-MOVEs a study out of it (Voxa as C-FIND and C-MOVE SCP)', async () => {
    await fetch(`${orthanc.origin}/studies/${await orthancStudyId(ctStudy)}`, { method: 'DELETE' });
    const query = await fetch(`${orthanc.origin}/modalities/voxa/query`, { method: 'POST', body: JSON.stringify({ Level: 'Study', Query: { StudyInstanceUID: ctStudy, ModalitiesInStudy: '' } }) });
    expect(query.ok).toBe(true);
    const { ID } = (await query.json()) as { ID: string };
    const answers = (await (await fetch(`${orthanc.origin}/queries/${ID}/answers?expand`)).json()) as Array<Record<string, { Value: string }>>;
    expect(answers.map((a) => a['0020,000d'].Value)).toEqual([ctStudy]);

    const move = await fetch(`${orthanc.origin}/modalities/voxa/move`, { method: 'POST', body: JSON.stringify({ Level: 'Study', Resources: [{ StudyInstanceUID: ctStudy }], TargetAet: orthanc.aeTitle }) });
    expect(move.ok, await move.clone().text()).toBe(true);
    const stats = (await (await fetch(`${orthanc.origin}/studies/${await orthancStudyId(ctStudy)}/statistics`)).json()) as { CountInstances: number };
    expect(stats.CountInstances).toBe(ctFiles.length);
  });

  async function orthancStudyId(studyInstanceUid: string): Promise<string> {
    const r = await fetch(`${orthanc.origin}/tools/lookup`, { method: 'POST', body: studyInstanceUid });
    const [hit] = (await r.json()) as Array<{ ID: string; Type: string }>;
    return hit.ID;
  }
});
