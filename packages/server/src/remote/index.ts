export { retrieveStudyOverDicomWeb, searchOverDicomWeb, type DicomJsonObject, type DicomWebRemote, type RetrieveSummary } from './retrieveOverDicomWeb.ts';
