type DictEntry = { vr?: string };
let dictionary: Record<string, DictEntry> | undefined;

/**
 * Load the PS3.6 data dictionary (dcmjs's copy) once. Only Implicit VR files need it, and dcmjs
 * is large, so it is imported on demand (see `needsVrDictionary`).
 */
export async function loadVrDictionary(): Promise<void> {
  if (dictionary) return;
  const dcmjs = (await import('dcmjs')).default as unknown as { data: { DicomMetaDictionary: { dictionary: Record<string, DictEntry> } } };
  dictionary = dcmjs.data.DicomMetaDictionary.dictionary;
}

/** True when these bytes are Implicit VR (by their meta header, or a bare data set) and the dictionary is not loaded yet. */
export function needsVrDictionary(bytes: Uint8Array): boolean {
  if (dictionary) return false;
  const part10 = bytes.length > 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  if (!part10) return true;
  // The meta header is small: look for the Implicit VR Little Endian UID as a whole value.
  const head = new TextDecoder('latin1').decode(bytes.subarray(132, Math.min(bytes.length, 132 + 2048)));
  return /1\.2\.840\.10008\.1\.2\0|1\.2\.840\.10008\.1\.2 |1\.2\.840\.10008\.1\.2(?=[^.\d])/.test(head);
}

/**
 * The VR of a standard tag from the PS3.6 data dictionary, for Implicit VR Little Endian files,
 * whose elements carry no VR. 'xGGGGEEEE' → 'US', 'DS', …; undefined for private or unknown
 * tags, or before `loadVrDictionary`. Ambiguous VRs ("US or SS") resolve to the first.
 */
export function vrForTag(tag: string): string | undefined {
  const vr = dictionary?.[`(${tag.slice(1, 5)},${tag.slice(5, 9)})`.toUpperCase()]?.vr;
  return vr ? vr.slice(0, 2) : undefined;
}
