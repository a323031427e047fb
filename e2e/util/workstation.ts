import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Debian's chromium; never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(REPO_ROOT, 'e2e', 'artifacts');
const CLI = join(REPO_ROOT, 'packages/cli/dist/voxa.mjs');
const APP_INDEX = join(REPO_ROOT, 'packages/app/dist/index.html');

/** True when the browser and the built app and CLI are here; under CI their absence is a failure. */
export function canRunE2e(): boolean {
  const missing = [CHROMIUM, CLI, APP_INDEX].filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  const msg = `e2e needs ${missing.join(', ')} (apt-get install chromium; npm run build)`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`\n!!! ${msg}: browser tests are SKIPPED !!!\n`);
  return false;
}

/** `voxa serve` as `npm start` runs it (built CLI + app), on a fresh archive with the small demo. */
export interface Workstation {
  base: string;
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startWorkstation(extraArgs: string[] = []): Promise<Workstation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'voxa-e2e-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', dataDir, '--no-dimse', '--demo-size', 'small', ...extraArgs], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`voxa serve did not seed the demo in time:\n${output}`)), 120_000);
    let address: string | undefined;
    const on = (b: Buffer) => {
      output += b.toString();
      address ??= /Voxa workstation at (http:\/\/[^\s/]+)\//.exec(output)?.[1];
      if (address && /demo phantom seeded/.test(output)) { clearTimeout(timer); res(address); }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.once('exit', (code) => { clearTimeout(timer); rej(new Error(`voxa serve exited ${code}:\n${output}`)); });
  });
  return {
    base, child, dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian chromium (SwiftShader WebGL2) with the flags known to work here; playwright makes a fresh profile. */
export async function launchBrowser(): Promise<{ browser: Browser; page: Page; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  (page as Page & { voxaErrors?: string[] }).voxaErrors = errors;
  return {
    browser, page,
    close: () => browser.close(),
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Call a `window.__voxa` test API function in the page. */
export async function voxa<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([f, a]) => (globalThis as unknown as { __voxa: Record<string, (...x: unknown[]) => unknown> }).__voxa[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;
}

/** Open a study in the page and wait until its series are on the GPU, with `seriesUid` as the main series. */
export async function openStudy(page: Page, base: string, studyUid: string, seriesUid: string): Promise<void> {
  await page.goto(`${base}/#/study/${studyUid}`);
  await page.waitForFunction(() => !!(globalThis as unknown as { __voxa?: unknown }).__voxa);
  await voxa(page, 'settled');
  if (await voxa<string>(page, 'primary') !== seriesUid) await voxa(page, 'showSeries', seriesUid);
  await voxa(page, 'settled');
}
