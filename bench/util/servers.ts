// Start and stop the DICOMweb servers a benchmark compares: Voxa (the bundled CLI) and Orthanc
// (Debian's `orthanc` + `orthanc-dicomweb`), each on loopback, a free port and its own data folder.
import { spawn } from 'node:child_process';
import { ORTHANC_BIN, ORTHANC_DICOMWEB_PLUGIN, orthancVersion as peerOrthancVersion, startOrthanc as startPeerOrthanc, waitFor, watch } from '../../packages/server/test/util/peers.ts';

export const ORTHANC_INSTALL = 'apt-get install -y --no-install-recommends orthanc orthanc-dicomweb';

export interface RunningServer {
  name: string;
  /** DICOMweb root without a trailing slash, e.g. http://127.0.0.1:8042/dicom-web */
  base: string;
  version: string;
  stop(): Promise<void>;
}

/** Orthanc's version, or null with the reason when it or its DICOMweb plugin is not installed. */
export function orthancVersion(): { version: string | null; missing: string | null } {
  const version = peerOrthancVersion();
  return version ? { version, missing: null } : { version: null, missing: `${ORTHANC_BIN} or ${ORTHANC_DICOMWEB_PLUGIN} not found` };
}

/**
 * `node <cli> serve --port 0 --data <dataDir> --no-dimse` plus `args` (default `--no-demo`); the URL
 * comes from its stdout line. With `ready`, it also waits for a stdout line matching it (e.g. the
 * demo seeding's last line), up to `readyTimeoutMs`.
 */
export async function startVoxa(cli: string, dataDir: string, opts: { args?: string[]; ready?: RegExp; readyTimeoutMs?: number } = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data', dataDir, '--no-dimse', ...(opts.args ?? ['--no-demo'])], { stdio: ['ignore', 'pipe', 'pipe'] });
  const peer = watch(child);
  const stop = peer.stop;
  let out = '';
  child.stdout.on('data', (b: Buffer) => void (out += b.toString()));
  try {
    const base = await waitFor('voxa serve', child, peer, async () => out.match(/Voxa DICOMweb at (http:\/\/\S+\/dicom-web)/)?.[1] ?? null);
    const version = await waitFor('voxa serve', child, peer, async () => {
      const r = await fetch(new URL('/health', base));
      return r.ok ? 'bundled CLI' : null;
    });
    if (opts.ready) {
      const ready = opts.ready;
      await waitFor('voxa serve', child, peer, async () => (ready.test(out) ? true : null), opts.readyTimeoutMs);
    }
    return { name: 'Voxa', base, version, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export async function startOrthanc(dir: string): Promise<RunningServer> {
  const o = await startPeerOrthanc(dir);
  return { name: 'Orthanc', base: o.dicomWeb, version: o.version, stop: o.stop };
}
