import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import {
  bestOverallResponse, ERROR_MESSAGES, evaluateChoi, evaluateIrecist, evaluateLuganoCt, evaluateMrecist, evaluatePercist, evaluateRano,
  evaluateRecist11, evaluateVolumetric, evaluateWho, isVoxaError, renderResponseReportHtml, responseReportCsv, VoxaError, writeMeasurementReport,
  type RecistCategory, type ReportPatient, type ResponseEvaluation, type ResponseInput, type ResponseReport,
} from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import cliPackage from '../../package.json' with { type: 'json' };
import { parse, UsageError } from '../args.ts';
import { measurementReportFromTracking } from '../measurementReportFromTracking.ts';
import { CHROMIUM, launchChromium } from '../render/launchChromium.ts';

/** The criteria `voxa report` evaluates, by the name its JSON and `--criterion` use. */
const CRITERIA = {
  recist: { name: 'RECIST 1.1', evaluate: evaluateRecist11, recistFamily: true },
  irecist: { name: 'iRECIST', evaluate: evaluateIrecist, recistFamily: false },
  mrecist: { name: 'mRECIST', evaluate: evaluateMrecist, recistFamily: true },
  who: { name: 'WHO', evaluate: evaluateWho, recistFamily: true },
  choi: { name: 'Choi', evaluate: evaluateChoi, recistFamily: true },
  rano: { name: 'RANO', evaluate: evaluateRano, recistFamily: true },
  percist: { name: 'PERCIST 1.0', evaluate: evaluatePercist, recistFamily: false },
  lugano: { name: 'Lugano (CT)', evaluate: evaluateLuganoCt, recistFamily: true },
  volumetric: { name: 'volumetric', evaluate: evaluateVolumetric, recistFamily: true },
} as const;

type CriterionName = keyof typeof CRITERIA;
const CRITERION_NAMES = Object.keys(CRITERIA) as CriterionName[];
const FORMATS = ['.html', '.pdf', '.csv', '.dcm'];

export const REPORT_HELP = `voxa report <response.json> -o <report.html|report.pdf|report.csv|report.dcm> [options]
  A tumour-response report: the criterion is evaluated on the measurements, then written as one
  self-contained HTML page (inline charts, A4 print layout), a PDF of that page (printed by
  headless chromium, Debian's ${CHROMIUM}), CSV (one row per lesion per time point), or a DICOM SR
  (TID 1500 Measurement Report of \`voxa track\`'s measurements on DICOM series, UNVERIFIED).
  <response.json>   {"patient": {"name": "…", "id": "…"}, "criterion": "recist", "input": ResponseInput}
                    input: {"timePoints": [{"dateIso": "2024-01-01"}, …], "lesions": [{"id", "organ",
                    "kind": "target"|"non-target"|"new", "isLymphNode"?, "observations": [{…} | null, …]}]}
  -o <file>         the report, .html, .pdf, .csv or .dcm (written atomically)
  --criterion C     ${CRITERION_NAMES.join(', ')}
                    (default: the JSON's "criterion", else recist)
  --quiet           print nothing but errors`;

/** `voxa report`: response measurements (JSON) → evaluated report as HTML, PDF or CSV. Returns the exit code. */
export async function report(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string', short: 'o' }, criterion: { type: 'string' }, quiet: { type: 'boolean' } }, 1);
  if (positionals.length > 1) throw new UsageError(`report takes one response.json, got ${positionals.length}: ${positionals.join(' ')}`);
  const out = values.out;
  if (!out) throw new UsageError('report needs an output file: -o <report.html|report.pdf|report.csv|report.dcm>');
  const format = extname(out).toLowerCase();
  if (!FORMATS.includes(format)) throw new UsageError(`-o ${out}: the output must be a ${FORMATS.join(', ')} file`);
  if (values.criterion !== undefined && !isCriterion(values.criterion)) throw new UsageError(`--criterion ${values.criterion}: expected one of ${CRITERION_NAMES.join(', ')}`);
  const file = positionals[0];
  const json = await readResponseJson(file);
  const criterion = (values.criterion as CriterionName | undefined) ?? json.criterion;
  const built = buildReport(file, json.patient, criterion, json.input);
  if (format === '.pdf' && !existsSync(CHROMIUM)) {
    console.error(`voxa report: a PDF needs chromium (apt-get install chromium): ${CHROMIUM} is missing; -o report.html prints from any browser`);
    return 1;
  }
  let data: Uint8Array | string;
  if (format === '.dcm') data = writeMeasurementReport(measurementReportFromTracking(file, json.document, cliPackage.version));
  else if (format === '.csv') data = responseReportCsv(built);
  else if (format === '.html') data = renderResponseReportHtml(built);
  else data = await printPdf(renderResponseReportHtml(built));
  await mkdir(dirname(out), { recursive: true });
  await writeFileAtomic(out, data);
  if (!values.quiet) {
    const last = built.evaluation.timePoints.at(-1);
    const bor = built.bestOverallResponse ? `, best overall response ${built.bestOverallResponse.category}` : '';
    console.log(`${file}: ${CRITERIA[criterion].name}, ${built.input.timePoints.length} time point(s)${last ? `, last ${last.dateIso} ${last.category}` : ''}${bor} → ${out}`);
  }
  return 0;
}

