import { framePart10, VoxaError } from '@voxa/core';
import type { InstanceStore, PutResult } from '../store/InstanceStore.ts';
import { dimse, type DimseCStoreRequest } from './dcmjsDimse.ts';
import type { DimsePeer } from './DimsePeer.ts';
import type { NaturalIdentifier, QrLevel } from './queryIdentifier.ts';
import { keepReceivedDatasetsRaw, RawDataset } from './RawDataset.ts';

const { Status } = dimse.constants;
type AnyRequest = InstanceType<typeof dimse.requests.Request>;
type AnyResponse = InstanceType<typeof dimse.responses.Response>;

/** Who calls, and how long to wait (connect, association, each PDU); default 30 s. */
export interface ScuOptions {
  callingAeTitle: string;
  timeoutMs?: number;
}

/** A query or retrieve: the level and the keys (keyword → value; '' asks for a return key). */
export interface QrQuery {
  level: QrLevel;
  keys: NaturalIdentifier;
  /** The Query/Retrieve information model; default Study Root. */
  model?: 'patient' | 'study';
}

/** The outcome of a C-MOVE or C-GET (PS3.4 C.4.2.3.1): final status and sub-operation counts. */
export interface RetrieveOutcome {
  status: number;
  completed: number;
  failed: number;
  warning: number;
  /** C-GET only: what storing each received instance gave. */
  stored?: PutResult[];
}

const PATIENT_ROOT = { find: '1.2.840.10008.5.1.4.1.2.1.1', move: '1.2.840.10008.5.1.4.1.2.1.2', get: '1.2.840.10008.5.1.4.1.2.1.3' };

/** C-ECHO SCU: resolves when the peer answers Success; VOXA_ERR_PEER otherwise. */
export async function echoPeer(peer: DimsePeer, o: ScuOptions): Promise<void> {
  const request = new dimse.requests.CEchoRequest();
  const [response] = await exchange(peer, request, o);
  if (response?.getStatus() !== Status.Success) throw peerError(peer, 'C-ECHO', response);
}

/** C-FIND SCU: the identifiers of the Pending responses (PS3.4 C.4.1.2); VOXA_ERR_PEER unless it ends in Success. */
export async function findOnPeer(peer: DimsePeer, query: QrQuery, o: ScuOptions): Promise<NaturalIdentifier[]> {
  const request = new dimse.requests.CFindRequest();
  request.setAffectedSopClassUid(query.model === 'patient' ? PATIENT_ROOT.find : dimse.constants.SopClass.StudyRootQueryRetrieveInformationModelFind);
  request.setDataset(new dimse.Dataset({ ...query.keys, QueryRetrieveLevel: query.level }));
  const responses = await exchange(peer, request, o);
  const final = responses.at(-1);
  if (final?.getStatus() !== Status.Success) throw peerError(peer, 'C-FIND', final);
  return responses.filter((r) => r.getStatus() === Status.Pending && r.getDataset()).map((r) => r.getDataset()!.getElements());
}

/**
 * C-MOVE SCU: ask the peer to send the matches to `destinationAeTitle` (usually this archive's
 * own AE, whose C-STORE SCP receives them; the peer must know that AE's address).
 */
export async function moveFromPeer(peer: DimsePeer, query: QrQuery, destinationAeTitle: string, o: ScuOptions): Promise<RetrieveOutcome> {
  const request = new dimse.requests.CMoveRequest();
  request.setAffectedSopClassUid(query.model === 'patient' ? PATIENT_ROOT.move : dimse.constants.SopClass.StudyRootQueryRetrieveInformationModelMove);
  request.getCommandDataset().setElement('MoveDestination', destinationAeTitle);
  request.setDataset(new dimse.Dataset({ ...query.keys, QueryRetrieveLevel: query.level }));
  return retrieveOutcome(peer, 'C-MOVE', await exchange(peer, request, o));
}

/**
 * C-GET SCU: retrieve the matches over this association (the peer C-STOREs them back under
 * SCP-role storage contexts) and put each, byte for byte, into `store`.
 */
