import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import {
  ASSESSMENT_CRITERIA, cohortReportCsv, cohortRows, ERROR_MESSAGES, evaluateResponse, isVoxaError, renderCohortReportHtml, renderResponseReportHtml,
  responseReportCsv, VoxaError, writeMeasurementReport,
  type AssessmentCriterion, type ReportKeyImage, type ReportPatient, type ResponseInput, type ResponseOutcome, type ResponseReport,
} from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import cliPackage from '../../package.json' with { type: 'json' };
import { parse, UsageError } from '../args.ts';
import { measurementReportFromTracking } from '../measurementReportFromTracking.ts';
import { CHROMIUM, launchChromium } from '../render/launchChromium.ts';
import { reportFromArchive } from './reportFromArchive.ts';

/** A criterion's name as `--criterion` and the JSON's "criterion" give it. */
export type CriterionName = AssessmentCriterion;
const CRITERION_NAMES = [...ASSESSMENT_CRITERIA];
const FORMATS = ['.html', '.pdf', '.csv', '.json', '.dcm'];

export const REPORT_HELP = `voxa report <response.json>… -o <report.html|.pdf|.csv|.json|.dcm> [options]
voxa report <patient-id> (--server URL | --data DIR) [--assessment ID] -o <report.html|.pdf|.csv|.json>
  A tumour-response report: the criterion is evaluated on the measurements, then written as one
  self-contained HTML page (inline charts and key images, A4 print layout), a PDF of that page
  (printed by headless chromium, Debian's ${CHROMIUM}), CSV (one row per lesion per time point),
  JSON (the evaluated ResponseReport: input, every rule that fired, best response), or a DICOM SR
  (TID 1500 Measurement Report of \`voxa track\`'s measurements on DICOM series, UNVERIFIED).
  Several response.json files make a cohort report instead: a waterfall plot of each patient's best
  change of the target sum from baseline and a table per patient, as .html, .pdf, .csv or .json.
  <response.json>   {"patient": {"name": "…", "id": "…"}, "criterion": "recist", "input": ResponseInput,
                    "keyImages"?: [{"lesionId", "timePointIndex", "caption", "file": "x.png" (relative to
                    the JSON) or "png": base64}]} (\`voxa track\` writes one with key images)
                    input: {"timePoints": [{"dateIso": "2024-01-01"}, …], "lesions": [{"id", "organ",
                    "kind": "target"|"non-target"|"new", "isLymphNode"?, "observations": [{…} | null, …]}]}
  -o <file>         the report, .html, .pdf, .csv, .json or .dcm (written atomically); key images are embedded
  --criterion C     ${CRITERION_NAMES.join(', ')}
                    (default: each JSON's "criterion", else recist)
  --server URL      report the patient's response assessment as a running voxa serve holds it
                    (e.g. http://127.0.0.1:8042): its lesion-tagged measurements, evaluated by the
                    assessment's criterion, as the workstation shows them
  --data DIR        the same from an archive folder (e.g. .voxa-data), also while it is served
  --assessment ID   which of the patient's assessments (default: the latest)
  --quiet           print nothing but errors`;

