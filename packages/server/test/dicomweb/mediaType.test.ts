import { describe, expect, it } from 'vitest';
import { negotiate, parseAccept, parseMediaType } from '../../src/dicomweb/mediaType.ts';

describe('parseMediaType', () => {
  it('reads the essence in lower case and parameters quoted or not', () => {
    const m = parseMediaType('Multipart/Related; type="application/dicom"; boundary=AbC;transfer-syntax=*');
    expect(m?.essence).toBe('multipart/related');
    expect(m?.params.get('type')).toBe('application/dicom');
    expect(m?.params.get('boundary')).toBe('AbC');
    expect(m?.params.get('transfer-syntax')).toBe('*');
  });

  it('keeps semicolons and commas inside quoted values', () => {
    expect(parseMediaType('multipart/related; boundary="a;b,c"')?.params.get('boundary')).toBe('a;b,c');
  });

  it('returns undefined for text that is not type/subtype', () => {
    expect(parseMediaType('nonsense')).toBeUndefined();
    expect(parseMediaType('a/b/c')).toBeUndefined();
  });
});

describe('parseAccept and negotiate', () => {
  it('orders entries by quality, keeps the given order among equals and drops q=0', () => {
    const entries = parseAccept('application/json;q=0.5, application/dicom+json, text/html;q=0');
    expect(entries.map((e) => e.essence)).toEqual(['application/dicom+json', 'application/json']);
  });

  it('treats a missing Accept header as */*', () => {
    expect(negotiate(parseAccept(undefined), ['image/png'])).toBe('image/png');
  });

  it('matches media ranges and answers undefined when nothing fits', () => {
    expect(negotiate(parseAccept('image/*'), ['image/png'])).toBe('image/png');
    expect(negotiate(parseAccept('application/xml'), ['application/dicom+json'])).toBeUndefined();
  });
});
