/**
 * The error catalog of @voxa/core: stable codes and their message templates. A code never
 * changes meaning; callers (CLI, server) may switch on it.
 */
export const ERROR_MESSAGES = {
  VOXA_ERR_FILE_EMPTY: 'The file is empty (0 bytes)',
  VOXA_ERR_NOT_DICOM: 'Not a DICOM file: no DICM preamble and no recognisable group 0008 data set',
  VOXA_ERR_DICOM_TRUNCATED: 'The DICOM file is truncated',
  VOXA_ERR_DICOM_CORRUPT: 'The DICOM header is corrupt',
  VOXA_ERR_DICOM_MISSING_TAG: 'A required DICOM attribute is missing',
  VOXA_ERR_DICOM_BAD_VALUE: 'A DICOM attribute has an invalid value',
  VOXA_ERR_NO_PIXEL_DATA: 'The DICOM object has no pixel data',
  VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX: 'The transfer syntax is not supported',
  VOXA_ERR_DECODE_FAILED: 'The pixel data could not be decoded',
  VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT: 'The pixel format is not supported',
  VOXA_ERR_NIFTI_INVALID: 'Not a valid NIfTI file',
  VOXA_ERR_NRRD_INVALID: 'Not a valid NRRD file',
  VOXA_ERR_METAIMAGE_INVALID: 'Not a valid MetaImage file',
  VOXA_ERR_UNKNOWN_FORMAT: 'The file format is not recognised',
  VOXA_ERR_GRID_MISMATCH: 'The volumes are not on the same grid',
  VOXA_ERR_NO_VOLUMES: 'No image volumes were found',
  VOXA_ERR_BAD_ARGUMENT: 'Invalid argument',
  VOXA_ERR_FILE_READ: 'The file could not be read',
  VOXA_ERR_TOO_LARGE: 'The volume is too large to hold in memory',
  VOXA_ERR_PEER: 'The remote DICOM peer refused or failed the request',
  VOXA_ERR_MODEL_MANIFEST: 'The model manifest is invalid',
  VOXA_ERR_MODEL: 'The model does not behave as its manifest describes',
} as const;

export type VoxaErrorCode = keyof typeof ERROR_MESSAGES;
