// The few identifying attributes a benchmark needs from a DICOM Part 10 file, read without a library.
// Handles explicit VR little endian data sets (what `voxa phantom` writes); throws on anything else.
export interface DicomKeys {
  patientId: string;
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  studyDate: string;
}

const WANTED: Record<number, keyof DicomKeys> = {
  0x00100020: 'patientId',
  0x0020000d: 'studyUid',
  0x0020000e: 'seriesUid',
  0x00080018: 'sopUid',
  0x00080020: 'studyDate',
};
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

export function readDicomKeys(bytes: Uint8Array, name = 'file'): DicomKeys {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number, len: number): string =>
    new TextDecoder('latin1').decode(bytes.subarray(at, at + len)).replace(/[\0 ]+$/, '');
  if (text(128, 4) !== 'DICM') throw new Error(`${name}: not a DICOM Part 10 file`);
  const keys: Partial<DicomKeys> = {};
  let transferSyntax = '';
  for (let at = 132; at + 8 <= bytes.length; ) {
    const tag = (view.getUint16(at, true) << 16 | view.getUint16(at + 2, true)) >>> 0;
    if (tag === 0x7fe00010) break; // pixel data: nothing we want follows
    if (tag >= 0x00030000 && transferSyntax !== EXPLICIT_LE) {
      throw new Error(`${name}: transfer syntax ${transferSyntax || '?'} not handled (explicit VR little endian only)`);
    }
    const vr = text(at + 4, 2);
    const long = LONG_VRS.has(vr);
    const len = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const value = at + (long ? 12 : 8);
    if (len === 0xffffffff) throw new Error(`${name}: undefined-length element (${tag.toString(16)}) before the keys`);
    if (tag === 0x00020010) transferSyntax = text(value, len);
    const key = WANTED[tag];
    if (key) keys[key] = text(value, len);
    at = value + len;
  }
  for (const key of Object.values(WANTED)) if (keys[key] === undefined) throw new Error(`${name}: no ${key}`);
  return keys as DicomKeys;
}
