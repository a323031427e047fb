import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import type { DataSet, Element } from 'dicom-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../src/dicom/parseDicom.ts';
import { loadVrDictionary } from '../../src/dicom/vrForTag.ts';
import { actionForTag, BASIC_PROFILE_ACTIONS } from '../../src/deid/basicProfileActions.ts';
import { deidentify, DEID_DEFAULTS, type DeidResult } from '../../src/deid/deidentify.ts';
import { base32 } from '../../src/deid/pseudonyms.ts';
import { daysBetween, shiftDa, shiftDt } from '../../src/deid/shiftDate.ts';
import { loadDicom } from '../../src/series/loadDicom.ts';
import type { DicomSource } from '../../src/series/DicomSource.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';

const SECRET = 'site-secret-for-tests';
const PROFILE = { retainLongitudinalModifiedDates: true, retainPatientCharacteristics: true };
const PYDICOM = (name: string) => sharedData('pydicom/src/pydicom/data/test_files', name);
const PYDICOM_FILES = ['CT_small.dcm', 'MR_small.dcm', 'MR_small_implicit.dcm', 'JPEG2000.dcm', 'SC_rgb_rle.dcm', 'rtplan.dcm'].map(PYDICOM);
const CT_SERIES = sharedData('dcm_qa_ct/In/Philips/S21570/S2010');
const MR_SERIES = sharedData('dcm_qa_nih/In/20180918GE/mr_0004');

type DcmDict = { meta: Record<string, { vr: string; Value: unknown[] }>; dict: Record<string, { vr: string; Value: unknown[] }>; write(): ArrayBuffer };
const dcmjsData = (dcmjs as unknown as { data: { DicomMessage: { readFile(b: ArrayBuffer): DcmDict } } }).data;

function read(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Edit a file with dcmjs (to make a second study, or a referencing instance). */
function edit(bytes: Uint8Array, change: (dict: DcmDict['dict']) => void): Uint8Array {
  const d = dcmjsData.DicomMessage.readFile(bytes.slice().buffer);
  change(d.dict);
  d.meta['00020003'] = { vr: 'UI', Value: [d.dict['00080018'].Value[0]] };
  delete (d.meta as Record<string, unknown>)['00020000'];
  return new Uint8Array(d.write());
}

/** A value as text: strings trimmed of padding; binary VRs as hex of their bytes. */
function valueOf(ds: DataSet, el: Element): string {
  if (el.items) return '';
  const raw = ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  return Buffer.from(raw).toString('latin1').replace(/[\0 ]+$/g, '').trim();
}

/** Every (tag, value) of a data set, items included. */
function walk(ds: DataSet, visit: (tag: string, el: Element, ds: DataSet) => void): void {
  for (const [t, el] of Object.entries(ds.elements)) {
    visit(t.slice(1).toUpperCase(), el, ds);
    for (const item of el.items ?? []) if (item.dataSet) walk(item.dataSet, visit);
  }
}

function tagValues(ds: DataSet): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  walk(ds, (tag, el, d) => {
    if (!m.has(tag)) m.set(tag, new Set());
    m.get(tag)!.add(el.items ? '<sequence>' : valueOf(d, el));
  });
  return m;
}

/** Attributes in the table with action D/Z/X/U whose original value survives in the output. */
function offenders(before: DataSet, after: DataSet): string[] {
  const out = tagValues(after);
  const bad: string[] = [];
  walk(before, (tag, el, d) => {
    const action = actionForTag(tag, PROFILE);
    if (!action || !'DZXU'.includes(action)) return;
    const name = BASIC_PROFILE_ACTIONS.get(tag)!.keyword;
    if (el.items) {
      if (action === 'X' && out.has(tag)) bad.push(`${name} (${tag}) sequence kept`);
      return;
    }
    const v = valueOf(d, el);
    if (v && out.get(tag)?.has(v)) bad.push(`${name} (${tag}) = ${JSON.stringify(v)}`);
  });
  return bad;
}

function privateTags(ds: DataSet): string[] {
  const tags: string[] = [];
  walk(ds, (tag) => { if (parseInt(tag.slice(0, 4), 16) & 1) tags.push(tag); });
  return tags;
}

/** Pixel data bytes: native value, or the fragments of encapsulated data concatenated. */
function pixelBytes(ds: DataSet): Uint8Array | undefined {
  const el = ds.elements.x7fe00010;
  if (!el) return undefined;
  if (!el.fragments) return ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  const parts = el.fragments.map((f) => ds.byteArray.subarray(f.position, f.position + f.length));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { all.set(p, o); o += p.length; }
  return all;
}

const str = (ds: DataSet, tag: string) => (ds.string(tag) ?? '').replace(/\0/g, '').trim();

