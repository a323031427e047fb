/** DICOMweb (PS3.18) for Voxa's server: the Fastify plugin and its error catalog. */
export { dicomWebPlugin, DICOMWEB_PLUGIN_DEFAULTS, type DicomWebPluginOptions } from './dicomWebPlugin.ts';
export { HTTP_ERRORS, HttpError, isHttpError, type HttpErrorCode, type HttpErrorBody } from './errors.ts';
export type { DicomJsonObject, DicomJsonElement, PersonName } from './dicomJson.ts';
export { FAILURE_REASON } from './stowRoutes.ts';
