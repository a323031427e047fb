import type { InstanceRef, InstanceStore } from '../store/InstanceStore.ts';
import { dimse, disableNagle } from './dcmjsDimse.ts';
import type { DimsePeer } from './DimsePeer.ts';
import type { RawDataset } from './RawDataset.ts';
import { cStoreRequestFor, loadRawDataset, responseStatus, SUB_OPERATION_BATCH, type SubOperations } from './storeSubOperations.ts';
import { UNCOMPRESSED_TRANSFER_SYNTAXES } from './dimseUids.ts';

/** Options of {@link storeToPeer}. */
export interface StoreToPeerOptions {
  /** This AE's title, the calling AE of the associations. */
  callingAeTitle: string;
  /** Set for C-MOVE sub-operations: who asked, and the C-MOVE's message ID. */
  moveOriginator?: { aeTitle: string; messageId: number };
  /** Checked between batches: a C-CANCEL stops the rest. */
  cancelled?: () => boolean;
  /** Network timeouts in ms (connect, association, PDU); default 10 s each. */
  timeoutMs?: number;
}

/**
 * C-STORE SCU: send stored instances to a peer, byte for byte, counting each outcome into
 * `tally`. One association per batch of SUB_OPERATION_BATCH instances; each (SOP class, stored
 * transfer syntax) pair gets a presentation context of its own, so that a peer accepting it
 * receives the stored bytes untouched (dcmjs-dimse re-encodes only when the peer picks another
 * uncompressed syntax). Resolves when every instance has been answered or counted failed.
 */
export async function storeToPeer(store: InstanceStore, refs: readonly InstanceRef[], peer: DimsePeer, tally: SubOperations, o: StoreToPeerOptions): Promise<void> {
  for (let start = 0; start < refs.length; start += SUB_OPERATION_BATCH) {
    const batch = refs.slice(start, start + SUB_OPERATION_BATCH);
    if (o.cancelled?.()) {
      tally.failRest(refs.slice(start));
      return;
    }
    const datasets: RawDataset[] = [];
    for (const ref of batch) {
      const dataset = await loadRawDataset(store, ref);
      if (dataset) datasets.push(dataset);
      else tally.record(ref.sopInstanceUid, undefined);
    }
    if (datasets.length) await sendBatch(datasets, peer, tally, o);
  }
}

async function sendBatch(datasets: RawDataset[], peer: DimsePeer, tally: SubOperations, o: StoreToPeerOptions): Promise<void> {
  const client = new dimse.Client();
  const contexts = new Set<string>();
  const requests = datasets.map((dataset) => {
    const request = cStoreRequestFor(dataset, o.moveOriginator);
    client.addRequest(request);
    const sopClass = String(dataset.getElement('SOPClassUID'));
    const ts = dataset.getTransferSyntaxUid();
    if (!contexts.has(`${sopClass} ${ts}`)) {
      contexts.add(`${sopClass} ${ts}`);
      client.addAdditionalPresentationContext(new dimse.association.PresentationContext(1, sopClass, ts), true);
      // Uncompressed data also offers the other uncompressed syntaxes (dcmjs-dimse transcodes) as
      // a fallback; compressed data goes only as stored (no codecs are loaded here).
      if (UNCOMPRESSED_TRANSFER_SYNTAXES.includes(ts)) request.setAdditionalTransferSyntaxes(UNCOMPRESSED_TRANSFER_SYNTAXES.filter((t) => t !== ts));
    }
    return request;
  });
  const gone = new Promise<void>((resolve) => {
    client.once('closed', () => resolve());
    client.once('networkError', () => resolve());
    client.once('associationRejected', () => resolve());
  });
  const statuses = requests.map((request) => responseStatus(request, gone));
  const timeout = o.timeoutMs ?? 10_000;
  client.send(peer.host, peer.port, o.callingAeTitle, peer.aeTitle, { connectTimeout: timeout, associationTimeout: timeout, pduTimeout: timeout });
  disableNagle(client);
  const results = await Promise.all(statuses);
  results.forEach((status, i) => tally.record(String(datasets[i].getElement('SOPInstanceUID')), status));
}
