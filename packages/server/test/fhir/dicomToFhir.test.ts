import { describe, expect, it } from 'vitest';
import { fhirDateTime, fhirUtcOffset, readablePersonName } from '../../src/fhir/dicomToFhir.ts';

describe('fhirDateTime (DICOM DA + TM → FHIR R4 dateTime)', () => {
  it('joins date, time and the DICOM UTC offset, keeping the fraction of a second', () => {
    expect(fhirDateTime('20150206', '092815.672', '+0100')).toBe('2015-02-06T09:28:15.672+01:00');
    expect(fhirDateTime('20040119', '072730', '-0500')).toBe('2004-01-19T07:27:30-05:00');
  });

  it('fills missing minutes and seconds with 00 and accepts ACR-NEMA colons in the time', () => {
    expect(fhirDateTime('20200101', '09', 'Z')).toBe('2020-01-01T09:00:00Z');
    expect(fhirDateTime('20200101', '0930', '+05:30')).toBe('2020-01-01T09:30:00+05:30');
    expect(fhirDateTime('20200101', '09:30:15', '+0000')).toBe('2020-01-01T09:30:15+00:00');
  });

  it('gives the date alone when there is no time, no UTC offset (FHIR requires one with a time) or a malformed time', () => {
    expect(fhirDateTime('20200101')).toBe('2020-01-01');
    expect(fhirDateTime('20200101', '093000')).toBe('2020-01-01');
    expect(fhirDateTime('20200101', '253000', '+0100')).toBe('2020-01-01');
    expect(fhirDateTime('20200101', 'noon', '+0100')).toBe('2020-01-01');
  });

  it('gives nothing for an absent or malformed date', () => {
    expect(fhirDateTime(undefined, '093000', '+0100')).toBeUndefined();
    expect(fhirDateTime('2020-01-01')).toBeUndefined();
    expect(fhirDateTime('20201301')).toBeUndefined();
    expect(fhirDateTime('00000101')).toBeUndefined();
  });
});

describe('fhirUtcOffset', () => {
  it('writes DICOM ±hhmm as ±hh:mm and keeps Z', () => {
    expect(fhirUtcOffset('-0500')).toBe('-05:00');
    expect(fhirUtcOffset('+1400')).toBe('+14:00');
    expect(fhirUtcOffset('Z')).toBe('Z');
  });

  it('refuses offsets a FHIR dateTime cannot hold', () => {
    expect(fhirUtcOffset('+1430')).toBeUndefined();
    expect(fhirUtcOffset('+0160')).toBeUndefined();
    expect(fhirUtcOffset('0100')).toBeUndefined();
    expect(fhirUtcOffset(undefined)).toBeUndefined();
  });
});

describe('readablePersonName (PN → reading order)', () => {
  it('orders the components prefix, given, middle, family, suffix', () => {
    expect(readablePersonName('CompressedSamples^CT1')).toBe('CT1 CompressedSamples');
    expect(readablePersonName('Hart^Ann^B^Dr^PhD')).toBe('Dr Ann B Hart PhD');
    expect(readablePersonName('HEAD')).toBe('HEAD');
  });

  it('uses the first non-empty component group and gives nothing for an empty name', () => {
    expect(readablePersonName('=山田^太郎')).toBe('太郎 山田');
    expect(readablePersonName('^^')).toBeUndefined();
    expect(readablePersonName(undefined)).toBeUndefined();
  });
});
