export { startDimseServer, DIMSE_SERVER_DEFAULTS, type DimseServer, type DimseServerOptions } from './DimseServer.ts';
export { parseDimsePeer, isAeTitle, type DimsePeer } from './DimsePeer.ts';
