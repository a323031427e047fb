import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { framePart10, parseDicom, readFileTransferSyntax, readPart10Layout } from '../../src/index.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';
import { thrown } from '../util/thrown.ts';

const MR = '1.2.840.10008.5.1.4.1.1.4';

describe('File Meta Information (PS3.10 §7.1)', () => {
  it('frames a bare data set as a Part 10 file that reads back with the same UIDs and the data set unchanged', () => {
    const dataset = Uint8Array.of(0x08, 0x00, 0x60, 0x00, 0x43, 0x53, 0x02, 0x00, 0x4d, 0x52); // (0008,0060) CS "MR"
    const file = framePart10(dataset, { sopClassUid: MR, sopInstanceUid: '1.2.3.4', transferSyntaxUid: '1.2.840.10008.1.2.1', sourceAeTitle: 'STORESCU' });
    const layout = readPart10Layout(file);
    expect(layout).toEqual({ sopClassUid: MR, sopInstanceUid: '1.2.3.4', transferSyntaxUid: '1.2.840.10008.1.2.1', sourceAeTitle: 'STORESCU', datasetOffset: file.length - dataset.length });
    expect([...file.subarray(layout.datasetOffset)]).toEqual([...dataset]);
    // dicom-parser reads the group length, the implementation UID and the modality we framed.
    const parsed = parseDicom(file, 'framed');
    expect(parsed.dataSet.string('x00080060')).toBe('MR');
    expect(parsed.dataSet.string('x00020003')).toBe('1.2.3.4');
    expect(parsed.dataSet.uint32('x00020000')).toBe(layout.datasetOffset - 132 - 12);
  });

  it.runIf(HAS_SHARED)('locates the data set of real files in four transfer syntaxes', () => {
    for (const [name, ts] of [['1.dcm', '1.2.840.10008.1.2.1'], ['2.dcm', '1.2.840.10008.1.2'], ['3.dcm', '1.2.840.10008.1.2.2'], ['9.dcm', '1.2.840.10008.1.2.4.90']]) {
      const bytes = new Uint8Array(readFileSync(sharedData('dcm_qa_ts', 'In', name)));
      const layout = readPart10Layout(bytes, name);
      expect(layout.transferSyntaxUid, name).toBe(ts);
      expect(readFileTransferSyntax(bytes), name).toBe(ts);
      expect(layout.sopClassUid, name).toBe(MR);
      // Re-framing the located data set gives a file that parses to the same SOP Instance UID.
      const reframed = framePart10(bytes.subarray(layout.datasetOffset), layout);
      expect(parseDicom(reframed, name).dataSet.string('x00080018')).toBe(layout.sopInstanceUid);
    }
  });

  it('takes a bare data set (no meta header) as Implicit VR Little Endian (PS3.5 §10.1)', () => {
    expect(readFileTransferSyntax(Uint8Array.of(0x08, 0x00, 0x60, 0x00, 0x02, 0x00, 0x00, 0x00, 0x4d, 0x52))).toBe('1.2.840.10008.1.2');
  });

  it('names the file and what is wrong with a bare data set, a truncated header or a missing UID', () => {
    expect(thrown(() => readPart10Layout(new Uint8Array(200), 'bare.dcm'))).toMatchObject({ code: 'VOXA_ERR_NOT_DICOM', message: expect.stringContaining('bare.dcm') });
    const file = framePart10(new Uint8Array(0), { sopClassUid: MR, sopInstanceUid: '1.2.3', transferSyntaxUid: '1.2.840.10008.1.2.1' });
    expect(thrown(() => readPart10Layout(file.subarray(0, 170), 'cut.dcm'))).toMatchObject({ code: 'VOXA_ERR_NOT_DICOM', message: expect.stringMatching(/runs past the end.*cut\.dcm/) });
    const noTs = framePart10(new Uint8Array(0), { sopClassUid: MR, sopInstanceUid: '1.2.3', transferSyntaxUid: '1.2.840.10008.1.2.1' });
    // Rename (0002,0010) to (0002,0011): the transfer syntax is then missing.
    const at = Buffer.from(noTs).indexOf(Buffer.from([0x02, 0x00, 0x10, 0x00, 0x55, 0x49]));
    noTs[at + 2] = 0x11;
    expect(thrown(() => readPart10Layout(noTs, 'nots.dcm'))).toMatchObject({ code: 'VOXA_ERR_DICOM_MISSING_TAG', message: expect.stringContaining('(0002,0010) TransferSyntaxUID') });
    expect(thrown(() => framePart10(new Uint8Array(0), { sopClassUid: MR, sopInstanceUid: '1.2.x', transferSyntaxUid: '1.2.840.10008.1.2.1' }))).toMatchObject({ code: 'VOXA_ERR_BAD_ARGUMENT' });
  });
});
