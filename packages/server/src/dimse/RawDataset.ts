import type { Writable } from 'node:stream';
import { dimse, type DimsePresentationContext } from './dcmjsDimse.ts';

/** The attributes a RawDataset answers without parsing (what C-STORE requests read). */
export interface RawDatasetHeader {
  SOPClassUID: string;
  SOPInstanceUID: string;
}

/**
 * A DIMSE data set kept as the bytes that came off the wire or out of the archive, in its
 * transfer syntax. dcmjs-dimse otherwise parses every data set into dcmjs's natural form and
 * re-encodes it to send, which changes bytes (padding, sequence lengths, private VRs); an archive
 * must hand back exactly what it received. The natural form is built only if something asks for
 * it (transcoding to another transfer syntax, logging).
 */
export class RawDataset extends dimse.Dataset {
  private parsed = false;

  constructor(readonly raw: Uint8Array, transferSyntaxUid: string, header?: RawDatasetHeader) {
    super({ ...header }, transferSyntaxUid);
  }

  override getElements(): Record<string, unknown> {
    if (!this.parsed) {
      const self = this as unknown as { elements: Record<string, unknown>; _fromElementsBuffer(b: Buffer, ts: string, o: object): Record<string, unknown> };
      self.elements = { ...self._fromElementsBuffer(Buffer.from(this.raw.buffer, this.raw.byteOffset, this.raw.byteLength), this.getTransferSyntaxUid(), { ignoreErrors: true }), ...self.elements };
      this.parsed = true;
    }
    return super.getElements();
  }

  /** The data set bytes as they are: dcmjs-dimse calls this to send a data set in its own transfer syntax. */
  override getDenaturalizedDataset(): Buffer {
    return Buffer.from(this.raw.buffer, this.raw.byteOffset, this.raw.byteLength);
  }
}

let installed = false;

/**
 * Make every dcmjs-dimse association (SCP and SCU alike) hand received C-STORE data sets over as
 * RawDatasets. The hook is a method of dcmjs-dimse's internal Network class, which both Scp and
 * the Client's connection extend; it is replaced once, process-wide, for this package's use.
 */
export function keepReceivedDatasetsRaw(): void {
  if (installed) return;
  installed = true;
  const network = Object.getPrototypeOf(dimse.Scp.prototype) as {
    createDatasetFromStoreWritableStream(w: Writable, pc: DimsePresentationContext, cb: (d: RawDataset) => void): void;
  };
  network.createDatasetFromStoreWritableStream = (writable, pc, callback) => {
    const bytes = (writable as unknown as { toBuffer(): Buffer }).toBuffer();
    callback(new RawDataset(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), pc.getAcceptedTransferSyntaxUid() ?? ''));
  };
}
