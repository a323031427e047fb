import { describe, expect, it } from 'vitest';
import type { SrMeasurement, SrMeasurementGroup } from '../../../src/dicom/sr/MeasurementReport.ts';
import { longAxisMeasurement } from '../../../src/dicom/sr/srMeasurements.ts';
import { writeMeasurementReport, type WriteMeasurementReportOptions } from '../../../src/dicom/sr/writeMeasurementReport.ts';
import type { CodedConcept } from '../../../src/segmentation/CodedConcept.ts';
import { thrown } from '../../util/thrown.ts';
import { threeLesionReport } from './measurementReportFixture.ts';

/** The three-lesion report with its second group (lesion L2 at baseline) changed. */
function withL2(change: (g: SrMeasurementGroup) => SrMeasurementGroup): WriteMeasurementReportOptions {
  const o = threeLesionReport();
  return { ...o, groups: o.groups.map((g, n) => (n === 1 ? change(g) : g)) };
}

const withMeasurement = (m: SrMeasurement) => withL2((g) => ({ ...g, measurements: [m, ...g.measurements] }));

describe('writeMeasurementReport: bad input is refused with VOXA_ERR_BAD_ARGUMENT naming the lesion', () => {
  it('refuses a measurement without a unit', () => {
    const e = thrown(() => writeMeasurementReport(withMeasurement({ ...longAxisMeasurement(10), unit: undefined as unknown as CodedConcept })));
    expect(e.code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(e.message).toContain('"Long Axis" has no unit: expected a UCUM code');
    expect(e.message).toContain('lesion L2, timePoint baseline');
  });

  it('refuses a unit code without a coding scheme', () => {
    const e = thrown(() => writeMeasurementReport(withMeasurement({ ...longAxisMeasurement(10), unit: { value: 'mm', scheme: '', meaning: 'millimeter' } })));
    expect(e.message).toContain('"Long Axis" has no unit');
  });

  it('refuses non-finite values: NaN, Infinity, and a non-finite end point', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      const e = thrown(() => writeMeasurementReport(withMeasurement(longAxisMeasurement(value))));
      expect(e.code).toBe('VOXA_ERR_BAD_ARGUMENT');
      expect(e.message).toContain(`"Long Axis" is ${value}: expected a finite number`);
      expect(e.message).toContain('lesion L2');
    }
    const e = thrown(() => writeMeasurementReport(withMeasurement(longAxisMeasurement(10, [[0, 0, 0], [10, NaN, 0]]))));
    expect(e.message).toContain('"Long Axis" has the point [10, NaN, 0]: expected three finite LPS coordinates in mm');
  });

  it('refuses an empty lesion id', () => {
    const e = thrown(() => writeMeasurementReport(withL2((g) => ({ ...g, trackingId: '  ' }))));
    expect(e.code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(e.message).toContain('empty Tracking Identifier');
    expect(e.message).toContain('lesion "  ", group 2, timePoint baseline');
  });

  it('refuses a tracking UID that is not a UID, and one UID for two lesions', () => {
    expect(thrown(() => writeMeasurementReport(withL2((g) => ({ ...g, trackingUid: 'lesion-2' })))).message)
      .toContain('the Tracking Unique Identifier "lesion-2" is not a DICOM UID');
    const o = threeLesionReport();
    const e = thrown(() => writeMeasurementReport({ ...o, groups: o.groups.map((g, n) => (n === 2 ? { ...g, trackingUid: o.groups[1].trackingUid } : g)) }));
    expect(e.message).toContain('is also lesion "L2"');
    expect(e.message).toContain('lesion N1');
  });

  it('refuses the same lesion twice at one time point', () => {
    const o = threeLesionReport();
    const e = thrown(() => writeMeasurementReport({ ...o, groups: [...o.groups, o.groups[1]] }));
    expect(e.message).toContain('two measurement groups at the same time point (lesion L2, timePoint baseline)');
  });

  it('refuses coordinates without a Frame of Reference UID', () => {
    const e = thrown(() => writeMeasurementReport(withL2(({ frameOfReferenceUid: _f, ...g }) => g)));
    expect(e.message).toContain('has coordinates but the group has no frameOfReferenceUid');
    expect(e.message).toContain('lesion L2');
  });

  it('refuses a group without measurements, an outline of two points and a segment number 0', () => {
    expect(thrown(() => writeMeasurementReport(withL2((g) => ({ ...g, measurements: [] })))).message).toContain('no measurements (lesion L2');
    expect(thrown(() => writeMeasurementReport(withL2((g) => ({ ...g, roi: { kind: 'outline', polygonLps: [[0, 0, 0], [1, 0, 0]] } })))).message)
      .toContain('the outline has 2 points: expected at least 3');
    const o = threeLesionReport();
    const segmentRoi = o.groups[3].roi!;
    expect(thrown(() => writeMeasurementReport(withL2((g) => ({ ...g, roi: { ...segmentRoi, segmentNumber: 0 } })))).message)
      .toContain('segment number 0: expected an integer 1–65535');
  });

  it('refuses a report without source images or without groups', () => {
    expect(thrown(() => writeMeasurementReport({ ...threeLesionReport(), sourceSeries: [] })).message).toContain('no source images');
    expect(thrown(() => writeMeasurementReport({ ...threeLesionReport(), groups: [] })).message).toContain('no measurement groups');
  });

  it('refuses a person observer without a name and a verification without an organization', () => {
    expect(thrown(() => writeMeasurementReport({ ...threeLesionReport(), observer: { kind: 'person', name: '' } })).message).toContain('the person observer has no name');
    expect(thrown(() => writeMeasurementReport({ ...threeLesionReport(), verification: { observerName: 'Verifier^Vera', organization: '', dateTime: new Date() } })).message)
      .toContain('needs the verifying observer name and organization');
  });
});
