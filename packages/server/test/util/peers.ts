// Real DICOM peers for interoperability tests: dcmtk's command-line tools and Debian's Orthanc,
// started on loopback with free ports and their own folders. Under CI (which installs them)
// a missing peer is a failure; in a user's clone the tests that need it are skipped loudly.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ORTHANC_BIN = '/usr/sbin/Orthanc';
export const ORTHANC_DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** Whether every named peer is installed; otherwise warn (or throw under CI, which must run them). */
export function hasPeers(what: string, paths: string[]): boolean {
  const missing = missingPeers(paths);
  if (!missing.length) return true;
  const message = `${what}: ${missing.join(', ')} not installed (apt-get install dcmtk orthanc orthanc-dicomweb)`;
  if (process.env.CI) throw new Error(`${message}; CI must run the interoperability tests`);
  console.warn(`\n!!! ${message}: these tests are SKIPPED !!!\n`);
  return false;
}

/** The named peers that are not installed: absolute paths, or tools in /usr/bin. */
export function missingPeers(paths: string[]): string[] {
  return paths.filter((p) => !existsSync(p.startsWith('/') ? p : `/usr/bin/${p}`));
}

export const DCMTK_TOOLS = ['echoscu', 'storescu', 'findscu', 'movescu', 'getscu', 'storescp'];

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

/** A dcmtk tool's run: exit status and output. Never throws; tests assert on the status. */
export interface ToolRun {
  status: number | null;
  output: string;
}

/** Run a dcmtk tool to completion (asynchronously, so an in-process server can answer it). */
export function runTool(tool: string, args: string[], timeoutMs = 60_000): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => void (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => void (output += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** A peer process: how to stop it, and its last output for failure messages. */
export interface PeerProcess {
  stop(): Promise<void>;
  tail(): string;
}

/** Follow a spawned peer: keep its last output and stop it with SIGTERM (SIGKILL after 5 s). */
export function watch(child: ChildProcess): PeerProcess {
  let tail = '';
  const keep = (b: Buffer): void => void (tail = (tail + b.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    tail: () => tail,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Poll until `poll` gives a value; fails with the peer's output if it exits or times out first. */
export async function waitFor<T>(what: string, child: ChildProcess, peer: PeerProcess, poll: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${peer.tail()}`);
    const r = await poll().catch(() => null);
    if (r !== null) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s:\n${peer.tail()}`);
}

/**
 * dcmtk's storescp as a C-STORE destination: accepts every transfer syntax it knows (+xa) and
 * writes what it receives bit-preserving (+B), so data set bytes can be compared.
 */
export async function startStorescp(dir: string, aeTitle: string): Promise<PeerProcess & { port: number }> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn('storescp', ['-aet', aeTitle, '+xa', '+B', '-od', dir, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const peer = watch(child);
  await waitFor('storescp', child, peer, async () => ((await runTool('echoscu', ['-aec', aeTitle, '127.0.0.1', String(port)], 5000)).status === 0 ? true : null));
  return { ...peer, port };
}

/** Options of {@link startOrthanc}. */
export interface OrthancOptions {
  aeTitle?: string;
  /** DicomModalities: name → [AE, host, port]. */
  modalities?: Record<string, [string, string, number]>;
  /** DICOMweb servers Orthanc may retrieve from: name → base URL. */
  dicomWebServers?: Record<string, string>;
}

/** A running Orthanc: its REST origin, DICOMweb root, DICOM port and AE title. */
export interface RunningOrthanc extends PeerProcess {
  origin: string;
  dicomWeb: string;
  dicomPort: number;
  aeTitle: string;
  version: string;
}

/** Orthanc with its SQLite index and storage in `dir`, DICOM and the DICOMweb plugin enabled, on loopback. */
export async function startOrthanc(dir: string, o: OrthancOptions = {}): Promise<RunningOrthanc> {
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const aeTitle = o.aeTitle ?? 'ORTHANC';
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = {
    Name: 'VOXA-TEST',
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'storage'),
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomAet: aeTitle,
    DicomServerEnabled: true,
    DicomAlwaysAllowFind: true,
    DicomAlwaysAllowGet: true,
    DicomAlwaysAllowMove: true,
    DicomModalities: o.modalities ?? {},
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpCompressionEnabled: false,
    Plugins: [ORTHANC_DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/', Servers: Object.fromEntries(Object.entries(o.dicomWebServers ?? {}).map(([name, url]) => [name, [url]])) },
  };
  const configFile = join(dir, 'orthanc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const child = spawn(ORTHANC_BIN, [configFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const peer = watch(child);
  const origin = `http://127.0.0.1:${httpPort}`;
  try {
    const version = await waitFor('Orthanc', child, peer, async () => {
      const r = await fetch(`${origin}/system`);
      return r.ok ? String(((await r.json()) as { Version?: string }).Version ?? 'unknown') : null;
    });
    const plugin = await fetch(`${origin}/plugins/dicom-web`);
    if (!plugin.ok) throw new Error(`Orthanc started without its DICOMweb plugin:\n${peer.tail()}`);
    const pluginVersion = String(((await plugin.json()) as { Version?: string }).Version);
    return { ...peer, origin, dicomWeb: `${origin}/dicom-web`, dicomPort, aeTitle, version: `${version} + DICOMweb ${pluginVersion}` };
  } catch (e) {
    await peer.stop();
    throw e;
  }
}

/** Orthanc's version line, or null when it or its DICOMweb plugin is missing. */
export function orthancVersion(): string | null {
  if (!existsSync(ORTHANC_BIN) || !existsSync(ORTHANC_DICOMWEB_PLUGIN)) return null;
  return spawnSync(ORTHANC_BIN, ['--version'], { encoding: 'utf8' }).stdout.match(/Orthanc\s+(\S+)/)?.[1] ?? 'unknown';
}