/** `voxa report`: response measurements (JSON) → evaluated report as HTML, PDF, CSV or DICOM SR; several → a cohort report. Returns the exit code. */
export async function report(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' }, criterion: { type: 'string' }, quiet: { type: 'boolean' },
    server: { type: 'string' }, data: { type: 'string' }, assessment: { type: 'string' },
  }, 1);
  const out = values.out;
  if (!out) throw new UsageError('report needs an output file: -o <report.html|.pdf|.csv|.json|.dcm>');
  const format = extname(out).toLowerCase();
  if (!FORMATS.includes(format)) throw new UsageError(`-o ${out}: the output must be a ${FORMATS.join(', ')} file`);
  const cohort = positionals.length > 1;
  if (cohort && format === '.dcm') throw new UsageError(`-o ${out}: a DICOM SR is made from one response.json; a cohort of ${positionals.length} is written as .html, .pdf, .csv or .json`);
  if (values.criterion !== undefined && !isCriterion(values.criterion)) throw new UsageError(`--criterion ${values.criterion}: expected one of ${CRITERION_NAMES.join(', ')}`);
  const archive = values.server !== undefined || values.data !== undefined;
  if (values.server !== undefined && values.data !== undefined) throw new UsageError('give --server or --data, not both');
  if (!archive && values.assessment !== undefined) throw new UsageError('--assessment needs --server URL or --data DIR');
  if (archive && positionals.length !== 1) throw new UsageError(`with --server or --data, report takes one patient id, got ${positionals.length}`);
  if (archive && format === '.dcm') throw new UsageError(`-o ${out}: a signed assessment's DICOM SR is already in the archive (its UID in the signed step): voxa export the study`);
  if (archive && values.criterion !== undefined) throw new UsageError("--criterion: an assessment is read by its own criterion");
  const loaded = archive
    ? [{ file: `patient ${positionals[0]}`, report: await reportFromArchive(positionals[0], values.server !== undefined ? { server: values.server } : { data: values.data! }, values.assessment), document: undefined as never }]
    : await loadResponseReports(positionals, values.criterion as CriterionName | undefined);
  if (format === '.pdf' && !existsSync(CHROMIUM)) {
    console.error(`voxa report: a PDF needs chromium (apt-get install chromium): ${CHROMIUM} is missing; -o report.html prints from any browser`);
    return 1;
  }
  const reports = loaded.map((l) => l.report);
  let data: Uint8Array | string;
  if (format === '.dcm') data = writeMeasurementReport(measurementReportFromTracking(loaded[0].file, loaded[0].document, cliPackage.version));
  else if (format === '.csv') data = cohort ? cohortReportCsv(reports) : responseReportCsv(reports[0]);
  else if (format === '.json') data = `${JSON.stringify(cohort ? reports : reports[0], null, 2)}\n`;
  else {
    const html = cohort ? renderCohortReportHtml(reports) : renderResponseReportHtml(reports[0]);
    data = format === '.html' ? html : await printPdf(html);
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFileAtomic(out, data);
  if (!values.quiet) {
    if (cohort) {
      for (const row of cohortRows(reports)) {
        const change = row.bestChangePercent === null ? 'no follow-up measure' : `best change ${row.bestChangePercent > 0 ? '+' : ''}${row.bestChangePercent.toFixed(1)}%`;
        console.log(`${row.label}: ${row.criterion}, ${change}${row.bestOverallResponse ? `, best overall response ${row.bestOverallResponse}` : ''}`);
      }
      console.log(`cohort of ${reports.length} → ${out}`);
    } else {
      const built = reports[0];
      const last = built.evaluation.timePoints.at(-1);
      const bor = built.bestOverallResponse ? `, best overall response ${built.bestOverallResponse.category}` : '';
      const images = built.keyImages?.length ? `, ${built.keyImages.length} key image(s)` : '';
      console.log(`${loaded[0].file}: ${built.criterion}, ${built.input.timePoints.length} time point(s)${last ? `, last ${last.dateIso} ${last.category}` : ''}${bor}${images} → ${out}`);
    }
  }
  return 0;
}

/** A response report read from a file, with the file's whole document (a DICOM SR also needs `voxa track`'s measurements from it). */
export interface LoadedResponseReport {
  file: string;
  report: ResponseReport;
  document: ResponseJson['document'];
}

/**
 * The evaluated reports of response.json files, in order: each file's shape checked, its key
 * images read and embedded as data URIs, its criterion (or `criterion`, when given) evaluated.
 * A problem is a VoxaError naming the file and the field.
 */
export async function loadResponseReports(files: readonly string[], criterion?: CriterionName): Promise<LoadedResponseReport[]> {
  const loaded: LoadedResponseReport[] = [];
  for (const file of files) {
    const json = await readResponseJson(file);
    const report = buildReport(file, json.patient, criterion ?? json.criterion, json.input);
    if (json.keyImages.length > 0) report.keyImages = json.keyImages;
    loaded.push({ file, report, document: json.document });
  }
  return loaded;
}

function isCriterion(s: unknown): s is CriterionName {
  return typeof s === 'string' && (ASSESSMENT_CRITERIA as readonly string[]).includes(s);
}

