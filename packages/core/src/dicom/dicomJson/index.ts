export { instanceFromDicomJson, type InstanceFromDicomJsonOptions } from './instanceFromDicomJson.ts';
export { DicomJsonReader, type DicomJsonReaderOptions } from './DicomJsonReader.ts';
export type { DicomJsonDataSet, DicomJsonElement, DicomJsonPersonName, DicomJsonValue } from './DicomJson.ts';
export type { AttributeReader } from '../AttributeReader.ts';
