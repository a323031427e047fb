import { createServer, type Server } from 'node:net';
import type { InstanceStore } from '../store/InstanceStore.ts';
import type { DimsePeer } from './DimsePeer.ts';
import { keepReceivedDatasetsRaw } from './RawDataset.ts';
import { VoxaScp } from './VoxaScp.ts';

/** Options of {@link startDimseServer}. */
export interface DimseServerOptions {
  store: InstanceStore;
  /** TCP port; 0 picks a free one (see `port` on the result). */
  port: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** This archive's AE title; associations calling another are rejected. Default 'VOXA'. */
  aeTitle?: string;
  /** Known remote AEs: the destinations C-MOVE may send to. */
  peers?: readonly DimsePeer[];
  /** Association, PDU and connection timeouts in ms; default 30 s. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** A listening DIMSE service provider. */
export interface DimseServer {
  port: number;
  aeTitle: string;
  close(): Promise<void>;
}

export const DIMSE_SERVER_DEFAULTS = { host: '127.0.0.1', aeTitle: 'VOXA', timeoutMs: 30_000 } as const;

/**
 * Start Voxa's DIMSE services (C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET SCP, see VoxaScp) on a
 * TCP port. Each connection gets its own VoxaScp; dcmjs-dimse's own Server is not used because
 * it cannot bind to one interface or report an ephemeral port.
 *
 * @example
 * const dimse = await startDimseServer({ store, port: 11112, aeTitle: 'VOXA', peers: [{ aeTitle: 'WS1', host: '10.0.0.5', port: 104 }] });
 */
export async function startDimseServer(o: DimseServerOptions): Promise<DimseServer> {
  keepReceivedDatasetsRaw();
  const aeTitle = o.aeTitle ?? DIMSE_SERVER_DEFAULTS.aeTitle;
  const timeout = o.timeoutMs ?? DIMSE_SERVER_DEFAULTS.timeoutMs;
  const context = { store: o.store, aeTitle, peers: o.peers ?? [], log: o.log };
  const connections = new Set<VoxaScp>();
  const server: Server = createServer((socket) => {
    socket.setNoDelay(true); // see disableNagle: one write per PDU
    const scp = new VoxaScp(socket, context, { connectTimeout: timeout, associationTimeout: timeout, pduTimeout: timeout });
    connections.add(scp);
    scp.on('close', () => connections.delete(scp));
    scp.on('networkError', (e: Error) => {
      o.log?.(`DIMSE: connection from ${socket.remoteAddress} dropped: ${e.message}`);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? DIMSE_SERVER_DEFAULTS.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : o.port,
    aeTitle,
    close: () => new Promise<void>((resolve) => {
      for (const scp of connections) (scp as unknown as { socket: { destroy(): void } }).socket.destroy();
      server.close(() => resolve());
    }),
  };
}
