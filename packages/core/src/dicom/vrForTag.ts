import dcmjs from 'dcmjs';

type DictEntry = { vr?: string };
const dictionary = (dcmjs as unknown as { data: { DicomMetaDictionary: { dictionary: Record<string, DictEntry> } } }).data.DicomMetaDictionary.dictionary;

/**
 * The VR of a standard tag from the PS3.6 data dictionary (dcmjs's copy), for Implicit VR
 * Little Endian files, whose elements carry no VR. 'xGGGGEEEE' → 'US', 'DS', …; undefined for
 * private or unknown tags. Ambiguous VRs ("US or SS") resolve to the first.
 */
export function vrForTag(tag: string): string | undefined {
  const key = `(${tag.slice(1, 5)},${tag.slice(5, 9)})`.toUpperCase();
  const vr = dictionary[key]?.vr;
  return vr ? vr.slice(0, 2) : undefined;
}
