// Ingest benchmark: `voxa convert <dicom-dir> -o <out>` against Debian's dcm2niix on the same local
// copies of the same inputs, in the same run. Goal: Voxa no slower than dcm2niix.
//
//   npm run bench -- ingest [--repeats N] [--inputs phantom,GE,Philips] [--keep]
//
// voxa runs as shipped: the bundled CLI `node packages/cli/dist/voxa.mjs …` (`npm run bench` builds it
// first; VOXA_CLI=<file> runs another entry). Pairs compared: .nii.gz vs `dcm2niix -z y`, .nii vs `-z n`.
//
// Per input and tool: 1 warm-up, then N (default 3) measured runs, interleaved across tools; the
// median is reported. Each run writes into a fresh empty output folder. Results: a table on stdout
// and .bench/ingest.json. A tool that fails is reported with its output and left out of the ratios;
// the run goes on, and the exit status is 1.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasGnuTime, measure, median, rssMethod, type Measurement } from './util/measure.ts';

const GOAL = 'Voxa no slower than dcm2niix';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = resolve(ROOT, process.env.VOXA_CLI ?? 'packages/cli/dist/voxa.mjs');
const SHARED = resolve(ROOT, '../shared/data');
const REAL_INPUTS = [
  { name: 'GE', source: join(SHARED, 'dcm_qa_ct/In/GE') },
  { name: 'Philips', source: join(SHARED, 'dcm_qa_ct/In/Philips/S21570/S2010') },
];

interface Tool {
  name: string;
  cmd: string;
  args: (dir: string, out: string) => string[];
}

const VOXA: Tool = {
  name: 'voxa',
  cmd: process.execPath,
  args: (dir, out) => [CLI, 'convert', dir, '-o', out, '--quiet'],
};
const VOXA_NII: Tool = {
  name: 'voxa --format nii',
  cmd: process.execPath,
  args: (dir, out) => [CLI, 'convert', dir, '-o', out, '--quiet', '--format', 'nii'],
};
/** Which voxa run each dcm2niix run is compared with (same compression). */
const PAIR: Record<string, string> = { 'dcm2niix -z y': VOXA.name, 'dcm2niix -z n': VOXA_NII.name };
const DCM2NIIX: Tool[] = [
  { name: 'dcm2niix -z y', cmd: 'dcm2niix', args: (dir, out) => ['-z', 'y', '-f', '%s', '-o', out, dir] },
  { name: 'dcm2niix -z n', cmd: 'dcm2niix', args: (dir, out) => ['-z', 'n', '-f', '%s', '-o', out, dir] },
];

interface Input {
  name: string;
  dir: string;
  source: string;
  files: number;
  bytes: number;
}

interface ToolResult {
  tool: string;
  command: string;
  ok: boolean;
  error?: string;
  outputs: string[];
  runs: { wallS: number; peakRssMB: number | null }[];
  medianWallS: number | null;
  medianPeakRssMB: number | null;
}

function walkFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function describeDir(name: string, dir: string, source: string): Input {
  const files = walkFiles(dir);
  return { name, dir, source, files: files.length, bytes: files.reduce((s, f) => s + statSync(f).size, 0) };
}

/** The folder of the phantom's DICOM CT series: the folder of .dcm files with "CT" in its path, else the largest. */
function findDicomDir(root: string): string | null {
  if (!existsSync(root)) return null;
  const counts = new Map<string, number>();
  for (const f of walkFiles(root)) if (f.toLowerCase().endsWith('.dcm')) counts.set(dirname(f), (counts.get(dirname(f)) ?? 0) + 1);
  const dirs = [...counts].sort((a, b) => b[1] - a[1]).map(([d]) => d);
  return dirs.find((d) => relative(root, d).split('/').some((p) => /^CT/i.test(p))) ?? dirs[0] ?? null;
}

function fail(what: string, m: Measurement): string {
  return `${what} exited ${m.exitCode} after ${m.wallS.toFixed(2)} s:\n${m.output.replace(/^/gm, '    | ')}`;
}

