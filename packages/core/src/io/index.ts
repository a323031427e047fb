/** @voxa/core file IO: NIfTI-1/2, NRRD and MetaImage volumes, bytes in and bytes out; PNG for 2D images. */
export type { CompanionFileReader, ReadVolumeOptions, VolumeFileFormat, VolumeReadResult } from './VolumeReadResult.ts';
export { type ReadVolumeBytesOptions, type VolumeFormatFamily, detectVolumeFormat, readVolumeBytes } from './readVolumeBytes.ts';

export { type NiftiHeader, parseNiftiHeader } from './nifti/NiftiHeader.ts';
export { READ_NIFTI_DEFAULTS, type ReadNiftiOptions, type ReadNiftiPairOptions, readNifti, readNiftiPair } from './nifti/readNifti.ts';
export { WRITE_NIFTI_DEFAULTS, type WriteNiftiOptions, writeNifti, niftiChunks } from './nifti/writeNifti.ts';
export { type VectorImage, WRITE_NIFTI_VECTOR_DEFAULTS, type WriteNiftiVectorOptions, writeNiftiVectorImage } from './nifti/writeNiftiVectorImage.ts';
export type { NiftiScalingRecord } from './nifti/niftiScaling.ts';

export { type NrrdEncoding, type NrrdHeader, parseNrrdHeader } from './nrrd/NrrdHeader.ts';
export { readNrrd } from './nrrd/readNrrd.ts';
export { WRITE_NRRD_DEFAULTS, type WriteNrrdOptions, writeNrrd } from './nrrd/writeNrrd.ts';

export { type MetaImageHeader, parseMetaImageHeader } from './metaimage/MetaImageHeader.ts';
export { readMetaImage } from './metaimage/readMetaImage.ts';
export { WRITE_METAIMAGE_DEFAULTS, type WriteMetaImageOptions, writeMetaImage, writeMetaImagePair } from './metaimage/writeMetaImage.ts';

export { type EncodePngOptions, type Image8, encodePng } from './encodePng.ts';
