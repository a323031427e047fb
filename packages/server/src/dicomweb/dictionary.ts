import dcmjs from 'dcmjs';

/** A DICOM attribute of the standard data dictionary (PS3.6). */
export interface Attribute {
  /** Eight upper-case hex digits, e.g. '00100010'. */
  tag: string;
  /** Keyword, e.g. 'PatientName'. */
  keyword: string;
  /** The VR; for attributes with two possible VRs the one DICOM JSON uses by default (US, OW). */
  vr: string;
}

interface DcmjsEntry {
  tag: string;
  vr: string;
  name: string;
}

/** dcmjs's pseudo-VRs for attributes whose VR depends on context (PS3.6 "US or SS", "OB or OW"). */
const CONTEXT_VRS: Record<string, string> = { xs: 'US', ox: 'OW', lt: 'OW', up: 'UL' };

let byKeyword: Map<string, Attribute> | undefined;
let byTag: Map<string, Attribute> | undefined;

function load(): void {
  byKeyword = new Map();
  byTag = new Map();
  const nameMap = (dcmjs as { data: { DicomMetaDictionary: { nameMap: Record<string, DcmjsEntry> } } }).data.DicomMetaDictionary.nameMap;
  for (const entry of Object.values(nameMap)) {
    const match = /^\(([0-9A-F]{4}),([0-9A-F]{4})\)$/.exec(entry.tag);
    if (!match || entry.vr === 'na') continue;
    const attribute: Attribute = { tag: match[1] + match[2], keyword: entry.name, vr: CONTEXT_VRS[entry.vr] ?? entry.vr };
    byKeyword.set(attribute.keyword, attribute);
    byTag.set(attribute.tag, attribute);
  }
}

/**
 * The attribute a QIDO-RS query key names (PS3.18 §8.3.4.1): a keyword ('PatientID') or a tag
 * as eight hex digits ('00100020'). Undefined for anything else.
 */
export function findAttribute(key: string): Attribute | undefined {
  if (!byKeyword || !byTag) load();
  if (/^[0-9A-Fa-f]{8}$/.test(key)) return byTag!.get(key.toUpperCase());
  return byKeyword!.get(key);
}

/** The attribute with tag `tag` (eight hex digits), if the dictionary has it. */
export function attributeByTag(tag: string): Attribute | undefined {
  if (!byTag) load();
  return byTag!.get(tag.toUpperCase());
}
