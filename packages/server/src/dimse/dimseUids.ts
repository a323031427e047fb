/** SOP classes and transfer syntaxes the DIMSE services negotiate (PS3.4 Annex B, C; PS3.5 §10). */
export const VERIFICATION = '1.2.840.10008.1.1';

/** Query/Retrieve information models (PS3.4 C.6): FIND, MOVE, GET for Patient Root and Study Root. */
export const QR_MODELS = {
  patientFind: '1.2.840.10008.5.1.4.1.2.1.1',
  patientMove: '1.2.840.10008.5.1.4.1.2.1.2',
  patientGet: '1.2.840.10008.5.1.4.1.2.1.3',
  studyFind: '1.2.840.10008.5.1.4.1.2.2.1',
  studyMove: '1.2.840.10008.5.1.4.1.2.2.2',
  studyGet: '1.2.840.10008.5.1.4.1.2.2.3',
} as const;

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** Transfer syntaxes whose data sets are not encapsulated: dcmjs-dimse can transcode among them. */
export const UNCOMPRESSED_TRANSFER_SYNTAXES = [EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN];

/**
 * Whether the archive accepts a transfer syntax for storage: every standard one (PS3.5 Annex A,
 * PS3.6 Table A-1), since it keeps the bytes as sent; the pixel codecs decide later what it can
 * render.
 */
export function isStorableTransferSyntax(uid: string): boolean {
  return uid === IMPLICIT_VR_LITTLE_ENDIAN || uid === EXPLICIT_VR_LITTLE_ENDIAN || uid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
    || uid === EXPLICIT_VR_BIG_ENDIAN || /^1\.2\.840\.10008\.1\.2\.(4\.\d+|5|6\.[12]|7\.[1-3]|8\.1)$/.test(uid);
}

/** Storage SOP classes (PS3.4 Annex B; PS3.6 Table A-1): Voxa's SCP stores any of them. */
export function isStorageSopClass(uid: string): boolean {
  return uid.startsWith('1.2.840.10008.5.1.4.1.1.') || uid.startsWith('1.2.840.10008.5.1.4.34.') || uid.startsWith('1.2.840.10008.5.1.4.43.')
    || uid.startsWith('1.2.840.10008.5.1.4.44.') || uid.startsWith('1.2.840.10008.5.1.4.45.');
}
