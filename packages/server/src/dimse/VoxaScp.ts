import type { Socket } from 'node:net';
import { framePart10, isVoxaError } from '@voxa/core';
import type { InstanceRef, InstanceStore } from '../store/InstanceStore.ts';
import { answerCFind } from './answerCFind.ts';
import { dimse, type DimseAssociation, type DimseCFindRequest, type DimseCGetRequest, type DimseCMoveRequest, type DimseCStoreRequest } from './dcmjsDimse.ts';
import type { DimsePeer } from './DimsePeer.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN, isStorableTransferSyntax, isStorageSopClass, QR_MODELS, UNCOMPRESSED_TRANSFER_SYNTAXES, VERIFICATION } from './dimseUids.ts';
import type { QrModel } from './queryIdentifier.ts';
import { RawDataset } from './RawDataset.ts';
import { retrieveTargets } from './retrieveTargets.ts';
import { cStoreRequestFor, loadRawDataset, responseStatus, SUB_OPERATION_BATCH, SubOperations } from './storeSubOperations.ts';
import { storeToPeer } from './storeToPeer.ts';

const { Status, PresentationContextResult: PcResult, RejectResult, RejectSource, RejectReason } = dimse.constants;
const { CEchoResponse, CFindResponse, CStoreResponse, CMoveResponse, CGetResponse } = dimse.responses;

/** What Voxa's SCP serves: the archive, its AE title, the peers C-MOVE may send to. */
export interface DimseServiceContext {
  store: InstanceStore;
  aeTitle: string;
  peers: readonly DimsePeer[];
  /** One line per association outcome or failure (no patient data). */
  log?: (line: string) => void;
}

/** Status codes of PS3.4 Annex C that dcmjs-dimse names differently or not at all. */
const IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xa900;
const UNABLE_TO_PROCESS = 0xc000;
/** C-STORE failures of the Cxxx "cannot understand" range (PS3.4 B.2.3); the Error Comment carries Voxa's code. */
const CANNOT_UNDERSTAND = 0xc000;
const CONFLICTING_INSTANCE = 0xc001;
const SUB_OPERATIONS_WARNING = 0xb000;
const OUT_OF_RESOURCES_STORAGE = 0xa700;

/** The information model of each Query/Retrieve SOP class (FIND, MOVE and GET of both roots). */
const MODEL_OF: Record<string, QrModel> = {
  [QR_MODELS.patientFind]: 'patient', [QR_MODELS.patientMove]: 'patient', [QR_MODELS.patientGet]: 'patient',
  [QR_MODELS.studyFind]: 'study', [QR_MODELS.studyMove]: 'study', [QR_MODELS.studyGet]: 'study',
};

/**
 * Voxa's DIMSE service provider, one per association (dcmjs-dimse's Scp): Verification, Storage
 * (every storage SOP class, stored byte for byte), and Query/Retrieve FIND, MOVE and GET in the
 * Patient Root and Study Root models (PS3.4 Annexes A, B, C). C-STORE data sets arrive as
 * RawDatasets (see keepReceivedDatasetsRaw) and are framed as Part 10 files unchanged.
 */
export class VoxaScp extends dimse.Scp {
  private association: DimseAssociation | undefined;
  private readonly cancelled = new Set<number>();
  private closed = false;
  private readonly gone: Promise<void>;

  constructor(socket: Socket, private readonly ctx: DimseServiceContext, opts: ConstructorParameters<typeof dimse.Scp>[1]) {
    super(socket, opts);
    this.gone = new Promise((resolve) => this.once('close', () => {
      this.closed = true;
      resolve();
    }));
  }

  /** Accept an association called for our AE title; per presentation context, one proposed syntax we take (PS3.8 §9.3.3). */
  override associationRequested(association: DimseAssociation): void {
    this.association = association;
    if (association.getCalledAeTitle().trim() !== this.ctx.aeTitle) {
      this.ctx.log?.(`DIMSE: association from ${association.getCallingAeTitle()} rejected: called AE title "${association.getCalledAeTitle()}" is not ${this.ctx.aeTitle}`);
      this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
      return;
    }
    for (const { id } of association.getPresentationContexts()) {
      const pc = association.getPresentationContext(id);
      const abstract = pc.getAbstractSyntaxUid();
      const proposed = pc.getTransferSyntaxUids();
      const storage = isStorageSopClass(abstract);
      if (!storage && abstract !== VERIFICATION && !MODEL_OF[abstract]) {
        pc.setResult(PcResult.RejectAbstractSyntaxNotSupported);
        continue;
      }
      // Explicit VR Little Endian when offered (it keeps the VRs of private elements, and
      // dcmjs-based SCUs offer Implicit first); otherwise the first proposed that we take.
      const usable = proposed.filter((ts) => (storage ? isStorableTransferSyntax(ts) : UNCOMPRESSED_TRANSFER_SYNTAXES.includes(ts)));
      const accepted = usable.includes(EXPLICIT_VR_LITTLE_ENDIAN) ? EXPLICIT_VR_LITTLE_ENDIAN : usable[0];
      if (accepted) pc.setResult(PcResult.Accept, accepted);
      else pc.setResult(PcResult.RejectTransferSyntaxesNotSupported);
    }
    this.sendAssociationAccept();
  }

