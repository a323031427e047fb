import { spawn, type ChildProcess } from 'node:child_process';

/** A `voxa serve` process started by a test, with everything it printed so far. */
export interface ServeProcess {
  child: ChildProcess;
  output(): string;
  /** The exit code, once it exits. */
  exited: Promise<number | null>;
  /** The first capture group of `ready` in the output (e.g. the URL), once it appeared. */
  ready: string | undefined;
}

/**
 * Start `node <args>` (a `voxa serve` command line) and wait until its output matches `ready`
 * (up to 30 s, or until it exits). The caller kills the child.
 */
export async function startServe(args: string[], ready: RegExp): Promise<ServeProcess> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => void (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => void (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const started = Date.now();
  while (!ready.test(out) && Date.now() - started < 30_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  return { child, output: () => out, exited, ready: ready.exec(out)?.[1] };
}