async function prepareInputs(work: string, only: Set<string> | null): Promise<Input[]> {
  const inputs: Input[] = [];
  if (!only || only.has('phantom')) {
    const out = join(work, 'phantom');
    const args = [CLI, 'phantom', '-o', out, '--size', 'full', '--time-points', '1', '--no-pet'];
    console.log(`generating the phantom: node ${args.join(' ')}`);
    const m = await measure(process.execPath, args, { cwd: ROOT });
    const dir = m.ok ? findDicomDir(out) : null;
    if (!m.ok) console.error(`!! phantom: ${fail('voxa phantom', m)}\n!! phantom input skipped`);
    else if (!dir) console.error(`!! phantom: no .dcm files under ${out}; phantom input skipped`);
    else inputs.push(describeDir('phantom CT (full)', dir, `voxa phantom --size full --time-points 1 → ${relative(out, dir)}`));
  }
  for (const { name, source } of REAL_INPUTS) {
    if (only && !only.has(name)) continue;
    if (!existsSync(source)) {
      console.error(`!! ${name}: ${source} not found (../shared missing?); skipped`);
      continue;
    }
    const dir = join(work, 'in', name);
    cpSync(source, dir, { recursive: true }); // both tools read the same local copy; ../shared stays untouched
    inputs.push(describeDir(`dcm_qa_ct ${name}`, dir, relative(resolve(ROOT, '..'), source)));
  }
  return inputs;
}

function dcm2niixVersion(): string | null {
  const r = spawnSync('dcm2niix', ['-v'], { encoding: 'utf8' });
  if (r.error) return null;
  return (r.stdout + r.stderr).match(/v\d+\.\d+\.\d+/)?.[0] ?? 'unknown';
}

