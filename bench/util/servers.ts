// Start and stop the DICOMweb servers a benchmark compares: Voxa (the bundled CLI) and Orthanc
// (Debian's `orthanc` + `orthanc-dicomweb`), each on loopback, a free port and its own data folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ORTHANC_BIN = '/usr/sbin/Orthanc';
export const ORTHANC_DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
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
  if (!existsSync(ORTHANC_BIN)) return { version: null, missing: `${ORTHANC_BIN} not found` };
  if (!existsSync(ORTHANC_DICOMWEB_PLUGIN)) return { version: null, missing: `${ORTHANC_DICOMWEB_PLUGIN} not found` };
  const r = spawnSync(ORTHANC_BIN, ['--version'], { encoding: 'utf8' });
  return { version: r.stdout.match(/Orthanc\s+(\S+)/)?.[1] ?? 'unknown', missing: null };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
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

/** `node <cli> serve --port 0 --data <dataDir> --no-demo`; the URL comes from its stdout line. */
export async function startVoxa(cli: string, dataDir: string): Promise<RunningServer> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data', dataDir, '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
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

/** Orthanc with a JSON config in `dir`, its SQLite index and storage under it, and the DICOMweb plugin. */
export async function startOrthanc(dir: string): Promise<RunningServer> {
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = {
    Name: 'VOXA-BENCH',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'storage'),
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpCompressionEnabled: false,
    Plugins: [ORTHANC_DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
  };
  const configFile = join(dir, 'orthanc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const child = spawn(ORTHANC_BIN, [configFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = stopper(child);
  const tail = tailOf(child);
  const origin = `http://127.0.0.1:${httpPort}`;
  try {
    const version = await waitFor('Orthanc', child, tail, async () => {
      const r = await fetch(`${origin}/system`);
      return r.ok ? String(((await r.json()) as { Version?: string }).Version ?? 'unknown') : null;
    });
    const plugin = await fetch(`${origin}/plugins/dicom-web`);
    const pluginVersion = plugin.ok ? String(((await plugin.json()) as { Version?: string }).Version) : 'NOT LOADED';
    if (!plugin.ok) throw new Error(`Orthanc started without its DICOMweb plugin:\n${tail()}`);
    return { name: 'Orthanc', base: `${origin}/dicom-web`, version: `${version} + DICOMweb ${pluginVersion}`, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
