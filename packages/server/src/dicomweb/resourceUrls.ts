import type { FastifyRequest } from 'fastify';

/**
 * Absolute URLs of DICOMweb resources (PS3.18 §10.4.1 resource paths), as Retrieve URL
 * (0008,1190) and BulkDataURI values: the request's origin plus the plugin's prefix.
 */
export class ResourceUrls {
  readonly base: string;

  constructor(request: FastifyRequest, prefix: string) {
    this.base = `${request.protocol}://${request.host}${prefix}`;
  }

  study(study: string): string {
    return `${this.base}/studies/${study}`;
  }

  series(study: string, series: string): string {
    return `${this.study(study)}/series/${series}`;
  }

  instance(study: string, series: string, instance: string): string {
    return `${this.series(study, series)}/instances/${instance}`;
  }
}
