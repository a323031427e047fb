import { createHash } from 'node:crypto';
import { api } from 'dicomweb-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { startArchive, type TestArchive } from './util/archive.ts';
import { FetchXmlHttpRequest } from './util/FetchXmlHttpRequest.ts';
import { philipsCtImages, pydicomFile } from './util/fixtures.ts';

const CT_STUDY = '1.3.46.670589.33.1.27492712521914879309.27169771283235650014';
const sha = (b: ArrayBuffer | Uint8Array) => createHash('sha256').update(new Uint8Array(b as ArrayBuffer)).digest('hex');
const toArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

type Json = Record<string, { Value?: unknown[] }>;
interface Ids {
  studyInstanceUID?: string;
  seriesInstanceUID?: string;
  sopInstanceUID?: string;
}

/** The calls of dicomweb-client this test makes (its typings make every option mandatory). */
interface Client {
  storeInstances(o: { datasets: ArrayBuffer[] }): Promise<unknown>;
  searchForStudies(o: { queryParams: Record<string, string> }): Promise<Json[]>;
  searchForSeries(o: Ids): Promise<Json[]>;
  searchForInstances(o: Ids): Promise<Json[]>;
  retrieveInstance(o: Required<Ids>): Promise<ArrayBuffer>;
  retrieveStudyMetadata(o: { studyInstanceUID: string }): Promise<Json[]>;
  retrieveInstanceFrames(o: Required<Ids> & { frameNumbers: number[] }): Promise<ArrayBuffer[]>;
}

/** dicomweb-client 0.11 (the client OHIF uses) against the server on a real socket. */
describe.runIf(HAS_SHARED)('dicomweb-client against the server over HTTP', () => {
  let archive: TestArchive;
  let client: Client;
  const globals = globalThis as { XMLHttpRequest?: unknown };
  const savedXhr = globals.XMLHttpRequest;
  const files = HAS_SHARED ? philipsCtImages().slice(0, 5) : [];

  beforeAll(async () => {
    globals.XMLHttpRequest = FetchXmlHttpRequest;
    archive = await startArchive();
    const address = await archive.app.listen({ host: '127.0.0.1', port: 0 });
    const options = { url: `${address}/dicom-web`, verbose: false };
    client = new api.DICOMwebClient(options as ConstructorParameters<typeof api.DICOMwebClient>[0]) as unknown as Client;
  });
  afterAll(async () => {
    globals.XMLHttpRequest = savedXhr;
    await archive?.close();
  });

  it('stores instances with storeInstances (its own multipart encoding, quoted boundary)', async () => {
    await client.storeInstances({ datasets: [...files.map((f) => toArrayBuffer(f.bytes)), toArrayBuffer(pydicomFile('MR_small.dcm'))] });
    const rows = await client.searchForInstances({ studyInstanceUID: CT_STUDY });
    expect(rows).toHaveLength(5);
  });

  it('finds the CT study with searchForStudies by PatientID', async () => {
    const studies = await client.searchForStudies({ queryParams: { PatientID: 'PLASTIC' } });
    expect(studies).toHaveLength(1);
    expect(studies[0]['0020000D'].Value).toEqual([CT_STUDY]);
    expect(studies[0]['00100010'].Value).toEqual([{ Alphabetic: 'HEAD' }]);
    const none = await client.searchForStudies({ queryParams: { PatientID: 'NOBODY' } });
    expect(none).toEqual([]);
  });

  it('retrieves each instance byte for byte with retrieveInstance', async () => {
    const series = await client.searchForSeries({ studyInstanceUID: CT_STUDY });
    const seriesUid = String(series[0]['0020000E'].Value![0]);
    const instances = await client.searchForInstances({ studyInstanceUID: CT_STUDY, seriesInstanceUID: seriesUid });
    const expected = new Set(files.map((f) => sha(f.bytes)));
    for (const instance of instances) {
      const sopInstanceUID = String(instance['00080018'].Value![0]);
      const bytes = await client.retrieveInstance({ studyInstanceUID: CT_STUDY, seriesInstanceUID: seriesUid, sopInstanceUID });
      expect(expected.has(sha(bytes))).toBe(true);
    }
  });

  it('retrieves metadata and native frames', async () => {
    const [study] = await client.searchForStudies({ queryParams: { PatientID: '4MR1' } });
    const studyInstanceUID = String(study['0020000D'].Value![0]);
    const [meta] = await client.retrieveStudyMetadata({ studyInstanceUID });
    expect(meta['00280010'].Value).toEqual([64]);
    const seriesInstanceUID = String(meta['0020000E'].Value![0]);
    const sopInstanceUID = String(meta['00080018'].Value![0]);
    const frames = await client.retrieveInstanceFrames({ studyInstanceUID, seriesInstanceUID, sopInstanceUID, frameNumbers: [1] });
    expect(frames).toHaveLength(1);
    expect(frames[0].byteLength).toBe(64 * 64 * 2);
  });
});