/** The evaluated report; the engine's input errors name the file. */
function buildReport(file: string, patient: ReportPatient, criterion: CriterionName, input: ResponseInput): ResponseReport {
  let outcome: ResponseOutcome;
  try {
    outcome = evaluateResponse(criterion, input);
  } catch (e) {
    if (!isVoxaError(e)) throw e;
    const detail = e.message.startsWith(`${ERROR_MESSAGES[e.code]}: `) ? e.message.slice(ERROR_MESSAGES[e.code].length + 2) : e.message;
    throw new VoxaError(e.code, { file }, `input: ${detail}`, { cause: e });
  }
  const { name, evaluation, bestOverallResponse } = outcome;
  return {
    patient, criterion: name, input, evaluation, ...(bestOverallResponse ? { bestOverallResponse } : {}),
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
  /** Key images, their PNG as a data URI (files named by the JSON are read). */
  keyImages: ReportKeyImage[];
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
  const keyImages = await readKeyImages(file, doc.keyImages, input.timePoints.length, bad);
  return {
    patient: { name: patient.name as string | undefined, id: patient.id as string | undefined }, criterion, input: input as unknown as ResponseInput,
    keyImages, document: doc as ResponseJson['document'],
  };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const KEY_IMAGE_NUMBERS = ['widthPx', 'heightPx', 'longAxisMm', 'shortAxisMm'] as const;

/**
 * The JSON's "keyImages" checked, each PNG as a data URI: "file" is read relative to the JSON's
 * folder and must be a PNG; "png" is taken as it is (base64 or a data URI). Absent: none.
 */
async function readKeyImages(file: string, value: unknown, timePoints: number, bad: (field: string, expected: string) => VoxaError): Promise<ReportKeyImage[]> {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw bad('keyImages', 'an array of {lesionId, timePointIndex, caption, file or png}');
  const images: ReportKeyImage[] = [];
  for (const [n, k] of value.entries()) {
    const at = `keyImages[${n}]`;
    if (!isObject(k)) throw bad(at, 'an object {lesionId, timePointIndex, caption, file or png}');
    if (typeof k.lesionId !== 'string' || k.lesionId === '') throw bad(`${at}.lesionId`, 'a non-empty string');
    if (!Number.isInteger(k.timePointIndex) || (k.timePointIndex as number) < 0 || (k.timePointIndex as number) >= timePoints) {
      throw bad(`${at}.timePointIndex`, `an integer from 0 to ${timePoints - 1}, got ${JSON.stringify(k.timePointIndex)}`);
    }
    if (typeof k.caption !== 'string') throw bad(`${at}.caption`, 'a string saying what the image shows');
    for (const key of KEY_IMAGE_NUMBERS) if (k[key] !== undefined && (typeof k[key] !== 'number' || !Number.isFinite(k[key]))) throw bad(`${at}.${key}`, 'a number');
    const window = k.window;
    if (window !== undefined && (!isObject(window) || !Number.isFinite(window.center) || !Number.isFinite(window.width))) throw bad(`${at}.window`, 'an object {center, width}');
    let png: string;
    if (typeof k.file === 'string') {
      const path = isAbsolute(k.file) ? k.file : resolve(dirname(file), k.file);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (e) {
        throw new VoxaError('VOXA_ERR_FILE_READ', { file: path }, `${at} of ${file} (lesion ${k.lesionId}): ${(e as Error).message}`, { cause: e });
      }
      if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw bad(`${at}.file`, `a PNG file; ${path} is not one`);
      png = `data:image/png;base64,${bytes.toString('base64')}`;
    } else if (typeof k.png === 'string') png = k.png;
    else throw bad(at, 'a "file" (a PNG, relative to the JSON) or a "png" (base64)');
    images.push({
      lesionId: k.lesionId, timePointIndex: k.timePointIndex as number, png, caption: k.caption,
      ...Object.fromEntries(KEY_IMAGE_NUMBERS.filter((key) => k[key] !== undefined).map((key) => [key, k[key]])),
      ...(window ? { window: { center: window.center as number, width: window.width as number } } : {}),
    });
  }
  return images;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
