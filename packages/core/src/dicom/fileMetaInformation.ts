import { VoxaError } from '../errors/VoxaError.ts';
import { VOXA_IMPLEMENTATION_CLASS_UID, VOXA_IMPLEMENTATION_VERSION_NAME } from './write/writePart10.ts';

/** The File Meta Information of a PS3.10 file (group 0002) that moving files around needs. */
export interface FileMetaInformation {
  /** (0002,0002) Media Storage SOP Class UID. */
  sopClassUid: string;
  /** (0002,0003) Media Storage SOP Instance UID. */
  sopInstanceUid: string;
  /** (0002,0010) Transfer Syntax UID of the data set that follows. */
  transferSyntaxUid: string;
  /** (0002,0016) Source Application Entity Title, when known. */
  sourceAeTitle?: string;
}

/** Where a Part 10 file's data set starts, and what its meta header says. */
export interface Part10Layout extends FileMetaInformation {
  /** Byte offset of the first data set element (after the preamble and group 0002). */
  datasetOffset: number;
}

/** VRs with a 4-byte length (and 2 reserved bytes) in explicit VR encoding (PS3.5 §7.1.2). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const latin1 = new TextDecoder('latin1');

/** Implicit VR Little Endian, the transfer syntax of a data set without File Meta Information (PS3.5 §10.1). */
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/**
 * Read the File Meta Information of a PS3.10 file (PS3.10 §7.1: preamble, "DICM", group 0002 in
 * explicit VR little endian) and locate its data set, without parsing the data set. Throws
 * VOXA_ERR_NOT_DICOM naming `origin` for a bare data set or a truncated header, and
 * VOXA_ERR_DICOM_MISSING_TAG when a UID the meta header must carry is absent.
 */
export function readPart10Layout(bytes: Uint8Array, origin = ''): Part10Layout {
  const meta = scanFileMeta(bytes, origin);
  if (!meta) throw new VoxaError('VOXA_ERR_NOT_DICOM', { file: origin }, 'no "DICM" prefix at byte 128 (PS3.10 §7.1)');
  const required = (element: number, name: string): string => {
    const v = meta.values.get(element);
    if (!v) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file: origin, tag: `(0002,${hex4(element)}) ${name}` }, 'the File Meta Information must carry it (PS3.10 §7.1)');
    return v;
  };
  return {
    sopClassUid: required(0x0002, 'MediaStorageSOPClassUID'),
    sopInstanceUid: required(0x0003, 'MediaStorageSOPInstanceUID'),
    transferSyntaxUid: required(0x0010, 'TransferSyntaxUID'),
    sourceAeTitle: meta.values.get(0x0016) || undefined,
    datasetOffset: meta.datasetOffset,
  };
}

/**
 * The Transfer Syntax UID (0002,0010) of a PS3.10 file, from its File Meta Information only;
 * Implicit VR Little Endian for a bare data set or a meta header without one.
 */
export function readFileTransferSyntax(bytes: Uint8Array): string {
  return scanFileMeta(bytes, '')?.values.get(0x0010) || IMPLICIT_VR_LITTLE_ENDIAN;
}

/** The text values of group 0002 by element number, and where the data set starts; undefined without "DICM". */
function scanFileMeta(bytes: Uint8Array, origin: string): { values: Map<number, string>; datasetOffset: number } | undefined {
  const isPart10 = bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  if (!isPart10) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Map<number, string>();
  let at = 132;
  while (at + 8 <= bytes.length && view.getUint16(at, true) === 0x0002) {
    const element = view.getUint16(at + 2, true);
    const vr = String.fromCharCode(bytes[at + 4], bytes[at + 5]);
    const long = LONG_VRS.has(vr);
    if (long && at + 12 > bytes.length) break;
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const start = at + (long ? 12 : 8);
    if (start + length > bytes.length) {
      throw new VoxaError('VOXA_ERR_NOT_DICOM', { file: origin }, `File Meta Information element (0002,${hex4(element)}) runs past the end of the file`);
    }
    if (vr === 'UI' || vr === 'AE' || vr === 'SH') values.set(element, latin1.decode(bytes.subarray(start, start + length)).replace(/[\0 ]+$/, '').trim());
    at = start + length;
  }
  return { values, datasetOffset: at };
}

/**
 * Frame a data set, byte for byte, as a PS3.10 file: zero preamble, "DICM", and a File Meta
 * Information group (version 00\01, the given UIDs, Voxa's implementation class UID and version
 * name, the source AE title if any) with its group length. What DIMSE receives (a bare data set)
 * becomes a file without re-encoding, so the data set bytes stay exactly as sent.
 */
export function framePart10(dataset: Uint8Array, meta: FileMetaInformation): Uint8Array {
  const elements: Uint8Array[] = [
    metaElement(0x0001, 'OB', new Uint8Array([0, 1])),
    metaElement(0x0002, 'UI', uidBytes(meta.sopClassUid)),
    metaElement(0x0003, 'UI', uidBytes(meta.sopInstanceUid)),
    metaElement(0x0010, 'UI', uidBytes(meta.transferSyntaxUid)),
    metaElement(0x0012, 'UI', uidBytes(VOXA_IMPLEMENTATION_CLASS_UID)),
    metaElement(0x0013, 'SH', textBytes(VOXA_IMPLEMENTATION_VERSION_NAME, 0x20)),
  ];
  if (meta.sourceAeTitle) elements.push(metaElement(0x0016, 'AE', textBytes(meta.sourceAeTitle, 0x20)));
  const groupLength = elements.reduce((n, e) => n + e.length, 0);
  const lengthElement = metaElement(0x0000, 'UL', new Uint8Array(new Uint32Array([groupLength]).buffer));
  const out = new Uint8Array(132 + lengthElement.length + groupLength + dataset.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  let at = 132;
  for (const e of [lengthElement, ...elements]) {
    out.set(e, at);
    at += e.length;
  }
  out.set(dataset, at);
  return out;
}

function metaElement(element: number, vr: string, value: Uint8Array): Uint8Array {
  const long = LONG_VRS.has(vr);
  const header = long ? 12 : 8;
  const out = new Uint8Array(header + value.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x0002, true);
  view.setUint16(2, element, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, value.length, true);
  else view.setUint16(6, value.length, true);
  out.set(value, header);
  return out;
}

/** A UID value, NUL-padded to even length (PS3.5 §6.2 UI). */
function uidBytes(uid: string): Uint8Array {
  if (!/^[0-9.]{1,64}$/.test(uid)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { uid: JSON.stringify(uid.slice(0, 80)) }, 'not a DICOM UID (digits and dots, at most 64 characters)');
  return textBytes(uid, 0);
}

function textBytes(text: string, pad: number): Uint8Array {
  const out = new Uint8Array(text.length + (text.length % 2));
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  if (text.length % 2) out[text.length] = pad;
  return out;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