const fmt = (x: number | null, digits = 2): string => (x == null ? '–' : x.toFixed(digits));
const ratio = (a: number | null, b: number | null): number | null => (a == null || b == null || b === 0 ? null : a / b);

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const left = new Set([0, 3]); // input and tool names; numbers right-aligned
  const line = (r: string[]): string => r.map((cell, c) => (left.has(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

export async function main(args: string[]): Promise<number> {
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const repeats = Number(opt('--repeats') ?? 3);
  const only = opt('--inputs') ? new Set(opt('--inputs')!.split(',')) : null;
  const keep = args.includes('--keep');
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats must be a positive integer');

  if (!existsSync(CLI)) console.error(`!! ${relative(ROOT, CLI)} does not exist (voxa CLI not written yet?): voxa runs will fail`);
  const dcmVersion = dcm2niixVersion();
  const pigz = spawnSync('sh', ['-c', 'command -v pigz']).status === 0;
  const tools = [VOXA, VOXA_NII, ...(dcmVersion ? DCM2NIIX : [])];
  console.log(`# Ingest benchmark — goal: ${GOAL}`);
  console.log(`node ${process.version}, ${cpus().length} CPUs; dcm2niix ${dcmVersion ?? 'NOT INSTALLED (apt-get install dcm2niix): voxa only'}` +
    (dcmVersion ? ` (gzip: ${pigz ? 'pigz' : 'internal zlib, no pigz'})` : ''));
  console.log(`wall: spawn to exit, median of ${repeats} after 1 warm-up; peak RSS: ${rssMethod}`);
  if (!hasGnuTime) console.warn('!! /usr/bin/time not found: peak RSS is NOT measured (wall time only)');

  const work = mkdtempSync(join(tmpdir(), 'voxa-bench-ingest-'));
  let failures = 0;
  const results: { input: Input; tools: ToolResult[] }[] = [];
  let startup: Measurement | null = null;
  try {
    const inputs = await prepareInputs(work, only);
    startup = await measure(process.execPath, ['-e', '0'], { cwd: ROOT });
    console.log(`(for scale: \`node\` start-up alone takes ${fmt(startup.wallS)} s, ${fmt(startup.peakRssMB, 0)} MB)\n`);

    for (const input of inputs) {
      console.log(`${input.name}: ${input.files} files, ${(input.bytes / 2 ** 20).toFixed(1)} MB (${input.source})`);
      let n = 0;
      const runOnce = async (tool: Tool): Promise<{ m: Measurement; outputs: string[] }> => {
        const out = join(work, 'out', `${n++}`);
        mkdirSync(out, { recursive: true });
        const m = await measure(tool.cmd, tool.args(input.dir, out), { cwd: ROOT });
        const outputs = walkFiles(out).map((f) => `${relative(out, f)} (${(statSync(f).size / 2 ** 20).toFixed(1)} MB)`);
        rmSync(out, { recursive: true, force: true });
        return { m, outputs };
      };

      const rs: ToolResult[] = [];
      for (const tool of tools) {
        const command = `${tool.cmd === process.execPath ? 'node' : tool.cmd} ${tool.args('<in>', '<out>').join(' ')}`;
        const { m, outputs } = await runOnce(tool); // warm-up
        const r: ToolResult = { tool: tool.name, command, ok: m.ok, outputs, runs: [], medianWallS: null, medianPeakRssMB: null };
        if (!m.ok) {
          r.error = fail(tool.name, m);
          failures++;
          console.error(`!! ${input.name}: ${r.error}`);
        } else {
          console.log(`   ${tool.name.padEnd(13)} → ${outputs.join(', ') || 'NO OUTPUT FILES'}`);
        }
        rs.push(r);
      }
      for (let i = 0; i < repeats; i++) {
        for (const [t, tool] of tools.entries()) {
          if (!rs[t].ok) continue;
          const { m } = await runOnce(tool);
          if (!m.ok) {
            rs[t].ok = false;
            rs[t].error = fail(tool.name, m);
            failures++;
            console.error(`!! ${input.name}: ${rs[t].error}`);
            continue;
          }
          rs[t].runs.push({ wallS: m.wallS, peakRssMB: m.peakRssMB });
        }
      }
      for (const r of rs) {
        if (!r.ok) continue;
        r.medianWallS = median(r.runs.map((x) => x.wallS));
        const rss = r.runs.map((x) => x.peakRssMB).filter((x): x is number => x != null);
        r.medianPeakRssMB = rss.length ? median(rss) : null;
      }
      results.push({ input, tools: rs });
    }
  } finally {
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  // Table: the ratio columns on a dcm2niix row are voxa ÷ that row.
  console.log(`\n## ${GOAL}  (ratios on dcm2niix rows = voxa ÷ that row; ≤ 1.00 meets the goal)\n`);
  const rows = [['input', 'files', 'MB', 'tool', 'wall s', 'peak RSS MB', 'time voxa/dcm2niix', 'mem voxa/dcm2niix']];
  const summary: { input: string; versus: string; timeRatio: number | null; memRatio: number | null }[] = [];
  for (const { input, tools: rs } of results) {
    for (const r of rs) {
      const isRef = r.tool in PAIR;
      const voxa = rs.find((x) => x.tool === PAIR[r.tool]) ?? rs[0];
      const t = isRef ? ratio(voxa.medianWallS, r.medianWallS) : null;
      const mem = isRef ? ratio(voxa.medianPeakRssMB, r.medianPeakRssMB) : null;
      rows.push([
        input.name, String(input.files), (input.bytes / 2 ** 20).toFixed(1), r.tool,
        r.ok ? fmt(r.medianWallS) : 'FAILED', r.ok ? fmt(r.medianPeakRssMB, 0) : 'FAILED',
        isRef ? fmt(t) : '', isRef ? fmt(mem) : '',
      ]);
      if (isRef) summary.push({ input: input.name, versus: r.tool, timeRatio: t, memRatio: mem });
    }
  }
  printTable(rows);
  console.log();
  for (const s of summary) {
    const verdict = s.timeRatio == null ? 'no figure (a tool failed)' : s.timeRatio <= 1 ? 'goal met' : 'goal NOT met';
    console.log(`${s.input}: ${PAIR[s.versus]} vs ${s.versus}: time ×${fmt(s.timeRatio)}, memory ×${fmt(s.memRatio)} → ${verdict}`);
  }
  if (results.some(({ tools: rs }) => !rs[0].ok)) console.log(`!! voxa convert failed on some inputs (errors above): no ratio for them`);

  const json = {
    benchmark: 'ingest',
    goal: GOAL,
    date: new Date().toISOString(),
    host: { node: process.version, cpus: cpus().length, dcm2niix: dcmVersion, dcm2niixGzip: pigz ? 'pigz' : 'internal' },
    method: { warmup: 1, repeats, statistic: 'median', wall: 'spawn to exit', peakRss: rssMethod },
    nodeStartup: startup && { wallS: startup.wallS, peakRssMB: startup.peakRssMB },
    inputs: results.map(({ input, tools: rs }) => ({
      name: input.name, source: input.source, files: input.files, bytes: input.bytes,
      results: rs,
    })),
    ratios: summary,
  };
  const jsonPath = join(ROOT, '.bench', 'ingest.json');
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify(json, null, 2) + '\n');
  console.log(`\nresults: ${relative(ROOT, jsonPath)}`);
  return failures ? 1 : 0;
}
