export { startDimseServer, DIMSE_SERVER_DEFAULTS, type DimseServer, type DimseServerOptions } from './DimseServer.ts';
export { parseDimsePeer, isAeTitle, type DimsePeer } from './DimsePeer.ts';
export { echoPeer, findOnPeer, getFromPeer, moveFromPeer, GET_TRANSFER_SYNTAXES, type QrQuery, type RetrieveOutcome, type ScuOptions } from './dimseClient.ts';
export type { NaturalIdentifier, QrLevel } from './queryIdentifier.ts';
