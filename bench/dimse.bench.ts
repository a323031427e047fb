// DIMSE benchmark: Voxa's DIMSE services (the bundled CLI's `voxa serve`) against Orthanc's, both
// on loopback, on their default SQLite stores, in the same run, driven by the same dcmtk tools.
//
//   npm run bench -- dimse [--runs R] [--keep]
//
// Data: the phantom (`voxa phantom --size small --time-points 3`: 450 CT instances, 3 studies).
// Per server, in turn:
//   C-STORE  storescu -xe of every file in one association: wall time → instances/s, MB/s; the
//            server must then hold every instance (C-FIND at image level counts them).
//   C-FIND   findscu, study level by Patient ID: median of R runs (process start-up included, the
//            same for both).
//   C-GET    getscu of one study (150 instances) into a folder: median of R runs.
//   C-MOVE   movescu of that study to a dcmtk storescp: median of R runs.
// Every retrieve must bring every instance. Results: a table and .bench/dimse.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DCMTK_TOOLS, freePort, missingPeers, orthancVersion, runTool, startOrthanc, startStorescp } from '../packages/server/test/util/peers.ts';
import { median } from './util/measure.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = resolve(ROOT, process.env.VOXA_CLI ?? 'packages/cli/dist/voxa.mjs');
const MB = 2 ** 20;

interface Target {
  name: string;
  version: string;
  aeTitle: string;
  port: number;
  stop(): Promise<void>;
}

interface Result {
  server: string;
  version: string;
  store?: { wallS: number; instancesPerS: number; mbPerS: number };
  findS?: number;
  getS?: number;
  moveS?: number;
  errors: string[];
}

