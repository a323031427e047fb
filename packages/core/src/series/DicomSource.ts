/** Where DICOM bytes come from: a file on disk, a zip entry, a browser File, an HTTP response. */
export interface DicomSource {
  /** A name for messages and sidecars (usually the path). */
  name: string;
  /** The whole file's bytes; may be called more than once (headers first, pixels later). */
  read(): Promise<Uint8Array>;
  /** The file's size in bytes, when known without reading it. */
  size?: number;
  /** The first `maxBytes` bytes (fewer for a smaller file): enough for the header of most files. */
  readHead?(maxBytes: number): Promise<Uint8Array>;
}
