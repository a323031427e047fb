import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Logger {
  setLevel(level: string): void;
  getLogger(name: string): Logger;
}

/**
 * dcmjs-dimse, loaded once. It ships a minified UMD bundle whose named exports Node's ESM loader
 * cannot see, so it is required; its own typings describe the module.
 */
export const dimse = require('dcmjs-dimse') as typeof import('dcmjs-dimse');

// dcmjs-dimse logs every PDU at info level, and the dcmjs copies it and dcmjs-codecs bundle
// report each private tag they re-encode; Voxa reports outcomes itself.
dimse.log.setLevel('warn');
for (const from of ['dcmjs-dimse', 'dcmjs-codecs']) {
  const { log } = createRequire(require.resolve(from))('dcmjs') as { log: Logger };
  log.setLevel('silent');
  log.getLogger('validation.dcmjs').setLevel('silent');
}

let transcoding: Promise<void> | undefined;

/**
 * Load dcmjs-dimse's codecs (dcmjs-codecs, WebAssembly, ~80 ms once), which it needs to send a
 * compressed data set to a peer that accepted only another transfer syntax.
 */
export function ensureTranscoding(): Promise<void> {
  transcoding ??= dimse.Transcoding.initializeAsync();
  return transcoding;
}

/**
 * Turn off Nagle's algorithm on a dcmjs-dimse Client's connection (call right after send()).
 * dcmjs-dimse writes each PDU with its own socket.write; with Nagle on, the small command PDUs
 * wait on the peer's delayed ACK, ~40 ms per C-STORE on loopback (28 CT slices: 2.5 s).
 */
export function disableNagle(client: InstanceType<typeof dimse.Client>): void {
  (client as unknown as { network?: { socket?: { setNoDelay(on: boolean): void } } }).network?.socket?.setNoDelay(true);
}

export type DimseDataset = InstanceType<typeof dimse.Dataset>;
export type DimseAssociation = InstanceType<typeof dimse.association.Association>;
export type DimsePresentationContext = InstanceType<typeof dimse.association.PresentationContext>;
export type DimseCStoreRequest = InstanceType<typeof dimse.requests.CStoreRequest>;
export type DimseCFindRequest = InstanceType<typeof dimse.requests.CFindRequest>;
export type DimseCMoveRequest = InstanceType<typeof dimse.requests.CMoveRequest>;
export type DimseCGetRequest = InstanceType<typeof dimse.requests.CGetRequest>;
