import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDicom, parseDicom } from '../../src/index.ts';
import { fileSources } from '../../src/node/index.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';
import { thrown } from '../util/thrown.ts';

const CT = 'pydicom/src/pydicom/data/test_files/CT_small.dcm';

const codeOf = (fn: () => unknown): string => thrown(fn).code;

describe('bad input gives a clear error naming the file', () => {
  it('a zero-byte file is VOXA_ERR_FILE_EMPTY with its name', () => {
    expect(() => parseDicom(new Uint8Array(0), 'empty.dcm')).toThrow(/empty.*empty\.dcm/);
    expect(codeOf(() => parseDicom(new Uint8Array(0), 'empty.dcm'))).toBe('VOXA_ERR_FILE_EMPTY');
  });

  it('a text file is VOXA_ERR_NOT_DICOM with its name', () => {
    const bytes = new TextEncoder().encode('hello, this is not an image\n'.repeat(20));
    expect(codeOf(() => parseDicom(bytes, 'notes.txt'))).toBe('VOXA_ERR_NOT_DICOM');
    expect(() => parseDicom(bytes, 'notes.txt')).toThrow(/notes\.txt/);
  });

  it('a preamble with DICM followed by garbage is VOXA_ERR_DICOM_CORRUPT naming what is missing, never a crash', () => {
    const bytes = new Uint8Array(400);
    bytes.set([0x44, 0x49, 0x43, 0x4d], 128);
    for (let i = 132; i < 400; i++) bytes[i] = (i * 37) & 0xff;
    const e = thrown(() => parseDicom(bytes, 'garbage.dcm'));
    expect(e.code).toBe('VOXA_ERR_DICOM_CORRUPT');
    expect(e.message).toMatch(/0002,0010.*garbage\.dcm/);
  });
});

describe.runIf(HAS_SHARED)('bad files among good ones', () => {
  it('a truncated image is VOXA_ERR_DICOM_TRUNCATED naming the file and the pixel data tag', () => {
    const whole = new Uint8Array(readFileSync(sharedData(CT)));
    const cut = whole.subarray(0, whole.length - 5000);
    expect(codeOf(() => parseDicom(cut, 'cut.dcm'))).toBe('VOXA_ERR_DICOM_TRUNCATED');
    expect(() => parseDicom(cut, 'cut.dcm')).toThrow(/truncated.*cut\.dcm.*7FE0,0010/);
  });

  it('a folder mixing good and bad files converts the good series and lists each bad file with its reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-mixed-'));
    const series = sharedData('dcm_qa_ct/In/Philips/S21570/S2010');
    mkdirSync(join(dir, 'good'));
    for (const f of ['I10', 'I20', 'I30', 'I40']) writeFileSync(join(dir, 'good', f), readFileSync(join(series, f)));
    const whole = readFileSync(sharedData(CT));
    writeFileSync(join(dir, 'zero.dcm'), new Uint8Array(0));
    writeFileSync(join(dir, 'readme.bin'), 'not dicom at all');
    writeFileSync(join(dir, 'truncated.dcm'), whole.subarray(0, 3000));
    const result = await loadDicom(await fileSources(dir));
    expect(result.series).toHaveLength(1);
    expect(result.series[0].volumes[0].dimensions).toEqual([512, 512, 4]);
    const rejected = Object.fromEntries(result.rejected.map((r) => [r.file.split('/').pop(), r.code]));
    expect(rejected).toEqual({
      'zero.dcm': 'VOXA_ERR_FILE_EMPTY',
      'readme.bin': 'VOXA_ERR_NOT_DICOM',
      'truncated.dcm': 'VOXA_ERR_DICOM_TRUNCATED',
    });
    for (const r of result.rejected) expect(r.reason).toContain(r.file);
  });

  it('DICOM without pixel data (an SR) is skipped as a non-image, not rejected', async () => {
    const result = await loadDicom(await fileSources(sharedData('highdicom/data/test_files/sr_document.dcm')));
    expect(result.series).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.skipped.map((s) => s.code)).toEqual(['VOXA_ERR_NO_PIXEL_DATA']);
  });
});
