import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPart10Layout } from '@voxa/core';
import { HAS_SHARED, sharedData } from '../../../core/test/util/shared.ts';
import { dimse } from '../../src/dimse/dcmjsDimse.ts';
import { echoPeer, startDimseServer, type DimsePeer, type DimseServer } from '../../src/dimse/index.ts';
import { RawDataset } from '../../src/dimse/RawDataset.ts';
import type { SqliteFileStore } from '../../src/store/SqliteFileStore.ts';
import { openSqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { withElement } from '../store/editDicom.ts';
import { DCMTK_TOOLS, hasPeers, runTool } from '../util/peers.ts';

const RUN = HAS_SHARED && hasPeers('DIMSE SCP robustness', DCMTK_TOOLS);
const CT = '1.2.840.10008.5.1.4.1.1.2';

/** Send one C-STORE of a raw data set; resolves with the response status and error comment. */
function cStore(peer: DimsePeer, dataset: RawDataset): Promise<{ status: number; comment?: string }> {
  return new Promise((resolve, reject) => {
    const client = new dimse.Client();
    const request = new dimse.requests.CStoreRequest(dataset);
    request.on('response', (r: InstanceType<typeof dimse.responses.CStoreResponse>) => resolve({ status: r.getStatus(), comment: r.getErrorComment() }));
    client.addRequest(request);
    client.on('networkError', reject);
    client.send(peer.host, peer.port, 'TESTSCU', peer.aeTitle);
  });
}

describe.runIf(RUN)('Voxa DIMSE SCP under bad input', () => {
  let dir: string;
  let store: SqliteFileStore;
  let server: DimseServer;
  let peer: DimsePeer;
  const log: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxa-scp-'));
    store = await openSqliteFileStore(join(dir, 'archive'));
    server = await startDimseServer({ store, port: 0, log: (l) => log.push(l), timeoutMs: 2000 });
    peer = { aeTitle: 'VOXA', host: '127.0.0.1', port: server.port };
  });

  afterAll(async () => {
    await server?.close();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops a connection that sends garbage instead of PDUs, and keeps serving', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(50))));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await echoPeer(peer, { callingAeTitle: 'TESTSCU' });
  });

  it('answers a C-STORE whose data set is not DICOM with a Cxxx failure naming the reason, storing nothing', async () => {
    const garbage = new RawDataset(new Uint8Array(4096).fill(0x41), '1.2.840.10008.1.2.1', { SOPClassUID: CT, SOPInstanceUID: '1.2.3.4.5' });
    const { status, comment } = await cStore(peer, garbage);
    expect(status & 0xf000).toBe(0xc000);
    expect(comment).toMatch(/^VOXA_ERR_/);
    expect(store.search('instance', { match: {} })).toHaveLength(0);
    await echoPeer(peer, { callingAeTitle: 'TESTSCU' });
  });

  it('takes an identical instance twice (Success, stored once) and refuses a different one under the same UID (C001)', async () => {
    const path = sharedData('dcm_qa_ct', 'In', 'GE', '01.dcm');
    const bytes = new Uint8Array(readFileSync(path));
    const layout = readPart10Layout(bytes, path);
    const raw = (b: Uint8Array) => new RawDataset(b.subarray(layout.datasetOffset), layout.transferSyntaxUid, { SOPClassUID: layout.sopClassUid, SOPInstanceUID: layout.sopInstanceUid });
    expect((await cStore(peer, raw(bytes))).status).toBe(0);
    expect((await cStore(peer, raw(bytes))).status).toBe(0);
    const edited = withElement(bytes, 'x00081030', 'ANOTHER DESCRIPTION');
    writeFileSync(join(dir, 'edited.dcm'), edited);
    const run = await runTool('storescu', ['-v', '-xe', '-aec', 'VOXA', '127.0.0.1', String(server.port), join(dir, 'edited.dcm')]);
    expect(run.output).toMatch(/Received Store Response \(Error: CannotUnderstand\)/);
    expect(store.search('instance', { match: {} })).toHaveLength(1);
    const stored = await store.getInstance(store.listInstances(String(store.search('study', { match: {} })[0].StudyInstanceUID))[0]);
    expect(Buffer.from(stored!.subarray(readPart10Layout(stored!).datasetOffset)).equals(Buffer.from(bytes.subarray(layout.datasetOffset))), 'the first version is kept').toBe(true);
  });
});