export async function getFromPeer(peer: DimsePeer, query: QrQuery, store: InstanceStore, o: ScuOptions): Promise<RetrieveOutcome> {
  keepReceivedDatasetsRaw();
  const request = new dimse.requests.CGetRequest();
  request.setAffectedSopClassUid(query.model === 'patient' ? PATIENT_ROOT.get : dimse.constants.SopClass.StudyRootQueryRetrieveInformationModelGet);
  request.setDataset(new dimse.Dataset({ ...query.keys, QueryRetrieveLevel: query.level }));
  const stored: PutResult[] = [];
  const puts: Promise<unknown>[] = [];
  const responses = await exchange(peer, request, o, (store_request, respond) => {
    const response = dimse.responses.CStoreResponse.fromRequest(store_request);
    const dataset = store_request.getDataset();
    const put = dataset instanceof RawDataset
      ? store.put(framePart10(dataset.raw, {
        sopClassUid: store_request.getAffectedSopClassUid(), sopInstanceUid: store_request.getAffectedSopInstanceUid(),
        transferSyntaxUid: dataset.getTransferSyntaxUid(), sourceAeTitle: peer.aeTitle,
      }), `C-GET from ${peer.aeTitle} ${store_request.getAffectedSopInstanceUid()}`)
      : Promise.resolve<PutResult>({ status: 'rejected', code: 'VOXA_ERR_PEER', reason: 'no data set in the C-STORE request' });
    puts.push(put.then((result) => {
      stored.push(result);
      response.setStatus(result.status === 'rejected' ? 0xc000 : Status.Success);
    }, () => response.setStatus(0xa700)).finally(() => respond(response)));
  });
  await Promise.all(puts);
  return { ...retrieveOutcome(peer, 'C-GET', responses), stored };
}

function retrieveOutcome(peer: DimsePeer, service: string, responses: AnyResponse[]): RetrieveOutcome {
  const final = responses.at(-1) as InstanceType<typeof dimse.responses.CMoveResponse> | undefined;
  if (!final || final.getStatus() === Status.Pending) throw peerError(peer, service, final);
  const status = final.getStatus();
  // Success, Warning (B000) and Cancel carry counts; anything else is a refusal.
  if (status !== Status.Success && status !== 0xb000 && status !== Status.Cancel) throw peerError(peer, service, final);
  return { status, completed: final.getCompleted() ?? 0, failed: final.getFailures() ?? 0, warning: final.getWarnings() ?? 0 };
}

/**
 * One request over one association: resolves with every response once the association is
 * released; VOXA_ERR_PEER when it is rejected, aborted, or the network fails.
 */
function exchange(
  peer: DimsePeer, request: AnyRequest, o: ScuOptions,
  onStore?: (request: DimseCStoreRequest, respond: (r: InstanceType<typeof dimse.responses.CStoreResponse>) => void) => void,
): Promise<AnyResponse[]> {
  return new Promise((resolve, reject) => {
    const client = new dimse.Client();
    const responses: AnyResponse[] = [];
    let failure: Error | undefined;
    request.on('response', (r: AnyResponse) => responses.push(r));
    client.addRequest(request);
    if (onStore) client.on('cStoreRequest', onStore);
    client.on('associationRejected', (r: { result: number; source: number; reason: number }) => {
      failure = new VoxaError('VOXA_ERR_PEER', { peer: describe(peer) }, `association rejected (result ${r.result}, source ${r.source}, reason ${r.reason}); check the called AE title and that the peer knows ours (${o.callingAeTitle})`);
    });
    client.on('networkError', (e: Error) => {
      failure ??= new VoxaError('VOXA_ERR_PEER', { peer: describe(peer) }, e.message, { cause: e });
    });
    client.on('closed', () => (failure && !responses.length ? reject(failure) : resolve(responses)));
    const timeout = o.timeoutMs ?? 30_000;
    client.send(peer.host, peer.port, o.callingAeTitle, peer.aeTitle, { connectTimeout: timeout, associationTimeout: timeout, pduTimeout: timeout });
  });
}

function peerError(peer: DimsePeer, service: string, response: AnyResponse | undefined): VoxaError {
  const detail = response
    ? `${service} ended with status 0x${response.getStatus().toString(16).padStart(4, '0')}${response.getErrorComment() ? ` (${response.getErrorComment()})` : ''}`
    : `${service} got no response`;
  return new VoxaError('VOXA_ERR_PEER', { peer: describe(peer) }, detail);
}

function describe(peer: DimsePeer): string {
  return `${peer.aeTitle}@${peer.host}:${peer.port}`;
}