describe('date shifting (PS3.15 §E.3.6)', () => {
  it('moves DA by whole days across month and leap-year boundaries', () => {
    expect(shiftDa('20240301', -1)).toBe('20240229');
    expect(shiftDa('20000101', -365)).toBe('19990101'); // 1999 is not a leap year
    expect(shiftDa('2024-03-01', 1)).toBeUndefined();
    expect(shiftDa('20240230', 1)).toBeUndefined();
  });
  it('moves DT dates and keeps the time and offset', () => {
    expect(shiftDt('20240301123456.5+0100', -1)).toBe('20240229123456.5+0100');
  });
  it('counts whole days between dates', () => {
    expect(daysBetween('20231231', '20240301')).toBe(61);
  });
});

describe('pseudonyms', () => {
  it('base32 follows RFC 4648 (test vector "foobar" → MZXW6YTBOI)', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
  });
  it('the default date shift is one to ten years back', () => {
    expect(DEID_DEFAULTS.dateShift).toEqual({ minDays: -3650, maxDays: -365 });
  });
});

describe.runIf(HAS_SHARED)('deidentify on real data', () => {
  beforeAll(async () => { await loadVrDictionary(); });

  async function check(path: string, bytes = read(path)): Promise<{ result: DeidResult; before: DataSet; after: DataSet }> {
    const result = await deidentify(bytes, { secret: SECRET, name: path });
    const before = parseDicom(bytes, path).dataSet;
    const after = parseDicom(result.bytes, path).dataSet;
    return { result, before, after };
  }

  const files = () => [
    ...PYDICOM_FILES,
    ...readdirSync(CT_SERIES).filter((f) => f.startsWith('I')).slice(0, 4).map((f) => join(CT_SERIES, f)),
    ...readdirSync(MR_SERIES).filter((f) => f.endsWith('.dcm')).slice(0, 4).map((f) => join(MR_SERIES, f)),
  ];

  it('leaves no original value of a D/Z/X/U attribute anywhere in the data set, and no private tag', async () => {
    const problems: string[] = [];
    // The checker itself flags the untouched file (CT_small has names, IDs, dates, UIDs).
    const ct = parseDicom(read(PYDICOM('CT_small.dcm'))).dataSet;
    expect(offenders(ct, ct).length).toBeGreaterThan(5);
    for (const f of files()) {
      const { before, after } = await check(f);
      for (const o of offenders(before, after)) problems.push(`${f}: ${o}`);
      for (const t of privateTags(after)) problems.push(`${f}: private tag ${t} kept`);
      for (const t of Object.keys(after.elements)) if (/^x60[0-9a-f]{2}/.test(t) || /^x50[0-9a-f]{2}/.test(t)) problems.push(`${f}: overlay/curve ${t} kept`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps the pixel data byte for byte and the transfer syntax, moves dates by the patient shift, and updates the meta header', async () => {
    for (const f of files()) {
      const { result, before, after } = await check(f);
      const pa = pixelBytes(after), pb = pixelBytes(before);
      expect(pa === undefined, f).toBe(pb === undefined);
      if (pa && pb) expect(Buffer.from(pa).equals(Buffer.from(pb)), `${f}: pixel data differs`).toBe(true);
      expect(str(after, 'x00020010'), f).toBe(str(before, 'x00020010'));
      expect(str(after, 'x00020003'), f).toBe(result.sopInstanceUid);
      expect(str(after, 'x00080018'), f).toBe(result.sopInstanceUid);
      expect(str(after, 'x00080016'), f).toBe(str(before, 'x00080016'));
      expect(result.sopInstanceUid).toMatch(/^2\.25\.[1-9]\d*$/);
      expect(result.sopInstanceUid.length).toBeLessThanOrEqual(64);
      expect(str(after, 'x00120062')).toBe('YES');
      const codes = after.elements.x00120064.items!.map((i) => str(i.dataSet!, 'x00080100'));
      expect(codes).toEqual(['113100', '113107', '113108']);
      for (const tag of ['x00080020', 'x00080021', 'x00080022', 'x00080023']) {
        if (str(before, tag)) expect(daysBetween(str(before, tag), str(after, tag)), `${f} ${tag}`).toBe(result.dateShiftDays);
      }
      const burned = str(before, 'x00280301');
      expect(result.burnedInTextFlag, f).toBe(burned === '' || burned === 'YES');
    }
  });

  it('keeps patient characteristics and times (the two options)', async () => {
    const { before, after } = await check(PYDICOM('CT_small.dcm'));
    for (const tag of ['x00100040', 'x00101010', 'x00101020', 'x00101030', 'x00080030', 'x00080032']) {
      expect(str(after, tag), tag).toBe(str(before, tag));
    }
  });

  it('moves every date of one patient by the same whole number of days, in two studies, with the same pseudonym', async () => {
    const first = read(PYDICOM('CT_small.dcm'));
    const firstDs = parseDicom(first).dataSet;
    // A second study of the same patient, 30 days later, made with dcmjs.
    const second = edit(first, (d) => {
      d['0020000D'].Value = ['1.2.3.4.5.6.7.8.9'];
      d['00080018'].Value = ['1.2.3.4.5.6.7.8.10'];
      d['00080020'].Value = [shiftDa(str(firstDs, 'x00080020'), 30)];
    });
    const a = await check('first', first);
    const b = await check('second', second);
    expect(b.result.patientId).toBe(a.result.patientId);
    expect(a.result.patientId).toMatch(/^VX[A-Z2-7]{16}$/);
    expect(str(a.after, 'x00100020')).toBe(a.result.patientId);
    expect(str(a.after, 'x00100010')).toBe(a.result.patientId);
    expect(b.result.dateShiftDays).toBe(a.result.dateShiftDays);
    expect(a.result.dateShiftDays).toBeGreaterThanOrEqual(-3650);
    expect(a.result.dateShiftDays).toBeLessThanOrEqual(-365);
    expect(b.result.studyInstanceUid).not.toBe(a.result.studyInstanceUid);
    for (const { before, after } of [a, b]) {
      for (const tag of ['x00080020', 'x00080021', 'x00080022', 'x00080023']) {
        if (!str(before, tag)) continue;
        expect(daysBetween(str(before, tag), str(after, tag)), tag).toBe(a.result.dateShiftDays);
      }
    }
    // The interval between the studies is kept exactly (30 days, as made above).
    expect(daysBetween(str(a.after, 'x00080020'), str(b.after, 'x00080020'))).toBe(30);
  });

  it('gives different pseudonyms under a different secret, and the same under the same one', async () => {
    const bytes = read(PYDICOM('MR_small.dcm'));
    const a = await deidentify(bytes, { secret: SECRET });
    const again = await deidentify(bytes, { secret: SECRET });
    const other = await deidentify(bytes, { secret: 'another-site' });
    expect(again.patientId).toBe(a.patientId);
    expect(again.sopInstanceUid).toBe(a.sopInstanceUid);
    expect(other.patientId).not.toBe(a.patientId);
    expect(other.sopInstanceUid).not.toBe(a.sopInstanceUid);
  });

  it('maps SOP Instance UID references inside sequences consistently with the referenced file', async () => {
    const target = read(PYDICOM('CT_small.dcm'));
    const targetUid = str(parseDicom(target).dataSet, 'x00080018');
    const referencing = edit(target, (d) => {
      d['00080018'].Value = ['1.2.3.4.5.6.7.8.11'];
      d['00081140'] = { vr: 'SQ', Value: [{ '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] }, '00081155': { vr: 'UI', Value: [targetUid] } }] };
    });
    const t = await deidentify(target, { secret: SECRET });
    const r = await check('referencing', referencing);
    const item = r.after.elements.x00081140.items![0].dataSet!;
    expect(str(item, 'x00081155')).toBe(t.sopInstanceUid);
    expect(str(item, 'x00081150')).toBe('1.2.840.10008.5.1.4.1.1.2');
  });

  it('rejects a file that is not DICOM with a VoxaError', async () => {
    await expect(deidentify(new Uint8Array(300), { secret: SECRET })).rejects.toMatchObject({ code: 'VOXA_ERR_NOT_DICOM' });
    await expect(deidentify(read(PYDICOM('CT_small.dcm')), { secret: '' })).rejects.toMatchObject({ code: 'VOXA_ERR_BAD_ARGUMENT' });
  });

  async function volumesOf(entries: [string, Uint8Array][]) {
    const sources: DicomSource[] = entries.map(([name, bytes]) => ({ name, read: async () => bytes, size: bytes.length }));
    const r = await loadDicom(sources);
    return r.series.flatMap((s) => s.volumes);
  }

  for (const [label, dir, pick] of [['dcm_qa_ct Philips S2010', CT_SERIES, (f: string) => f.startsWith('I')], ['dcm_qa_nih GE mr_0004 (first 24)', MR_SERIES, (f: string) => f.endsWith('.dcm')]] as const) {
    it(`loadDicom builds the same volume (voxel-identical) from the de-identified ${label}`, async () => {
      const names = readdirSync(dir).filter(pick).sort().slice(0, 24);
      const orig: [string, Uint8Array][] = names.map((n) => [n, read(join(dir, n))]);
      const deid: [string, Uint8Array][] = [];
      for (const [n, b] of orig) deid.push([n, (await deidentify(b, { secret: SECRET, name: n })).bytes]);
      const va = await volumesOf(orig), vb = await volumesOf(deid);
      expect(va.length).toBeGreaterThan(0);
      expect(vb.length).toBe(va.length);
      for (let i = 0; i < va.length; i++) {
        expect(vb[i].dimensions).toEqual(va[i].dimensions);
        expect(Array.from(vb[i].indexToWorld)).toEqual(Array.from(va[i].indexToWorld));
        expect(Buffer.from(vb[i].voxels.buffer, vb[i].voxels.byteOffset, vb[i].voxels.byteLength).equals(Buffer.from(va[i].voxels.buffer, va[i].voxels.byteOffset, va[i].voxels.byteLength))).toBe(true);
      }
    }, 60_000);
  }
});
