import { describe, expect, it } from 'vitest';
import type { MeasurementReport, SrMeasurementGroup } from '../../../src/dicom/sr/MeasurementReport.ts';
import { readMeasurementReport } from '../../../src/dicom/sr/readMeasurementReport.ts';
import { SR_VALUE } from '../../../src/dicom/sr/srCodes.ts';
import { completeMeasurementReport, measurementReportDataset, writeMeasurementReport } from '../../../src/dicom/sr/writeMeasurementReport.ts';
import { writePart10 } from '../../../src/dicom/write/writePart10.ts';
import { isVoxaError } from '../../../src/errors/VoxaError.ts';
import { BASELINE, FOLLOW_UP_SEG, threeLesionReport } from './measurementReportFixture.ts';

/** The group as it comes back: coordinates are FL (32-bit float, PS3.3 C.18.9), numbers exact (DS or FD). */
const asWritten = (g: SrMeasurementGroup): SrMeasurementGroup => ({
  ...g,
  ...(g.roi?.kind === 'outline' ? { roi: { ...g.roi, polygonLps: g.roi.polygonLps.map((p) => p.map(Math.fround) as typeof p) } } : {}),
  measurements: g.measurements.map((m) => ({ ...m, ...(m.pathLps ? { pathLps: m.pathLps.map((p) => p.map(Math.fround) as typeof p) } : {}) })),
});

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isVoxaError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a VoxaError');
}

describe('readMeasurementReport: round trip of the three-lesion report', () => {
  const options = threeLesionReport();
  const written: MeasurementReport = completeMeasurementReport(options);

  it('gives back every group exactly: tracking, time point, finding, site, ROI, values, units, derivation, end points', async () => {
    const back = await readMeasurementReport(writeMeasurementReport(options));
    expect(back.groups).toStrictEqual(written.groups.map(asWritten));
  });

  it('keeps a value that needs more than a 16-character DS exactly (Floating Point Value)', async () => {
    const back = await readMeasurementReport(writeMeasurementReport(options));
    expect(back.groups[0].measurements[2].value).toBe(9876.543210987654);
  });

  it('gives back the document, patient, study, observer, language, procedure and Image Library', async () => {
    const back = await readMeasurementReport(writeMeasurementReport(options));
    const { groups: _g, ...rest } = back;
    const { groups: _w, ...expected } = written;
    expect(rest).toStrictEqual(expected);
    expect(back.language).toEqual(SR_VALUE.englishUs);
    // The baseline series is from another study: it keeps its study UID (Pertinent Other Evidence).
    expect(back.sourceSeries.map((s) => s.studyInstanceUid)).toEqual([undefined, BASELINE.study]);
  });

  it('gives back the SEG series of a referenced segment (from the evidence sequences)', async () => {
    const back = await readMeasurementReport(writeMeasurementReport(options));
    const roi = back.groups[3].roi;
    expect(roi?.kind === 'segment' && roi.seriesInstanceUid).toBe(FOLLOW_UP_SEG.series);
  });

  it('gives back a VERIFIED report\'s verifying observer, a device observer and UTF-8 names', async () => {
    const verification = { observerName: 'Verifier^Vera', organization: 'Voxa Imaging Centre', dateTime: new Date(2024, 2, 12, 8, 15, 0) };
    const observer = { kind: 'device' as const, uid: '2.25.1234567890', name: 'Voxa lesion tracker', modelName: 'measureLesionsOverTime' };
    const back = await readMeasurementReport(writeMeasurementReport({ ...options, verification, observer, completion: 'PARTIAL' }));
    expect(back.verification).toEqual(verification);
    expect(back.observer).toEqual(observer);
    expect(back.completion).toBe('PARTIAL');
    const utf8 = await readMeasurementReport(writeMeasurementReport({ ...options, study: { ...options.study, patientName: 'Müller^Jürgen' }, observer: { kind: 'person', name: 'Ødegård^Åse' } }));
    expect(utf8.study.patientName).toBe('Müller^Jürgen');
    expect(utf8.observer).toEqual({ kind: 'person', name: 'Ødegård^Åse' });
  });
});

describe('readMeasurementReport: refusals', () => {
  it('refuses a file that is not an SR, naming the SOP Class', async () => {
    const ct = writePart10({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: '2.25.7', Modality: 'CT' });
    const e = await rejection(readMeasurementReport(ct, 'ct.dcm'));
    expect(e.code).toBe('VOXA_ERR_DICOM_BAD_VALUE');
    expect(e.message).toContain('1.2.840.10008.5.1.4.1.1.2: expected an Enhanced, Comprehensive or Comprehensive 3D SR');
    expect(e.message).toContain('file ct.dcm');
  });

  it('refuses an SR that is not a TID 1500 Measurement Report', async () => {
    const ds = measurementReportDataset(threeLesionReport());
    ds.ConceptNameCodeSequence = [{ CodeValue: '18748-4', CodingSchemeDesignator: 'LN', CodeMeaning: 'Diagnostic imaging report' }];
    delete ds.ContentTemplateSequence;
    const e = await rejection(readMeasurementReport(writePart10(ds), 'other.dcm'));
    expect(e.code).toBe('VOXA_ERR_DICOM_BAD_VALUE');
    expect(e.message).toContain('(18748-4, LN, "Diagnostic imaging report")');
  });

  it('refuses a NUM without a value, naming the lesion and the measurement', async () => {
    const ds = measurementReportDataset(threeLesionReport());
    const measurements = (ds.ContentSequence as Record<string, unknown>[]).at(-1)!.ContentSequence as Record<string, unknown>[];
    const firstGroup = measurements[0].ContentSequence as Record<string, unknown>[];
    const longAxis = firstGroup.find((i) => i.ValueType === 'NUM')!;
    longAxis.MeasuredValueSequence = [];
    const e = await rejection(readMeasurementReport(writePart10(ds)));
    expect(e.message).toContain('the NUM "Long Axis" has no value');
    expect(e.message).toContain('lesion L1');
  });
});
