// Run a command and measure its wall time and peak memory.
//
// Wall time: measured here with a monotonic clock from spawn to exit (includes process start-up).
// Peak RSS: the command runs under GNU time (`/usr/bin/time -f '%e %M'`, Debian package `time`),
// whose %M is getrusage's ru_maxrss: the peak resident set of the largest single process in the
// tree (the command or any child it waited for), not a sum over processes. Without /usr/bin/time
// the peak is not measured (null) and `rssMethod` says so.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export const hasGnuTime: boolean = (() => {
  try {
    accessSync(GNU_TIME, constants.X_OK);
    return true;
  } catch {
    return false;
  }
})();

export const rssMethod = hasGnuTime
  ? 'GNU time %M (ru_maxrss: peak RSS of the largest process in the tree)'
  : 'not measured: /usr/bin/time is missing (apt-get install time)';

export interface Measurement {
  ok: boolean;
  exitCode: number | null;
  wallS: number;
  /** Peak RSS in MiB, or null when not measured. */
  peakRssMB: number | null;
  /** The first and last lines of stdout+stderr (an error's message comes first, its stack last). */
  output: string;
}

export async function measure(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measurement> {
  const statDir = hasGnuTime ? mkdtempSync(join(tmpdir(), 'voxa-measure-')) : null;
  const statFile = statDir ? join(statDir, 'time.txt') : '';
  const [file, argv] = statDir ? [GNU_TIME, ['-f', '%e %M', '-o', statFile, cmd, ...args]] : [cmd, args];

  const t0 = process.hrtime.bigint();
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let head = '';
  let tail = '';
  const keep = (chunk: Buffer): void => {
    if (head.length < 4000) head += chunk.toString();
    else tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;

  let peakRssMB: number | null = null;
  if (statDir) {
    try {
      // On failure GNU time writes "Command exited with non-zero status N" first: the figures are last.
      const last = readFileSync(statFile, 'utf8').trim().split('\n').at(-1) ?? '';
      const kb = Number(last.split(/\s+/)[1]);
      if (Number.isFinite(kb)) peakRssMB = kb / 1024;
    } catch {
      // no stats (the command could not start): leave null
    }
    rmSync(statDir, { recursive: true, force: true });
  }
  return { ok: exitCode === 0, exitCode, wallS, peakRssMB, output: excerpt(head + tail) };
}

/** At most 14 lines: the first 7 and the last 6 when longer. */
function excerpt(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.length <= 14 ? lines.join('\n') : [...lines.slice(0, 7), '…', ...lines.slice(-6)].join('\n');
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
