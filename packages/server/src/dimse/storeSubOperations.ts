import { readPart10Layout } from '@voxa/core';
import type { InstanceRef, InstanceStore } from '../store/InstanceStore.ts';
import { dimse, ensureTranscoding, type DimseCStoreRequest } from './dcmjsDimse.ts';
import { UNCOMPRESSED_TRANSFER_SYNTAXES } from './dimseUids.ts';
import { RawDataset } from './RawDataset.ts';

/** Instances loaded and sent per batch: bounds the memory a large retrieve holds at once. */
export const SUB_OPERATION_BATCH = 32;

/** The tally of C-STORE sub-operations a C-MOVE or C-GET reports (PS3.4 C.4.2.3.1, C.4.3.3.1). */
export class SubOperations {
  completed = 0;
  failed = 0;
  warning = 0;
  readonly failedSopInstanceUids: string[] = [];

  constructor(readonly total: number) {}

  get remaining(): number {
    return this.total - this.completed - this.failed - this.warning;
  }

  /** Count one sub-operation by its C-STORE response status (PS3.4 B.2.3; undefined = never answered). */
  record(sopInstanceUid: string, status: number | undefined): void {
    if (status === 0) this.completed++;
    else if (status === 0xb000 || status === 0xb006 || status === 0xb007) this.warning++;
    else {
      this.failed++;
      this.failedSopInstanceUids.push(sopInstanceUid);
    }
  }

  /** Count the instances never attempted (a cancel, a lost association) as failed. */
  failRest(refs: readonly InstanceRef[]): void {
    for (const ref of refs) this.record(ref.sopInstanceUid, undefined);
  }
}

/**
 * A stored instance as a RawDataset: its data set bytes exactly as stored (after the File Meta
 * Information), in its stored transfer syntax. Undefined when the instance is gone. For
 * compressed data the codecs are loaded first, in case the peer accepted only another syntax.
 */
export async function loadRawDataset(store: InstanceStore, ref: InstanceRef): Promise<RawDataset | undefined> {
  const bytes = await store.getInstance(ref);
  if (!bytes) return undefined;
  const layout = readPart10Layout(bytes, ref.sopInstanceUid);
  if (!UNCOMPRESSED_TRANSFER_SYNTAXES.includes(layout.transferSyntaxUid)) await ensureTranscoding();
  return new RawDataset(bytes.subarray(layout.datasetOffset), layout.transferSyntaxUid, { SOPClassUID: layout.sopClassUid, SOPInstanceUID: layout.sopInstanceUid });
}

/** A C-STORE request for a raw data set; for C-MOVE sub-operations it names the move originator (PS3.7 §9.1.1.1). */
export function cStoreRequestFor(dataset: RawDataset, moveOriginator?: { aeTitle: string; messageId: number }): DimseCStoreRequest {
  const request = new dimse.requests.CStoreRequest(dataset);
  if (moveOriginator) {
    const command = request.getCommandDataset();
    command.setElement('MoveOriginatorApplicationEntityTitle', moveOriginator.aeTitle);
    command.setElement('MoveOriginatorMessageID', moveOriginator.messageId as unknown as string);
  }
  return request;
}

/**
 * The status of a sent request's response; undefined when the request ends without one
 * (dcmjs-dimse gives up on a data set it cannot transcode) or `gone` resolves first.
 */
export function responseStatus(request: DimseCStoreRequest, gone: Promise<void>): Promise<number | undefined> {
  return Promise.race([
    new Promise<number | undefined>((resolve) => {
      request.on('response', (response: { getStatus(): number }) => resolve(response.getStatus()));
      request.on('done', () => resolve(undefined));
    }),
    gone.then(() => undefined),
  ]);
}
