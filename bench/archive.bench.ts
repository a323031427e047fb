// Archive benchmark: Voxa's DICOMweb server against Orthanc + its DICOMweb plugin (Debian packages),
// both on loopback, on their default SQLite stores, in the same run, on the same instances.
//
//   npm run bench -- archive [--batch N] [--concurrency C] [--queries Q] [--wado-runs R]
//                            [--orthanc-first] [--keep]
//
// Data: the phantom (`voxa phantom --size small --time-points 3`, seeds 1 and 2: two patients,
// 6 studies, 900 CT instances), all read into memory and packed into STOW bodies before timing.
// Per server, in turn (Voxa first; --orthanc-first swaps, to check for order effects):
//   STOW-RS  all instances, N per request (default 10), C requests in flight (default 4): wall time
//            of the whole upload → instances/s and MB/s; every response must be 200 with no failed
//            SOP, and QIDO must then find every instance.
//   QIDO-RS  Q (default 1000) queries, one at a time, after 20 unmeasured: PatientID, StudyDate range,
//            a study's series, a series' instances (the same list for both); every answer's count is
//            checked → latency p50/p95/mean.
//   WADO-RS  the first study, whole (multipart, transfer-syntax=*): median of R runs (default 3);
//            the body must hold every instance and be at least the sum of their file sizes.
// Results: a table on stdout and .bench/archive.json. Exit 1 if a server failed to start or an
// answer was wrong.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDicomKeys, type DicomKeys } from './util/dicomKeys.ts';
import { jsonValue, qido, stow, stowRequest, wado, type StowRequest } from './util/dicomweb.ts';
import { measure, median } from './util/measure.ts';
import { ORTHANC_INSTALL, orthancVersion, startOrthanc, startVoxa, type RunningServer } from './util/servers.ts';

const GOAL_STOW = 'STOW throughput ≥ 2× Orthanc\'s';
const GOAL_QIDO = 'QIDO p95 ≤ Orthanc\'s';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = resolve(ROOT, process.env.VOXA_CLI ?? 'packages/cli/dist/voxa.mjs');
const SEEDS = [1, 2];
const QIDO_WARMUP = 20;

interface Instance extends DicomKeys {
  bytes: Uint8Array;
}

interface Query {
  kind: string;
  path: string;
  expect: number;
}

interface ServerResult {
  server: string;
  version: string;
  stow?: { wallS: number; instancesPerS: number; mbPerS: number; requests: number };
  qido?: { count: number; p50Ms: number; p95Ms: number; meanMs: number; byKind: Record<string, { p50Ms: number; p95Ms: number }> };
  wado?: { study: string; instances: number; runsS: number[]; medianS: number; bytes: number; mbPerS: number };
  errors: string[];
}

