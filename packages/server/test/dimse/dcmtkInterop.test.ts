import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom, readPart10Layout } from '@voxa/core';
import { datasetOf, original } from './util/originals.ts';
import { HAS_SHARED, sharedData } from '../../../core/test/util/shared.ts';
import { startDimseServer, type DimseServer } from '../../src/dimse/index.ts';
import type { SqliteFileStore } from '../../src/store/SqliteFileStore.ts';
import { openSqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { DCMTK_TOOLS, hasPeers, runTool, startStorescp, type PeerProcess } from '../util/peers.ts';

const RUN = HAS_SHARED && hasPeers('DIMSE interoperability with dcmtk', DCMTK_TOOLS);

/** dcm_qa_ts: one MR mosaic in nine transfer syntaxes, with the storescu option that proposes each. */
const TS_FILES = [
  { name: '1.dcm', propose: '-xe', ts: '1.2.840.10008.1.2.1' },
  { name: '2.dcm', propose: '-xi', ts: '1.2.840.10008.1.2' },
  { name: '3.dcm', propose: '-xb', ts: '1.2.840.10008.1.2.2' },
  { name: '4.dcm', propose: '-xr', ts: '1.2.840.10008.1.2.5' },
  { name: '5.dcm', propose: '-xs', ts: '1.2.840.10008.1.2.4.70' },
  { name: '6.dcm', propose: '-xs', ts: '1.2.840.10008.1.2.4.70' },
  { name: '7.dcm', propose: '-xt', ts: '1.2.840.10008.1.2.4.80' },
  { name: '8.dcm', propose: '-xt', ts: '1.2.840.10008.1.2.4.80' },
  { name: '9.dcm', propose: '-xv', ts: '1.2.840.10008.1.2.4.90' },
];

/** The identifiers of findscu's extracted responses (rsp0001.dcm, …), one per match. */
function responses(dir: string): Array<(tag: string) => string | undefined> {
  return readdirSync(dir).filter((n) => n.startsWith('rsp')).sort().map((n) => {
    const { dataSet } = parseDicom(readFileSync(join(dir, n)), n);
    return (tag: string) => dataSet.string(`x${tag.toLowerCase()}`);
  });
}

describe.runIf(RUN)('DIMSE against dcmtk: storescu → Voxa → findscu / movescu → storescp / getscu', () => {
  let dir: string;
  let store: SqliteFileStore;
  let server: DimseServer;
  let storescp: PeerProcess & { port: number };
  const log: string[] = [];
  const tsFiles = RUN ? TS_FILES.map((f) => ({ ...f, ...original(sharedData('dcm_qa_ts', 'In', f.name)) })) : [];
  const geFiles = RUN ? readdirSync(sharedData('dcm_qa_ct', 'In', 'GE')).sort().map((n) => original(sharedData('dcm_qa_ct', 'In', 'GE', n))) : [];
  const all = [...tsFiles, ...geFiles];
  const voxa = () => ['-aec', 'VOXA', '127.0.0.1', String(server.port)];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxa-dimse-'));
    store = await openSqliteFileStore(join(dir, 'archive'));
    storescp = await startStorescp(join(dir, 'storescp'), 'STORESCP');
    server = await startDimseServer({
      store, port: 0, aeTitle: 'VOXA',
      peers: [{ aeTitle: 'STORESCP', host: '127.0.0.1', port: storescp.port }],
      log: (line) => log.push(line),
    });
  });

  afterAll(async () => {
    await server?.close();
    await storescp?.stop();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers echoscu (C-ECHO) with Success', async () => {
    const run = await runTool('echoscu', voxa());
    expect(run.status, run.output).toBe(0);
  });

  it('stores what storescu sends in each of nine transfer syntaxes, data set bytes unchanged (C-STORE)', async () => {
    for (const propose of new Set(TS_FILES.map((f) => f.propose))) {
      const files = tsFiles.filter((f) => f.propose === propose).map((f) => f.path);
      const run = await runTool('storescu', [propose, ...voxa(), ...files]);
      expect(run.status, `${propose}: ${run.output}`).toBe(0);
    }
    const run = await runTool('storescu', ['-xe', ...voxa(), ...geFiles.map((f) => f.path)]);
    expect(run.status, run.output).toBe(0);

    expect(store.search('instance', { match: {} })).toHaveLength(all.length);
    for (const f of all) {
      const stored = await store.getInstance({ studyInstanceUid: f.studyInstanceUid, seriesInstanceUid: f.seriesInstanceUid, sopInstanceUid: f.sopInstanceUid });
      expect(stored, f.path).toBeDefined();
      expect(datasetOf(stored!, f.path).equals(f.dataset), `${f.path}: stored data set equals the original`).toBe(true);
      expect(readPart10Layout(stored!).sourceAeTitle).toBe('STORESCU');
    }
    for (const f of tsFiles) {
      const [row] = store.search('instance', { match: { SOPInstanceUID: f.sopInstanceUid } });
      expect(row.TransferSyntaxUID, f.name).toBe(f.ts);
    }
  });

  it('answers findscu at patient, study, series and image level with the keys asked for (C-FIND)', async () => {
    const find = async (model: string, keys: string[]) => {
      const out = mkdtempSync(join(dir, 'find-'));
      const run = await runTool('findscu', [model, '-X', '-od', out, ...keys.flatMap((k) => ['-k', k]), ...voxa()]);
      expect(run.status, run.output).toBe(0);
      return responses(out);
    };
    const studies = await find('-S', ['QueryRetrieveLevel=STUDY', 'StudyInstanceUID', 'PatientID', 'NumberOfStudyRelatedInstances', 'ModalitiesInStudy']);
    const studyUids = [...new Set(all.map((f) => f.studyInstanceUid))];
    expect(studies.map((r) => r('0020000D')).sort()).toEqual(studyUids.sort());
    for (const r of studies) {
      expect(Number(r('00201208')), 'NumberOfStudyRelatedInstances').toBe(all.filter((f) => f.studyInstanceUid === r('0020000D')).length);
      expect(r('00080052')).toBe('STUDY');
    }

    const mr = tsFiles[0];
    const series = await find('-S', ['QueryRetrieveLevel=SERIES', `StudyInstanceUID=${mr.studyInstanceUid}`, 'SeriesInstanceUID', 'Modality', 'NumberOfSeriesRelatedInstances']);
    expect(series.map((r) => r('0020000E')).sort()).toEqual([...new Set(tsFiles.map((f) => f.seriesInstanceUid))].sort());
    expect(series.every((r) => r('00080060') === 'MR')).toBe(true);

    const images = await find('-S', ['QueryRetrieveLevel=IMAGE', `StudyInstanceUID=${mr.studyInstanceUid}`, `SeriesInstanceUID=${mr.seriesInstanceUid}`, 'SOPInstanceUID']);
    expect(images.map((r) => r('00080018')).sort()).toEqual(tsFiles.filter((f) => f.seriesInstanceUid === mr.seriesInstanceUid).map((f) => f.sopInstanceUid).sort());

    const patients = await find('-P', ['QueryRetrieveLevel=PATIENT', 'PatientID', 'PatientName', 'NumberOfPatientRelatedStudies']);
    expect(patients).toHaveLength(2);
    expect(patients.every((r) => Number(r('00201200')) === 1)).toBe(true);

    const wildcard = await find('-S', ['QueryRetrieveLevel=STUDY', 'ModalitiesInStudy=C*', 'StudyInstanceUID']);
    expect(wildcard.map((r) => r('0020000D'))).toEqual([geFiles[0].studyInstanceUid]);
  });

  it('moves a study into storescp with every data set byte-identical to the original (C-MOVE)', async () => {
    for (const study of new Set(all.map((f) => f.studyInstanceUid))) {
      const run = await runTool('movescu', ['-S', '-aem', 'STORESCP', '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${study}`, ...voxa()]);
      expect(run.status, run.output).toBe(0);
      expect(run.output).not.toMatch(/Failed|Warning/i);
    }
    const received = readdirSync(join(dir, 'storescp'));
    expect(received).toHaveLength(all.length);
    for (const f of all) {
      const name = received.find((n) => n.endsWith(`.${f.sopInstanceUid}`));
      expect(name, `${f.path} arrived at storescp`).toBeDefined();
      const bytes = readFileSync(join(dir, 'storescp', name!));
      expect(datasetOf(bytes, name!).equals(f.dataset), `${f.path}: data set moved byte for byte`).toBe(true);
    }
  });

  it('returns a series to getscu over the same association, byte-identical (C-GET)', async () => {
    const out = mkdtempSync(join(dir, 'get-'));
    const ge = geFiles[0];
    const run = await runTool('getscu', ['-S', '-od', out, '-k', 'QueryRetrieveLevel=SERIES', `-k`, `StudyInstanceUID=${ge.studyInstanceUid}`, '-k', `SeriesInstanceUID=${ge.seriesInstanceUid}`, ...voxa()]);
    expect(run.status, run.output).toBe(0);
    const received = readdirSync(out);
    expect(received).toHaveLength(geFiles.length);
    for (const f of geFiles) {
      const name = received.find((n) => n.endsWith(`.${f.sopInstanceUid}`))!;
      expect(datasetOf(readFileSync(join(out, name)), name).equals(f.dataset), f.path).toBe(true);
    }
  });

  it('refuses a wrong called AE title, an unknown move destination and a retrieve without its unique key', async () => {
    const wrongAe = await runTool('echoscu', ['-aec', 'NOT-VOXA', '127.0.0.1', String(server.port)]);
    expect(wrongAe.status).not.toBe(0);
    expect(wrongAe.output).toMatch(/Called AE Title Not Recognized/i);
    expect(log.some((l) => l.includes('called AE title "NOT-VOXA"'))).toBe(true);

    const study = geFiles[0].studyInstanceUid;
    const unknown = await runTool('movescu', ['-S', '-aem', 'NOWHERE', '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${study}`, ...voxa()]);
    expect(unknown.output).toMatch(/MoveDestinationUnknown/);

    const noKey = await runTool('getscu', ['-S', '-od', dir, '-k', 'QueryRetrieveLevel=STUDY', '-k', 'PatientID=*', ...voxa()]);
    expect(noKey.output).toMatch(/DataSetDoesNotMatchSOPClass/);

    // Still serving after all that.
    expect((await runTool('echoscu', voxa())).status).toBe(0);
  });
});