  override associationReleaseRequested(): void {
    this.sendAssociationReleaseResponse();
  }

  override cEchoRequest(request: InstanceType<typeof dimse.requests.CEchoRequest>, callback: (r: InstanceType<typeof CEchoResponse>) => void): void {
    const response = CEchoResponse.fromRequest(request);
    response.setStatus(Status.Success);
    callback(response);
  }

  /** C-STORE SCP (PS3.4 B.2.2): frame the received bytes as a Part 10 file and store them. */
  override cStoreRequest(request: DimseCStoreRequest, callback: (r: InstanceType<typeof CStoreResponse>) => void): void {
    const response = CStoreResponse.fromRequest(request);
    const dataset = request.getDataset();
    if (!(dataset instanceof RawDataset)) {
      response.setStatus(UNABLE_TO_PROCESS);
      callback(response);
      return;
    }
    const sopInstanceUid = request.getAffectedSopInstanceUid();
    this.storeReceived(dataset, request.getAffectedSopClassUid(), sopInstanceUid)
      .then(({ status, comment }) => {
        response.setStatus(status);
        if (comment) response.setErrorComment(comment.slice(0, 64));
        callback(response);
      });
  }

  /** C-FIND SCP (PS3.4 C.4.1): one Pending response per match, then Success. */
  override cFindRequest(request: DimseCFindRequest, callback: (r: InstanceType<typeof CFindResponse>[]) => void): void {
    const final = CFindResponse.fromRequest(request);
    const model = MODEL_OF[request.getAffectedSopClassUid()] ?? 'study';
    let matches;
    try {
      matches = answerCFind(this.ctx.store, request.getDataset()?.getElements() ?? {}, model, this.ctx.aeTitle);
    } catch (e) {
      final.setStatus(isVoxaError(e) ? IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS : UNABLE_TO_PROCESS);
      final.setErrorComment(errorComment(e));
      callback([final]);
      return;
    }
    if (!matches) {
      final.setStatus(dimse.constants.Status.OutOfResourcesNumberOfMatches);
      callback([final]);
      return;
    }
    const pending = matches.map((identifier) => {
      const response = CFindResponse.fromRequest(request);
      response.setDataset(new dimse.Dataset(identifier, request.getDataset()?.getTransferSyntaxUid()));
      response.setStatus(Status.Pending);
      return response;
    });
    // Answered at once from the index: a C-CANCEL can only arrive after the final response.
    final.setStatus(Status.Success);
    callback([...pending, final]);
  }

  /** C-MOVE SCP (PS3.4 C.4.2): C-STORE the matches to a configured destination AE over a new association. */
  override cMoveRequest(request: DimseCMoveRequest, callback: (r: InstanceType<typeof CMoveResponse>[]) => void): void {
    const final = CMoveResponse.fromRequest(request);
    const destinationAe = (request.getCommandDataset().getElement('MoveDestination') ?? '').trim();
    const peer = this.ctx.peers.find((p) => p.aeTitle === destinationAe);
    if (!peer) {
      final.setStatus(Status.MoveDestinationUnknown);
      final.setErrorComment(`Unknown move destination ${destinationAe}`.slice(0, 64));
      callback([final]);
      return;
    }
    const messageId = request.getMessageId();
    this.retrieve(request, final, callback, `C-MOVE to ${peer.aeTitle}`, (refs, tally) => storeToPeer(this.ctx.store, refs, peer, tally, {
      callingAeTitle: this.ctx.aeTitle,
      moveOriginator: { aeTitle: this.association?.getCallingAeTitle() ?? '', messageId },
      cancelled: () => this.cancelled.has(messageId) || this.closed,
    }));
  }

  /** C-GET SCP (PS3.4 C.4.3): C-STORE the matches back over this association (the SCU proposed SCP-role storage contexts). */
  override cGetRequest(request: DimseCGetRequest, callback: (r: InstanceType<typeof CGetResponse>[]) => void): void {
    const final = CGetResponse.fromRequest(request);
    this.retrieve(request, final, callback, 'C-GET', (refs, tally) => this.storeBack(refs, tally, request.getMessageId()));
  }

  override cCancelRequest(request: InstanceType<typeof dimse.requests.CCancelRequest>): void {
    this.cancelled.add(request.getMessageId());
  }

  /** A-ABORT received: the acceptor closes the transport connection (PS3.8 §9.1.8, state Sta13). */
  override abort(): void {
    this.closed = true;
    (this as unknown as { socket: { end(): void } }).socket.end();
  }