const MB = 2 ** 20;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function loadInstances(work: string): Promise<Instance[]> {
  const instances: Instance[] = [];
  for (const seed of SEEDS) {
    const out = join(work, `phantom-${seed}`);
    const m = await measure(process.execPath, [CLI, 'phantom', '-o', out, '--size', 'small', '--time-points', '3', '--seed', String(seed), '--no-pet'], { cwd: ROOT });
    if (!m.ok) throw new Error(`voxa phantom --seed ${seed} exited ${m.exitCode}:\n${m.output}`);
    const files = readdirSync(join(out, 'dicom'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.dcm'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    for (const f of files) {
      const bytes = readFileSync(f);
      instances.push({ ...readDicomKeys(bytes, relative(work, f)), bytes });
    }
  }
  if (new Set(instances.map((i) => i.sopUid)).size !== instances.length) throw new Error('phantom seeds share SOP Instance UIDs');
  return instances;
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

/** The same query list for both servers, each with the number of results it must give. */
function buildQueries(instances: Instance[], count: number): Query[] {
  const studies = [...groupBy(instances, (i) => i.studyUid).values()].map((xs) => xs[0]);
  const series = [...groupBy(instances, (i) => i.seriesUid).entries()];
  const patients = [...groupBy(studies, (s) => s.patientId).entries()];
  const in2024 = studies.filter((s) => s.studyDate >= '20240101' && s.studyDate <= '20241231').length;
  const queries: Query[] = [];
  for (let i = 0; queries.length < count; i++) {
    const [pid, pStudies] = patients[i % patients.length];
    const [seriesUid, sInstances] = series[i % series.length];
    const study = studies[i % studies.length];
    const q: Query[] = [
      { kind: 'studies?PatientID', path: `/studies?PatientID=${encodeURIComponent(pid)}`, expect: pStudies.length },
      { kind: 'studies?StudyDate', path: '/studies?StudyDate=20240101-20241231', expect: in2024 },
      { kind: 'study/series', path: `/studies/${study.studyUid}/series`, expect: series.filter(([, xs]) => xs[0].studyUid === study.studyUid).length },
      { kind: 'series/instances', path: `/studies/${sInstances[0].studyUid}/series/${seriesUid}/instances`, expect: sInstances.length },
    ];
    queries.push(q[i % q.length]);
  }
  return queries;
}

async function runStow(s: RunningServer, requests: StowRequest[], concurrency: number, totalBytes: number, errors: string[]): Promise<ServerResult['stow']> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests.length) {
      const req = requests[next++];
      const r = await stow(s.base, req);
      if (r.status !== 200 || r.failed > 0) errors.push(`STOW: HTTP ${r.status}, ${r.failed} failed, ${r.stored}/${req.instances} referenced`);
    }
  }));
  const wallS = (performance.now() - t0) / 1000;
  const instances = requests.reduce((n, r) => n + r.instances, 0);
  return { wallS, instancesPerS: instances / wallS, mbPerS: totalBytes / MB / wallS, requests: requests.length };
}

/** Every instance must be findable: per study, QIDO its instances and compare the SOP UIDs. */
async function verifyStored(s: RunningServer, instances: Instance[], errors: string[]): Promise<void> {
  for (const [study, xs] of groupBy(instances, (i) => i.studyUid)) {
    const found = new Set((await qido(`${s.base}/studies/${study}/instances`)).map((o) => jsonValue(o, '00080018')));
    const missing = xs.filter((x) => !found.has(x.sopUid)).length;
    if (missing || found.size !== xs.length) errors.push(`after STOW, study ${study}: QIDO finds ${found.size} instances, ${missing} of ${xs.length} missing`);
  }
}

async function runQido(s: RunningServer, queries: Query[], errors: string[]): Promise<ServerResult['qido']> {
  for (const q of queries.slice(0, QIDO_WARMUP)) await qido(s.base + q.path);
  const ms: number[] = [];
  const byKind = new Map<string, number[]>();
  let wrong = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const rows = await qido(s.base + q.path);
    const dt = performance.now() - t0;
    ms.push(dt);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), dt]);
    if (rows.length !== q.expect && wrong++ < 5) errors.push(`QIDO ${q.path}: ${rows.length} results, expected ${q.expect}`);
  }
  if (wrong > 5) errors.push(`QIDO: ${wrong} wrong answers in all`);
  return {
    count: ms.length, p50Ms: median(ms), p95Ms: percentile(ms, 95), meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    byKind: Object.fromEntries([...byKind].map(([k, xs]) => [k, { p50Ms: median(xs), p95Ms: percentile(xs, 95) }])),
  };
}

async function runWado(s: RunningServer, study: Instance[], runs: number, errors: string[]): Promise<ServerResult['wado']> {
  const url = `${s.base}/studies/${study[0].studyUid}`;
  const minBytes = study.reduce((n, i) => n + i.bytes.length, 0);
  const runsS: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await wado(url);
    runsS.push((performance.now() - t0) / 1000);
    bytes = r.bytes;
    if (r.status !== 200 || r.parts !== study.length || r.bytes < minBytes) {
      errors.push(`WADO ${url}: HTTP ${r.status} (${r.contentType}), ${r.parts}/${study.length} parts, ${r.bytes} bytes (files: ${minBytes})`);
      break;
    }
  }
  const medianS = median(runsS);
  return { study: study[0].studyUid, instances: study.length, runsS, medianS, bytes, mbPerS: bytes / MB / medianS };
}

const fmt = (x: number | undefined, digits = 1): string => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a == null || b == null || b === 0 ? undefined : a / b);

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

