import { describe, expect, it } from 'vitest';
import { matchingKeys, naturalToText, queryLevelOf, responseIdentifier } from '../../src/dimse/queryIdentifier.ts';
import { thrown } from '../../../core/test/util/thrown.ts';

describe('C-FIND identifiers ↔ index queries (PS3.4 C.2.2, C.4.1)', () => {
  it('turns non-empty keys of the level and above into match keys; lower-level and unknown keys are return keys only', () => {
    const identifier = {
      QueryRetrieveLevel: 'STUDY', SpecificCharacterSet: 'ISO_IR 100',
      PatientName: [{ Alphabetic: 'DOE^J*' }], StudyDate: '20240101-20241231', StudyInstanceUID: ['1.2.3', '1.2.4'],
      SeriesInstanceUID: '9.9.9', InstitutionName: 'Somewhere', AccessionNumber: '', NumberOfStudyRelatedInstances: '',
    };
    expect(matchingKeys(identifier, 'STUDY')).toEqual({ PatientName: 'DOE^J*', StudyDate: '20240101-20241231', StudyInstanceUID: '1.2.3\\1.2.4' });
    expect(matchingKeys(identifier, 'SERIES')).toMatchObject({ SeriesInstanceUID: '9.9.9' });
  });

  it('answers exactly the keys asked for, zero-length when unknown, PN in natural form, UTF-8 declared for non-ASCII text', () => {
    const asked = { QueryRetrieveLevel: 'STUDY', PatientName: '', StudyInstanceUID: '', InstitutionName: '', RetrieveAETitle: '' };
    const row = { PatientName: 'Müller^Jürgen', StudyInstanceUID: '1.2.3', StudyDate: '20240102' };
    expect(responseIdentifier(asked, row, 'STUDY', 'VOXA')).toEqual({
      QueryRetrieveLevel: 'STUDY', PatientName: [{ Alphabetic: 'Müller^Jürgen' }], StudyInstanceUID: '1.2.3', InstitutionName: '', RetrieveAETitle: 'VOXA',
      SpecificCharacterSet: 'ISO_IR 192',
    });
    const { PatientName: _notAsked, ...withoutName } = asked;
    expect(responseIdentifier(withoutName, { StudyInstanceUID: 'x', PatientName: 'Ä' }, 'STUDY', 'VOXA')).not.toHaveProperty('SpecificCharacterSet');
  });

  it('refuses a missing or foreign Query/Retrieve Level, and PATIENT under Study Root', () => {
    expect(thrown(() => queryLevelOf({}, 'study'))).toMatchObject({ code: 'VOXA_ERR_BAD_ARGUMENT', message: expect.stringContaining('(0008,0052)') });
    expect(thrown(() => queryLevelOf({ QueryRetrieveLevel: 'FRAME' }, 'patient')).message).toContain('"FRAME"');
    expect(thrown(() => queryLevelOf({ QueryRetrieveLevel: 'PATIENT' }, 'study')).message).toContain('Study Root');
    expect(queryLevelOf({ QueryRetrieveLevel: 'image ' }, 'study')).toBe('IMAGE');
  });

  it('reads natural values as text: numbers, lists, PN groups, empties', () => {
    expect(naturalToText(undefined)).toBe('');
    expect(naturalToText([])).toBe('');
    expect(naturalToText(12)).toBe('12');
    expect(naturalToText(['CT', 'MR'])).toBe('CT\\MR');
    expect(naturalToText([{ Alphabetic: 'A^B' }, { Alphabetic: 'C^D' }])).toBe('A^B\\C^D');
  });
});
