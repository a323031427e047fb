import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoxaError } from '@voxa/core';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import type { QueryLevel, SearchQuery } from '../../src/store/InstanceStore.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { withElement } from './editDicom.ts';
import { CT_SMALL, GE_SERIES, MR_SMALL, PHILIPS_SERIES, rowCounts, shared, sharedFolder, SR_DOCUMENT, tempDataDir } from './storeFixtures.ts';

/** The four studies of the fixture store (UIDs from the files). */
const PHILIPS = '1.3.46.670589.33.1.27492712521914879309.27169771283235650014'; // PLASTIC, HEAD, 20150206 092815.672, 28 CT
const GE = '1.2.826.0.1.3680043.9.4245.1760717064491086528325869788156915668'; // QMNx85rKkkg, no StudyDate, 28 CT
const CT_SR = '1.3.6.1.4.1.5962.1.2.1.20040119072730.12322'; // 1CT1, CompressedSamples^CT1, 20040119 072730, CT + SR in one series
const MR = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457'; // 4MR1, CompressedSamples^MR1, 20040826 185059, MR

describe.runIf(HAS_SHARED)('search (QIDO-RS matching)', () => {
  let store: SqliteFileStore;
  let cleanup: () => Promise<void> = async () => {};
  let philipsSops: string[] = [];

  beforeAll(async () => {
    const data = await tempDataDir();
    cleanup = data.cleanup;
    store = await openSqliteFileStore(data.dir);
    // One series after the other (each one's files at once): studies are listed in the order stored.
    const results = [];
    for (const series of [PHILIPS_SERIES, GE_SERIES]) {
      const files = sharedFolder(series).filter((f) => f.name !== 'DIRFILE');
      results.push(...(await Promise.all(files.map((f) => store.put(f.bytes, f.name)))));
    }
    philipsSops = results.slice(0, 28).map((r) => (r as { ref: { sopInstanceUid: string } }).ref.sopInstanceUid);
    for (const file of [CT_SMALL, SR_DOCUMENT, MR_SMALL]) expect((await store.put(shared(file))).status).toBe('stored');
    expect(rowCounts(data.dir)).toEqual({ patients: 4, studies: 4, series: 4, instances: 59 });
  });

  afterAll(async () => {
    store?.close();
    await cleanup();
  });

  const studies = (match: Record<string, string>, extra: Partial<SearchQuery> = {}) =>
    store.search('study', { match, ...extra }).map((r) => r.StudyInstanceUID);

  function badArgument(level: QueryLevel, query: SearchQuery): string {
    try {
      store.search(level, query);
    } catch (e) {
      expect(e).toBeInstanceOf(VoxaError);
      expect((e as VoxaError).code).toBe('VOXA_ERR_BAD_ARGUMENT');
      return (e as Error).message;
    }
    return 'no error';
  }

  it('returns every study with its patient, study attributes, counts and ModalitiesInStudy', () => {
    const rows = store.search('study', { match: {} });
    expect(rows.map((r) => r.StudyInstanceUID)).toEqual([PHILIPS, GE, CT_SR, MR]);
    expect(rows[0]).toEqual({
      PatientName: 'HEAD', PatientID: 'PLASTIC', PatientSex: 'M',
      StudyInstanceUID: PHILIPS, StudyDate: '20150206', StudyTime: '092815.672', StudyDescription: '1A TRAUMA/PLAIN HEAD DM',
      ModalitiesInStudy: ['CT'], NumberOfStudyRelatedSeries: 1, NumberOfStudyRelatedInstances: 28,
      ...pick(rows[0], ['AccessionNumber', 'StudyID', 'ReferringPhysicianName', 'PatientBirthDate', 'TimezoneOffsetFromUTC']),
    });
    expect(rows[2]).toMatchObject({ ModalitiesInStudy: ['CT', 'SR'], NumberOfStudyRelatedSeries: 1, NumberOfStudyRelatedInstances: 2 });
  });

  it('matches PatientID exactly and case-sensitively', () => {
    expect(studies({ PatientID: 'PLASTIC' })).toEqual([PHILIPS]);
    expect(studies({ PatientID: 'plastic' })).toEqual([]);
    expect(studies({ PatientID: 'PLAST' })).toEqual([]);
  });

  it('matches PatientID with * and ? wildcards', () => {
    expect(studies({ PatientID: 'PLAS*' })).toEqual([PHILIPS]);
    expect(studies({ PatientID: '?MR?' })).toEqual([MR]);
    expect(studies({ PatientID: '*1' })).toEqual([CT_SR, MR]);
    expect(studies({ PatientID: '*' })).toHaveLength(4);
  });

  it('matches PatientName ignoring case, literally unless wildcards are given (fuzzymatching=false)', () => {
    expect(studies({ PatientName: 'compressedsamples^ct1' })).toEqual([CT_SR]);
    expect(studies({ PatientName: 'COMPRESSED*' })).toEqual([CT_SR, MR]);
    expect(studies({ PatientName: 'hea' })).toEqual([]);
    expect(store.search('study', { match: { PatientName: 'head' } })[0].PatientName).toBe('HEAD');
  });

  it('matches StudyDate single values and closed and open ranges', () => {
    expect(studies({ StudyDate: '20040119' })).toEqual([CT_SR]);
    expect(studies({ StudyDate: '20040101-20041231' })).toEqual([CT_SR, MR]);
    expect(studies({ StudyDate: '-20041231' })).toEqual([CT_SR, MR]);
    expect(studies({ StudyDate: '20050101-' })).toEqual([PHILIPS]);
    expect(studies({ StudyDate: '20040120-20040825' })).toEqual([]);
  });

  it('matches StudyTime ranges, a partial upper bound covering its whole minute', () => {
    expect(studies({ StudyTime: '0700-0800' })).toEqual([CT_SR]);
    expect(studies({ StudyTime: '0928-0928' })).toEqual([PHILIPS]);
    expect(studies({ StudyTime: '1800-' })).toEqual([MR]);
    expect(studies({ StudyTime: '09:28:15.672' })).toEqual([PHILIPS]);
  });

  it('matches ModalitiesInStudy against any modality of the study, and lists of modalities', () => {
    expect(studies({ ModalitiesInStudy: 'SR' })).toEqual([CT_SR]);
    expect(studies({ ModalitiesInStudy: 'CT' })).toEqual([PHILIPS, GE, CT_SR]);
    expect(studies({ ModalitiesInStudy: 'MR\\SR' })).toEqual([CT_SR, MR]);
    expect(studies({ ModalitiesInStudy: 'MR,PT' })).toEqual([MR]);
  });

  it('matches UID lists separated by commas or backslashes', () => {
    expect(studies({ StudyInstanceUID: `${MR},${PHILIPS}` })).toEqual([PHILIPS, MR]);
    expect(studies({ StudyInstanceUID: `${GE}\\${CT_SR}\\1.2.3` })).toEqual([GE, CT_SR]);
  });

  it('accepts tags instead of keywords, in either case', () => {
    expect(studies({ '00100020': 'PLASTIC' })).toEqual([PHILIPS]);
    expect(studies({ '0020000d': MR })).toEqual([MR]);
  });

  it('combines several keys with AND', () => {
    expect(studies({ PatientName: 'compressed*', ModalitiesInStudy: 'CT' })).toEqual([CT_SR]);
    expect(studies({ PatientID: 'PLASTIC', StudyDate: '-20041231' })).toEqual([]);
  });

  it('pages with limit and offset in a stable order', () => {
    const all = studies({});
    const pages = [0, 1, 2, 3].map((page) => studies({}, { limit: 1, offset: page }));
    expect(pages.flat()).toEqual(all);
    expect(studies({}, { limit: 3, offset: 2 })).toEqual(all.slice(2));
    expect(studies({}, { offset: 4 })).toEqual([]);
    expect(studies({}, { limit: 0 })).toEqual([]);
  });

  it('finds series by Modality within a study, with the parent UID and NumberOfSeriesRelatedInstances', () => {
    const rows = store.search('series', { match: { Modality: 'CT' }, studyInstanceUid: PHILIPS });
    expect(rows).toEqual([{
      StudyInstanceUID: PHILIPS, SeriesInstanceUID: '1.3.46.670589.33.1.6002432791750815306.26862469513794233732',
      Modality: 'CT', SeriesNumber: 201, SeriesDescription: 'STD BRAIN 5MM', BodyPartExamined: 'BRAIN', NumberOfSeriesRelatedInstances: 28,
      ...pick(rows[0], ['SeriesDate', 'SeriesTime', 'PerformedProcedureStepStartDate', 'PerformedProcedureStepStartTime']),
    }]);
    expect(store.search('series', { match: { Modality: 'MR' }, studyInstanceUid: PHILIPS })).toEqual([]);
  });

  it('adds the study and patient attributes to series found without a study in the path', () => {
    const rows = store.search('series', { match: { Modality: 'MR' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ StudyInstanceUID: MR, PatientID: '4MR1', StudyDate: '20040826', Modality: 'MR', NumberOfSeriesRelatedInstances: 1 });
    expect(store.search('series', { match: { PatientID: '1CT1' } })[0]).toMatchObject({ StudyInstanceUID: CT_SR, NumberOfSeriesRelatedInstances: 2 });
  });

  it('finds instances by a SOPInstanceUID list, with their attributes and parent UIDs', () => {
    const wanted = [philipsSops[4], philipsSops[0], philipsSops[27]];
    const rows = store.search('instance', { match: { SOPInstanceUID: wanted.join(',') }, studyInstanceUid: PHILIPS, seriesInstanceUid: '1.3.46.670589.33.1.6002432791750815306.26862469513794233732' });
    expect(rows.map((r) => r.SOPInstanceUID).sort()).toEqual([...wanted].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ StudyInstanceUID: PHILIPS, SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', Rows: 512, Columns: 512, BitsAllocated: 16, TransferSyntaxUID: '1.2.840.10008.1.2.1' });
      expect(row.PatientID).toBeUndefined(); // the study is fixed by the path
    }
    // In series, then instance number order.
    const numbers = rows.map((r) => r.InstanceNumber as number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('matches InstanceNumber as an integer and refuses non-integers', () => {
    expect(store.search('instance', { match: { InstanceNumber: '7' }, studyInstanceUid: PHILIPS })).toHaveLength(1);
    expect(badArgument('instance', { match: { InstanceNumber: 'seven' } })).toMatch(/"seven": expected an integer \(key InstanceNumber\)/);
  });

  it('refuses unknown, misplaced and return-only keys, bad dates and negative paging with VOXA_ERR_BAD_ARGUMENT', () => {
    expect(badArgument('study', { match: { PatientWeight: '70' } })).toMatch(/not a searchable attribute.*"PatientWeight"/);
    expect(badArgument('study', { match: { Modality: 'CT' } })).toMatch(/Modality is a series-level attribute, not searchable at study level/);
    expect(badArgument('study', { match: { NumberOfStudyRelatedInstances: '2' } })).toMatch(/returned, not matched/);
    expect(badArgument('study', { match: { StudyDate: '2004-01-19' } })).toMatch(/"2004-01-19": expected a single value or a range.*\(key StudyDate\)/);
    expect(badArgument('study', { match: { StudyDate: '200401' } })).toMatch(/"200401": expected YYYYMMDD \(key StudyDate\)/);
    expect(badArgument('study', { match: {}, limit: -1 })).toMatch(/limit/);
    expect(badArgument('study', { match: {}, seriesInstanceUid: '1.2' })).toMatch(/study-level search cannot be limited to a series/);
  });

  it('binds values as parameters: SQL in a value matches nothing and changes nothing', () => {
    expect(studies({ PatientID: "' OR 1=1 --" })).toEqual([]);
    expect(studies({ PatientName: '*"; DROP TABLE studies; --*' })).toEqual([]);
    expect(studies({})).toHaveLength(4);
  });
});

describe.runIf(HAS_SHARED)('search on edited copies', () => {
  it("treats '[' in a value literally, in exact and wildcard matching", async () => {
    const data = await tempDataDir();
    const store = await openSqliteFileStore(data.dir);
    try {
      await store.put(withElement(shared(CT_SMALL), 'x00100020', 'X[1]'));
      expect(store.search('study', { match: { PatientID: 'X[1]' } })).toHaveLength(1);
      expect(store.search('study', { match: { PatientID: 'X[1*' } })).toHaveLength(1);
      expect(store.search('study', { match: { PatientID: 'X[2*' } })).toHaveLength(0);
    } finally {
      store.close();
      await data.cleanup();
    }
  });

  it('decodes a UTF-8 PatientName (Specific Character Set ISO_IR 192) and matches it ignoring case', async () => {
    const data = await tempDataDir();
    const store = await openSqliteFileStore(data.dir);
    try {
      const utf8 = withElement(withElement(shared(CT_SMALL), 'x00080005', 'ISO_IR 192'), 'x00100010', 'Müller^Jörg');
      expect((await store.put(utf8)).status).toBe('stored');
      const rows = store.search('study', { match: { PatientName: 'MÜLLER*' } });
      expect(rows.map((r) => r.PatientName)).toEqual(['Müller^Jörg']);
    } finally {
      store.close();
      await data.cleanup();
    }
  });
});

/** The listed keys of a row that are present (values the fixtures leave to the data). */
function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => row[k] !== undefined).map((k) => [k, row[k]]));
}