export async function main(args: string[]): Promise<number> {
  const opt = (name: string, dflt: number): number => {
    const i = args.indexOf(name);
    const v = i >= 0 ? Number(args[i + 1]) : dflt;
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
    return v;
  };
  const batch = opt('--batch', 10);
  const concurrency = opt('--concurrency', 4);
  const queryCount = opt('--queries', 1000);
  const wadoRuns = opt('--wado-runs', 3);
  const keep = args.includes('--keep');
  const orthancFirst = args.includes('--orthanc-first');

  console.log(`# Archive benchmark — goals: ${GOAL_STOW}; ${GOAL_QIDO}`);
  const orthanc = orthancVersion();
  console.log(`node ${process.version}, ${cpus().length} CPUs; Orthanc ${orthanc.version ?? 'NOT INSTALLED'}`);
  if (orthanc.missing) {
    console.error(`!! ${orthanc.missing}: install Orthanc and its DICOMweb plugin (Debian/Ubuntu):\n   ${ORTHANC_INSTALL}`);
    return 1;
  }

  const work = mkdtempSync(join(tmpdir(), 'voxa-bench-archive-'));
  const servers: RunningServer[] = [];
  const results: ServerResult[] = [];
  let instances: Instance[] = [];
  let failed = false;
  try {
    try {
      instances = await loadInstances(work);
    } catch (e) {
      console.error(`!! could not prepare the data: ${(e as Error).message}`);
      return 1;
    }
    const totalBytes = instances.reduce((n, i) => n + i.bytes.length, 0);
    const studies = groupBy(instances, (i) => i.studyUid);
    console.log(`data: ${instances.length} CT instances, ${(totalBytes / MB).toFixed(1)} MB, ${studies.size} studies, ` +
      `${new Set(instances.map((i) => i.patientId)).size} patients (voxa phantom --size small --time-points 3 --seed ${SEEDS.join('|')})`);
    console.log(`STOW: ${batch} instances per request, ${concurrency} in flight; QIDO: ${queryCount} queries, sequential, after ${QIDO_WARMUP} unmeasured; ` +
      `WADO: one study, median of ${wadoRuns}\n`);

    const requests: StowRequest[] = [];
    for (let i = 0; i < instances.length; i += batch) requests.push(stowRequest(instances.slice(i, i + batch).map((x) => x.bytes)));
    const queries = buildQueries(instances, queryCount);
    const wadoStudy = [...studies.values()][0];

    try {
      servers.push(await startVoxa(CLI, join(work, 'voxa')));
      servers.push(await startOrthanc(join(work, 'orthanc')));
    } catch (e) {
      console.error(`!! a server failed to start: ${(e as Error).message}`);
      return 1;
    }
    if (orthancFirst) servers.reverse();
    for (const s of servers) console.log(`${s.name} ${s.version} at ${s.base}`);

    for (const s of servers) results.push({ server: s.name, version: s.version, errors: [] });
    const phases: [string, (s: RunningServer, r: ServerResult) => Promise<void>][] = [
      ['STOW', async (s, r) => {
        r.stow = await runStow(s, requests, concurrency, totalBytes, r.errors);
        await verifyStored(s, instances, r.errors);
      }],
      ['QIDO', async (s, r) => void (r.qido = await runQido(s, queries, r.errors))],
      ['WADO', async (s, r) => void (r.wado = await runWado(s, wadoStudy, wadoRuns, r.errors))],
    ];
    for (const [phase, run] of phases) {
      for (const [i, s] of servers.entries()) {
        process.stdout.write(`${phase} ${s.name}… `);
        try {
          await run(s, results[i]);
        } catch (e) {
          results[i].errors.push(`${phase}: ${(e as Error).message}`);
        }
        console.log(results[i].errors.length ? 'errors' : 'ok');
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  const v = results.find((r) => r.server === 'Voxa') ?? { server: 'Voxa', version: '', errors: [] };
  const o = results.find((r) => r.server === 'Orthanc') ?? { server: 'Orthanc', version: '', errors: [] };
  const rows = [
    ['metric', 'Voxa', 'Orthanc', 'ratio', 'better'],
    ['STOW instances/s', fmt(v.stow?.instancesPerS), fmt(o.stow?.instancesPerS), fmt(ratio(v.stow?.instancesPerS, o.stow?.instancesPerS), 2), 'Voxa/Orthanc, higher'],
    ['STOW MB/s', fmt(v.stow?.mbPerS), fmt(o.stow?.mbPerS), fmt(ratio(v.stow?.mbPerS, o.stow?.mbPerS), 2), 'Voxa/Orthanc, higher'],
    ['STOW wall s', fmt(v.stow?.wallS, 2), fmt(o.stow?.wallS, 2), fmt(ratio(o.stow?.wallS, v.stow?.wallS), 2), 'Orthanc/Voxa, higher'],
    ['QIDO p50 ms', fmt(v.qido?.p50Ms, 2), fmt(o.qido?.p50Ms, 2), fmt(ratio(v.qido?.p50Ms, o.qido?.p50Ms), 2), 'Voxa/Orthanc, lower'],
    ['QIDO p95 ms', fmt(v.qido?.p95Ms, 2), fmt(o.qido?.p95Ms, 2), fmt(ratio(v.qido?.p95Ms, o.qido?.p95Ms), 2), 'Voxa/Orthanc, lower'],
    ['QIDO mean ms', fmt(v.qido?.meanMs, 2), fmt(o.qido?.meanMs, 2), fmt(ratio(v.qido?.meanMs, o.qido?.meanMs), 2), 'Voxa/Orthanc, lower'],
    ...Object.keys(v.qido?.byKind ?? {}).map((k) => {
      const [a, b] = [v.qido?.byKind[k]?.p95Ms, o.qido?.byKind[k]?.p95Ms];
      return [`  p95 ${k}`, fmt(a, 2), fmt(b, 2), fmt(ratio(a, b), 2), 'Voxa/Orthanc, lower'];
    }),
    [`WADO study (${v.wado?.instances ?? '?'} inst) s`, fmt(v.wado?.medianS, 3), fmt(o.wado?.medianS, 3), fmt(ratio(v.wado?.medianS, o.wado?.medianS), 2), 'Voxa/Orthanc, lower'],
    ['WADO MB/s', fmt(v.wado?.mbPerS), fmt(o.wado?.mbPerS), fmt(ratio(v.wado?.mbPerS, o.wado?.mbPerS), 2), 'Voxa/Orthanc, higher'],
  ];
  console.log();
  printTable(rows);
  console.log();
  const stowRatio = ratio(v.stow?.instancesPerS, o.stow?.instancesPerS);
  const qidoRatio = ratio(v.qido?.p95Ms, o.qido?.p95Ms);
  const verdict = (x: number | undefined, ok: (x: number) => boolean): string => (x == null ? 'no figure' : ok(x) ? 'goal met' : 'goal NOT met');
  console.log(`${GOAL_STOW}: ×${fmt(stowRatio, 2)} → ${verdict(stowRatio, (x) => x >= 2)}`);
  console.log(`${GOAL_QIDO}: ×${fmt(qidoRatio, 2)} → ${verdict(qidoRatio, (x) => x <= 1)}`);
  for (const r of results) for (const e of r.errors) console.error(`!! ${r.server}: ${e}`);
  failed ||= results.some((r) => r.errors.length > 0);

  const json = {
    benchmark: 'archive',
    goals: [GOAL_STOW, GOAL_QIDO],
    date: new Date().toISOString(),
    host: { node: process.version, cpus: cpus().length },
    method: { order: servers.map((s) => s.name), batch, concurrency, queries: queryCount, qidoWarmup: QIDO_WARMUP, wadoRuns, statistic: 'STOW: one run, wall of the whole upload; QIDO: p50/p95/mean; WADO: median' },
    data: { instances: instances.length, bytes: instances.reduce((n, i) => n + i.bytes.length, 0), source: `voxa phantom --size small --time-points 3, seeds ${SEEDS.join(', ')}` },
    results,
    ratios: { stowThroughputVoxaOverOrthanc: stowRatio ?? null, qidoP95VoxaOverOrthanc: qidoRatio ?? null },
  };
  const jsonPath = join(ROOT, '.bench', 'archive.json');
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify(json, null, 2) + '\n');
  console.log(`\nresults: ${relative(ROOT, jsonPath)}`);
  return failed ? 1 : 0;
}