  private async storeReceived(dataset: RawDataset, sopClassUid: string, sopInstanceUid: string): Promise<{ status: number; comment?: string }> {
    try {
      const callingAe = this.association?.getCallingAeTitle().trim();
      const part10 = framePart10(dataset.raw, { sopClassUid, sopInstanceUid, transferSyntaxUid: dataset.getTransferSyntaxUid(), sourceAeTitle: callingAe });
      const result = await this.ctx.store.put(part10, `C-STORE from ${callingAe} ${sopInstanceUid}`);
      if (result.status === 'stored' || result.status === 'duplicate') return { status: Status.Success };
      this.ctx.log?.(`DIMSE: C-STORE ${sopInstanceUid} rejected: ${result.code}`);
      return { status: result.code === 'VOXA_ERR_CONFLICT' ? CONFLICTING_INSTANCE : CANNOT_UNDERSTAND, comment: result.code };
    } catch (e) {
      this.ctx.log?.(`DIMSE: C-STORE ${sopInstanceUid} failed: ${errorComment(e)}`);
      return { status: OUT_OF_RESOURCES_STORAGE, comment: errorComment(e) };
    }
  }

  /** A C-MOVE or C-GET: resolve its targets, run the sub-operations, answer with their tally. */
  private retrieve<R extends InstanceType<typeof CMoveResponse>>(
    request: DimseCMoveRequest | DimseCGetRequest, final: R, callback: (r: R[]) => void, what: string,
    subOperations: (refs: InstanceRef[], tally: SubOperations) => Promise<void>,
  ): void {
    const refs = this.targets(request, final);
    if (!refs) {
      callback([final]);
      return;
    }
    const tally = new SubOperations(refs.length);
    subOperations(refs, tally)
      .catch((e) => this.ctx.log?.(`DIMSE: ${what} failed: ${errorComment(e)}`))
      .finally(() => callback([this.retrieveFinal(final, tally, request.getMessageId())]));
  }

  /** The instances a retrieve names, or undefined with `final` set to the failure status. */
  private targets(request: DimseCMoveRequest | DimseCGetRequest, final: InstanceType<typeof CMoveResponse>): InstanceRef[] | undefined {
    try {
      return retrieveTargets(this.ctx.store, request.getDataset()?.getElements() ?? {}, MODEL_OF[request.getAffectedSopClassUid()] ?? 'study');
    } catch (e) {
      final.setStatus(isVoxaError(e) ? IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS : UNABLE_TO_PROCESS);
      final.setErrorComment(errorComment(e));
      return undefined;
    }
  }

  private async storeBack(refs: InstanceRef[], tally: SubOperations, messageId: number): Promise<void> {
    for (let start = 0; start < refs.length; start += SUB_OPERATION_BATCH) {
      if (this.cancelled.has(messageId) || this.closed) {
        tally.failRest(refs.slice(start));
        return;
      }
      const batch = refs.slice(start, start + SUB_OPERATION_BATCH);
      const requests: { uid: string; request: DimseCStoreRequest }[] = [];
      for (const ref of batch) {
        const dataset = await loadRawDataset(this.ctx.store, ref);
        const request = dataset && cStoreRequestFor(dataset);
        // No storage context with the SCP role for this SOP class: the SCU cannot take it (C.4.3.3.1).
        if (!request || !this.association?.getAcceptedPresentationContextFromRequest(request)) tally.record(ref.sopInstanceUid, undefined);
        else requests.push({ uid: ref.sopInstanceUid, request });
      }
      const statuses = requests.map(({ request }) => responseStatus(request, this.gone));
      if (requests.length) this.sendRequests(requests.map((r) => r.request));
      (await Promise.all(statuses)).forEach((status, i) => tally.record(requests[i].uid, status));
    }
  }

  /** The final C-MOVE/C-GET response: Success, Warning when some failed, Failure when none succeeded (PS3.4 C.4.2.1.5). */
  private retrieveFinal<R extends InstanceType<typeof CMoveResponse>>(final: R, tally: SubOperations, messageId: number): R {
    const cancelled = this.cancelled.delete(messageId);
    final.setCompleted(tally.completed);
    final.setFailures(tally.failed);
    final.setWarnings(tally.warning);
    final.setRemaining(tally.remaining);
    if (cancelled) final.setStatus(Status.Cancel);
    else if (tally.failed === 0 && tally.warning === 0) final.setStatus(Status.Success);
    else if (tally.completed + tally.warning > 0) final.setStatus(SUB_OPERATIONS_WARNING);
    else final.setStatus(dimse.constants.Status.OutOfResourcesSubOperations);
    if (tally.failedSopInstanceUids.length) {
      final.setDataset(new dimse.Dataset({ FailedSOPInstanceUIDList: tally.failedSopInstanceUids }));
    }
    return final;
  }
}

function errorComment(e: unknown): string {
  const text = isVoxaError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
  return text.slice(0, 64);
}
