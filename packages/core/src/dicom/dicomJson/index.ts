export { instanceFromDicomJson, type InstanceFromDicomJsonOptions } from './instanceFromDicomJson.ts';
export { DicomJsonReader, type DicomJsonReaderOptions } from './DicomJsonReader.ts';
export type { DicomJsonDataSet, DicomJsonElement, DicomJsonPersonName, DicomJsonValue } from './DicomJson.ts';
export type { AttributeReader } from '../AttributeReader.ts';
export { dicomJsonFromPart10, type DicomJsonFromPart10Options, type Part10Json } from './dicomJsonFromPart10.ts';