function isCriterion(s: unknown): s is CriterionName {
  return typeof s === 'string' && Object.hasOwn(CRITERIA, s);
}

/** The evaluated report; the engine's input errors name the file. */
function buildReport(file: string, patient: ReportPatient, criterion: CriterionName, input: ResponseInput): ResponseReport {
  const { name, evaluate, recistFamily } = CRITERIA[criterion];
  let evaluation: ResponseEvaluation<string>;
  try {
    evaluation = evaluate(input);
  } catch (e) {
    if (!isVoxaError(e)) throw e;
    const detail = e.message.startsWith(`${ERROR_MESSAGES[e.code]}: `) ? e.message.slice(ERROR_MESSAGES[e.code].length + 2) : e.message;
    throw new VoxaError(e.code, { file }, `input: ${detail}`, { cause: e });
  }
  const best = recistFamily ? bestOverallResponse(evaluation as ResponseEvaluation<RecistCategory>) : undefined;
  return {
    patient, criterion: name, input, evaluation, ...(best ? { bestOverallResponse: best } : {}),
    generatedAtIso: new Date().toISOString(), softwareVersion: `Voxa ${cliPackage.version} (voxa report)`,
  };
}

/** Print the page to an A4 PDF in headless chromium (the launcher `voxa render` uses). */
async function printPdf(html: string): Promise<Uint8Array> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}

interface ResponseJson {
  patient: ReportPatient;
  criterion: CriterionName;
  input: ResponseInput;
  /** The whole file as read (a DICOM SR also takes `voxa track`'s measurements and sources from it). */
  document: Parameters<typeof measurementReportFromTracking>[1];
}

const LESION_KINDS = ['target', 'non-target', 'new'];
const OBSERVATION_NUMBERS = ['longAxisMm', 'shortAxisMm', 'viableLongAxisMm', 'volumeMm3', 'meanHu', 'sulPeak', 'suvMax'];

/** Reads and checks the JSON's shape; a problem is exit 1 naming the file and the field. */
async function readResponseJson(file: string): Promise<ResponseJson> {
  const bad = (field: string, expected: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, `${field}: expected ${expected}`);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, `not valid JSON: ${e.message}`);
    throw e;
  }
  if (!isObject(doc)) throw bad('the document', 'a JSON object {patient, criterion?, input}');
  const patient = doc.patient ?? {};
  if (!isObject(patient)) throw bad('patient', 'an object {name?, id?}');
  for (const k of ['name', 'id'] as const) if (patient[k] !== undefined && typeof patient[k] !== 'string') throw bad(`patient.${k}`, 'a string');
  const criterion = doc.criterion ?? 'recist';
  if (!isCriterion(criterion)) throw bad('criterion', `one of ${CRITERION_NAMES.join(', ')}, got ${JSON.stringify(criterion)}`);
  const input = doc.input;
  if (!isObject(input)) throw bad('input', 'an object {timePoints, lesions} (a ResponseInput)');
  if (!Array.isArray(input.timePoints) || input.timePoints.length === 0) throw bad('input.timePoints', 'a non-empty array, baseline first');
  input.timePoints.forEach((tp, i) => {
    if (!isObject(tp) || typeof tp.dateIso !== 'string') throw bad(`input.timePoints[${i}].dateIso`, 'an ISO 8601 date string like "2024-03-01"');
  });
  if (!Array.isArray(input.lesions)) throw bad('input.lesions', 'an array');
  input.lesions.forEach((l, i) => {
    const at = `input.lesions[${i}]`;
    if (!isObject(l)) throw bad(at, 'an object {id, organ, kind, observations}');
    if (typeof l.id !== 'string' || l.id === '') throw bad(`${at}.id`, 'a non-empty string');
    if (typeof l.organ !== 'string') throw bad(`${at}.organ`, 'a string');
    if (!LESION_KINDS.includes(l.kind as string)) throw bad(`${at}.kind`, `one of ${LESION_KINDS.join(', ')}, got ${JSON.stringify(l.kind)}`);
    if (!Array.isArray(l.observations)) throw bad(`${at}.observations`, 'an array with one entry (object or null) per time point');
    l.observations.forEach((o, t) => {
      if (o === null) return;
      if (!isObject(o)) throw bad(`${at}.observations[${t}]`, 'an object or null');
      for (const k of OBSERVATION_NUMBERS) {
        if (o[k] !== undefined && (typeof o[k] !== 'number' || !Number.isFinite(o[k]))) throw bad(`${at}.observations[${t}].${k}`, `a number, got ${JSON.stringify(o[k])}`);
      }
    });
  });
  return { patient: { name: patient.name as string | undefined, id: patient.id as string | undefined }, criterion, input: input as unknown as ResponseInput, document: doc as ResponseJson['document'] };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
