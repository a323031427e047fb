// Start and stop the DICOMweb servers a benchmark compares: Voxa (the bundled CLI) and Orthanc
// (Debian's `orthanc` + `orthanc-dicomweb`), each on loopback, a free port and its own data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { ORTHANC_BIN, ORTHANC_DICOMWEB_PLUGIN, orthancVersion as peerOrthancVersion, startOrthanc as startPeerOrthanc } from '../../packages/server/test/util/peers.ts';

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

/** Keeps the last lines a child wrote, for error messages. */
function tailOf(child: ChildProcess): () => string {
  let tail = '';
  const keep = (b: Buffer): void => void (tail = (tail + b.toString()).slice(-3000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail.trimEnd().replace(/^/gm, '    | ');
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
}

async function waitFor<T>(what: string, child: ChildProcess, tail: () => string, poll: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail()}`);
    const r = await poll().catch(() => null);
    if (r !== null) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s:\n${tail()}`);
}

/** `node <cli> serve --port 0 --data <dataDir> --no-demo --no-dimse`; the URL comes from its stdout line. */
export async function startVoxa(cli: string, dataDir: string): Promise<RunningServer> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data', dataDir, '--no-demo', '--no-dimse'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = stopper(child);
  const tail = tailOf(child);
  let out = '';
  child.stdout.on('data', (b: Buffer) => void (out += b.toString()));
  try {
    const base = await waitFor('voxa serve', child, tail, async () => out.match(/Voxa DICOMweb at (http:\/\/\S+\/dicom-web)/)?.[1] ?? null);
    const version = await waitFor('voxa serve', child, tail, async () => {
      const r = await fetch(new URL('/health', base));
      return r.ok ? 'bundled CLI' : null;
    });
    return { name: 'Voxa', base, version, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Orthanc (the tests' peer harness: loopback, own folder, DICOMweb plugin) as a benchmark server. */
export async function startOrthanc(dir: string): Promise<RunningServer> {
  const o = await startPeerOrthanc(dir);
  return { name: 'Orthanc', base: o.dicomWeb, version: o.version, stop: o.stop };
}