/** `voxa serve --dimse-port P --no-demo`, ready once its DIMSE line is printed. */
async function startVoxaDimse(dir: string, storescpPort: number): Promise<Target> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--dimse-port', String(port), '--peer', `STORESCP@127.0.0.1:${storescpPort}`, '--no-demo', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => void (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => void (out += b.toString()));
  const deadline = Date.now() + 30_000;
  while (!out.includes('Voxa DIMSE as VOXA')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`voxa serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name: 'Voxa', version: 'bundled CLI', aeTitle: 'VOXA', port,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function timed(what: string, tool: string, args: string[], errors: string[]): Promise<number> {
  const t0 = performance.now();
  const run = await runTool(tool, args, 600_000);
  const s = (performance.now() - t0) / 1000;
  if (run.status !== 0 || /\bE: /.test(run.output)) errors.push(`${what}: ${tool} exited ${run.status}: ${run.output.trim().split('\n').slice(-3).join(' | ')}`);
  return s;
}

function fmt(x: number | undefined, digits = 1): string {
  return x == null || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

export async function main(args: string[]): Promise<number> {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const keep = args.includes('--keep');
  const missing = missingPeers(DCMTK_TOOLS);
  const orthanc = orthancVersion();
  console.log(`# DIMSE benchmark — Voxa vs Orthanc ${orthanc ?? 'NOT INSTALLED'}, driven by dcmtk; node ${process.version}, ${cpus().length} CPUs`);
  if (missing.length || !orthanc) {
    console.error(`!! needs dcmtk (${missing.join(', ') || 'ok'}) and Orthanc: apt-get install -y dcmtk orthanc orthanc-dicomweb`);
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'voxa-bench-dimse-'));
  const results: Result[] = [];
  const stops: Array<() => Promise<void>> = [];
  try {
    const phantom = join(work, 'phantom');
    const made = await runTool(process.execPath, [CLI, 'phantom', '-o', phantom, '--size', 'small', '--time-points', '3', '--no-pet']);
    if (made.status !== 0) throw new Error(`voxa phantom failed: ${made.output}`);
    const files = readdirSync(join(phantom, 'dicom'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.dcm')).map((e) => join(e.parentPath, e.name)).sort();
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    const studyDirs = readdirSync(join(phantom, 'dicom')).sort();
    console.log(`data: ${files.length} CT instances, ${(bytes / MB).toFixed(1)} MB, ${studyDirs.length} studies; ${runs} runs per retrieve\n`);

    const storescp = await startStorescp(join(work, 'storescp'), 'STORESCP');
    stops.push(storescp.stop);
    const voxa = await startVoxaDimse(join(work, 'voxa'), storescp.port);
    stops.push(voxa.stop);
    const o = await startOrthanc(join(work, 'orthanc'), { modalities: { storescp: ['STORESCP', '127.0.0.1', storescp.port] } });
    stops.push(o.stop);
    const targets: Target[] = [voxa, { name: 'Orthanc', version: o.version, aeTitle: o.aeTitle, port: o.dicomPort, stop: o.stop }];

    // The study to retrieve and the patient to find, read from the first file.
    const first = await runTool('dcmdump', ['+P', '0020,000d', '+P', '0010,0020', files[0]]);
    const study = /\(0020,000d\) UI \[([^\]]+)\]/.exec(first.output)?.[1] ?? '';
    const patient = /\(0010,0020\) LO \[([^\]]*)\]/.exec(first.output)?.[1]?.trim() ?? '';
    const perStudy = files.filter((f) => f.includes(studyDirs[0])).length;

    for (const t of targets) {
      const r: Result = { server: t.name, version: t.version, errors: [] };
      results.push(r);
      const peer = ['-aec', t.aeTitle, '127.0.0.1', String(t.port)];
      process.stdout.write(`${t.name}: C-STORE… `);
      const storeS = await timed('C-STORE', 'storescu', ['-xe', ...peer, ...files], r.errors);
      r.store = { wallS: storeS, instancesPerS: files.length / storeS, mbPerS: bytes / MB / storeS };
      const count = await runTool('findscu', ['-S', '-k', 'QueryRetrieveLevel=STUDY', '-k', 'NumberOfStudyRelatedInstances', '-k', 'StudyInstanceUID', ...peer]);
      const held = [...count.output.matchAll(/\(0020,1208\) IS \[(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
      if (held !== files.length) r.errors.push(`after C-STORE the server holds ${held} of ${files.length} instances`);
      process.stdout.write('C-FIND… ');
      const finds: number[] = [];
      for (let i = 0; i < runs; i++) finds.push(await timed('C-FIND', 'findscu', ['-S', '-k', 'QueryRetrieveLevel=STUDY', '-k', `PatientID=${patient}`, '-k', 'StudyInstanceUID', ...peer], r.errors));
      r.findS = median(finds);
      process.stdout.write('C-GET… ');
      const gets: number[] = [];
      for (let i = 0; i < runs; i++) {
        const out = mkdtempSync(join(work, `get-${t.name}-`));
        gets.push(await timed('C-GET', 'getscu', ['-S', '-od', out, '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${study}`, ...peer], r.errors));
        const got = readdirSync(out).length;
        if (got !== perStudy) r.errors.push(`C-GET brought ${got} of ${perStudy} instances`);
        rmSync(out, { recursive: true, force: true });
      }
      r.getS = median(gets);
      process.stdout.write('C-MOVE… ');
      const moves: number[] = [];
      for (let i = 0; i < runs; i++) {
        rmSync(join(work, 'storescp'), { recursive: true, force: true });
        mkdirSync(join(work, 'storescp'));
        moves.push(await timed('C-MOVE', 'movescu', ['-S', '-aem', 'STORESCP', '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${study}`, ...peer], r.errors));
        const got = readdirSync(join(work, 'storescp')).length;
        if (got !== perStudy) r.errors.push(`C-MOVE delivered ${got} of ${perStudy} instances`);
      }
      r.moveS = median(moves);
      console.log(r.errors.length ? 'errors' : 'ok');
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  const [v, o] = [results.find((r) => r.server === 'Voxa'), results.find((r) => r.server === 'Orthanc')];
  const ratio = (a?: number, b?: number) => (a && b ? a / b : undefined);
  const rows = [
    ['metric', 'Voxa', 'Orthanc', 'ratio', 'better'],
    ['C-STORE instances/s', fmt(v?.store?.instancesPerS), fmt(o?.store?.instancesPerS), fmt(ratio(v?.store?.instancesPerS, o?.store?.instancesPerS), 2), 'Voxa/Orthanc, higher'],
    ['C-STORE MB/s', fmt(v?.store?.mbPerS), fmt(o?.store?.mbPerS), fmt(ratio(v?.store?.mbPerS, o?.store?.mbPerS), 2), 'Voxa/Orthanc, higher'],
    ['C-FIND s (findscu run)', fmt(v?.findS, 3), fmt(o?.findS, 3), fmt(ratio(v?.findS, o?.findS), 2), 'Voxa/Orthanc, lower'],
    ['C-GET study s', fmt(v?.getS, 2), fmt(o?.getS, 2), fmt(ratio(v?.getS, o?.getS), 2), 'Voxa/Orthanc, lower'],
    ['C-MOVE study s', fmt(v?.moveS, 2), fmt(o?.moveS, 2), fmt(ratio(v?.moveS, o?.moveS), 2), 'Voxa/Orthanc, lower'],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log();
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  for (const r of results) for (const e of r.errors) console.error(`!! ${r.server}: ${e}`);
  const jsonPath = join(ROOT, '.bench', 'dimse.json');
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify({ benchmark: 'dimse', date: new Date().toISOString(), host: { node: process.version, cpus: cpus().length }, runs, results }, null, 2) + '\n');
  console.log(`\nresults: ${relative(ROOT, jsonPath)}`);
  return results.some((r) => r.errors.length) ? 1 : 0;
}
