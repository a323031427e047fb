export { CT_IMAGE_STORAGE, CT_WINDOW_PRESETS, ctSliceDataset, encodeCtSlice, type CtSeriesInfo, type WindowPreset } from './encodeCtSlice.ts';
export { EXPLICIT_VR_LITTLE_ENDIAN, VOXA_IMPLEMENTATION_CLASS_UID, VOXA_IMPLEMENTATION_VERSION_NAME, writePart10, type NaturalDataset } from './writePart10.ts';
export { hash128, uidFromName, UUID_UID_ROOT } from './uidFromName.ts';
export { formatDecimalString } from './decimalString.ts';
export type { DicomStudyContext } from './DicomStudyContext.ts';
export type { ImageSeriesInfo } from './ImageSeriesInfo.ts';
export { randomUid } from './randomUid.ts';
