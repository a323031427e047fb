/** One error catalog: stable code → HTTP status and message template. */
export type ErrorCatalog<C extends string> = Readonly<Record<C, { status: number; message: string }>>;

/**
 * An error with a code from a catalog (DICOMweb, export, measurements …): the message is the
 * code's template plus a detail that says what and where (never patient data); plugins send it
 * as `{ code, message }` with the code's status.
 */
export class CatalogError<C extends string = string> extends Error {
  readonly code: C;
  readonly statusCode: number;

  constructor(catalog: ErrorCatalog<C>, code: C, detail?: string, options?: { cause?: unknown }) {
    const entry = catalog[code];
    super(detail ? `${entry.message}: ${detail}` : entry.message, options);
    this.name = new.target.name;
    this.code = code;
    this.statusCode = entry.status;
  }

  toBody(): { code: C; message: string } {
    return { code: this.code, message: this.message };
  }
}
