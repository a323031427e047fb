import dcmjs from 'dcmjs';
import { VoxaError } from '../../errors/VoxaError.ts';
import { uidFromName } from './uidFromName.ts';

/**
 * A data set in dcmjs's "natural" form: attribute keyword → value (strings, numbers, arrays of
 * them, `[ArrayBuffer]` for OB/OW), with `_vrMap` naming the VR where a keyword has several.
 */
export type NaturalDataset = Record<string, unknown>;

/** Explicit VR Little Endian (PS3.5 §A.2), the transfer syntax Voxa writes uncompressed data in. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Voxa's Implementation Class UID (PS3.7 §D.3.3.2), derived from a fixed name. */
export const VOXA_IMPLEMENTATION_CLASS_UID = uidFromName('voxa/implementation-class');

/** Voxa's Implementation Version Name (SH, ≤ 16 characters). */
export const VOXA_IMPLEMENTATION_VERSION_NAME = 'VOXA_0_1';

interface DcmjsDicomDict {
  dict: Record<string, unknown>;
  write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
}

interface DcmjsData {
  DicomDict: new (meta: Record<string, unknown>) => DcmjsDicomDict;
  DicomMetaDictionary: { denaturalizeDataset(dataset: NaturalDataset): Record<string, unknown> };
}

const dcmjsData = (dcmjs as { data: DcmjsData }).data;

/**
 * Encode a data set as a DICOM Part 10 file (PS3.10 §7.1): 128-byte preamble, "DICM", the File
 * Meta Information group with its group length, Media Storage SOP Class/Instance UIDs copied from
 * the data set, the transfer syntax (Explicit VR Little Endian) and Voxa's implementation class
 * UID and version name; then the data set. Throws VOXA_ERR_DICOM_MISSING_TAG without SOP UIDs.
 */
export function writePart10(dataset: NaturalDataset): Uint8Array {
  const sopClassUid = dataset.SOPClassUID, sopInstanceUid = dataset.SOPInstanceUID;
  if (typeof sopClassUid !== 'string' || !sopClassUid) {
    throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { tag: '(0008,0016) SOPClassUID' }, 'cannot write a Part 10 file without it');
  }
  if (typeof sopInstanceUid !== 'string' || !sopInstanceUid) {
    throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { tag: '(0008,0018) SOPInstanceUID' }, 'cannot write a Part 10 file without it');
  }
  const meta: NaturalDataset = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: VOXA_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: VOXA_IMPLEMENTATION_VERSION_NAME,
  };
  const dict = new dcmjsData.DicomDict(dcmjsData.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjsData.DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}
