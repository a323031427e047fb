import type { AttributeReader } from '../../dicom/AttributeReader.ts';
import type { NaturalDataset } from '../../dicom/write/writePart10.ts';
import type { CodedConcept } from '../CodedConcept.ts';
import type { TextDecoding } from './textDecoding.ts';

/**
 * The first item of a code sequence (PS3.3 Table 8.8-1, Code Sequence Macro) as a concept: Code
 * Value, else Long Code Value or URN Code Value; undefined when the sequence is absent or empty.
 */
export function readCode(ds: AttributeReader | undefined, sequenceTag: string, text: TextDecoding = (s) => s): CodedConcept | undefined {
  const item = ds?.item(sequenceTag);
  if (!item) return undefined;
  const value = item.str('x00080100') || item.str('x00080119') || item.str('x00080120');
  if (!value) return undefined;
  return { value, scheme: item.str('x00080102'), meaning: text(item.str('x00080104')) };
}

/**
 * A code sequence item in dcmjs natural form. Values longer than 16 characters go to Long Code
 * Value (0008,0119), URNs to URN Code Value (0008,0120), as PS3.3 8.8 requires.
 */
export function codeItem(c: CodedConcept): NaturalDataset {
  const key = /^[a-z][a-z0-9+.-]*:/i.test(c.value) ? 'URNCodeValue' : c.value.length > 16 ? 'LongCodeValue' : 'CodeValue';
  return { [key]: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning.slice(0, 64) };
}
