import { framePart10, VoxaError } from '@voxa/core';
import type { InstanceStore, PutResult } from '../store/InstanceStore.ts';
import { dimse, disableNagle, type DimseCStoreRequest } from './dcmjsDimse.ts';
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

/**
 * The transfer syntaxes a C-GET offers to receive, one presentation context each, so that the
 * peer can send every instance as it stores it (no transcoding, which peers may not support:
 * Orthanc 1.10 fails a whole C-GET it cannot transcode). Uncompressed first, then the lossless
 * and lossy codecs Voxa decodes.
 */
export const GET_TRANSFER_SYNTAXES = [
  '1.2.840.10008.1.2.1', '1.2.840.10008.1.2', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.203',
  '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51',
];

/** An association offers at most 128 presentation contexts (PS3.8 §9.3.2.2: odd IDs 1-255). */
const MAX_PRESENTATION_CONTEXTS = 128;

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
  // Storage contexts for the SOP classes actually there, each transfer syntax in its own, with
  // this side as SCP (PS3.4 C.4.3.1, PS3.7 D.3.3.4); else dcmjs-dimse's default: every storage
  // class, uncompressed only.
  const sopClasses = await sopClassesOnPeer(peer, query, o);
  const perClass = Math.floor((MAX_PRESENTATION_CONTEXTS - 1) / Math.max(sopClasses.length, 1));
  if (sopClasses.length && perClass >= 2) request.setAddStorageSopClassesToAssociation(false);
  const proposeStorage = (association: InstanceType<typeof dimse.association.Association>) => {
    if (request.getAddStorageSopClassesToAssociation()) return;
    for (const sopClass of sopClasses) {
      for (const ts of GET_TRANSFER_SYNTAXES.slice(0, perClass)) {
        const id = association.addPresentationContext(sopClass);
        association.getPresentationContext(id).setProviderRole(true);
        association.addTransferSyntaxToPresentationContext(id, ts);
      }
    }
  };
  const stored: PutResult[] = [];
  const puts: Promise<unknown>[] = [];
  const responses = await exchange(peer, request, o, (storeRequest, respond) => {
    const response = dimse.responses.CStoreResponse.fromRequest(storeRequest);
    const dataset = storeRequest.getDataset();
    const put = dataset instanceof RawDataset
      ? store.put(framePart10(dataset.raw, {
        sopClassUid: storeRequest.getAffectedSopClassUid(), sopInstanceUid: storeRequest.getAffectedSopInstanceUid(),
        transferSyntaxUid: dataset.getTransferSyntaxUid(), sourceAeTitle: peer.aeTitle,
      }), `C-GET from ${peer.aeTitle} ${storeRequest.getAffectedSopInstanceUid()}`)
      : Promise.resolve<PutResult>({ status: 'rejected', code: 'VOXA_ERR_PEER', reason: 'no data set in the C-STORE request' });
    puts.push(put.then((result) => {
      stored.push(result);
      response.setStatus(result.status === 'rejected' ? 0xc000 : Status.Success);
    }, () => response.setStatus(0xa700)).finally(() => respond(response)));
  }, proposeStorage);
  await Promise.all(puts);
  return { ...retrieveOutcome(peer, 'C-GET', responses), stored };
}

/**
 * The SOP classes a retrieve will bring, from a study-level C-FIND for SOP Classes in Study
 * (0008,0062); empty when the peer does not say (the caller then proposes every storage class).
 */
async function sopClassesOnPeer(peer: DimsePeer, query: QrQuery, o: ScuOptions): Promise<string[]> {
  const keys: NaturalIdentifier = { SOPClassesInStudy: '', StudyInstanceUID: query.keys.StudyInstanceUID ?? '' };
  if (query.level === 'PATIENT' || query.model === 'patient') keys.PatientID = query.keys.PatientID ?? '';
  if (!keys.StudyInstanceUID && !keys.PatientID) return [];
  const studies = await findOnPeer(peer, { level: 'STUDY', keys }, o).catch(() => []);
  const classes = new Set<string>();
  for (const study of studies) {
    const value = study.SOPClassesInStudy;
    for (const uid of Array.isArray(value) ? value : value ? [value] : []) if (typeof uid === 'string' && uid) classes.add(uid);
  }
  return [...classes];
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
  beforeAssociate?: (association: InstanceType<typeof dimse.association.Association>) => void,
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
    disableNagle(client);
    if (beforeAssociate) {
      // dcmjs-dimse builds the association inside send() and offers no hook to give a context a
      // role; its connection sends the A-ASSOCIATE-RQ once connected, so amend it there.
      const network = (client as unknown as { network: { sendAssociationRequest(a: InstanceType<typeof dimse.association.Association>): void } }).network;
      const send = network.sendAssociationRequest.bind(network);
      network.sendAssociationRequest = (association) => {
        beforeAssociate(association);
        send(association);
      };
    }
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
