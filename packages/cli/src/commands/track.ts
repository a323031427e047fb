import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  KEY_IMAGE_DEFAULTS, measureLesionsOverTime, parseLesionSeeds, registerVolumes, renderLesionKeyImage, transformPoint, VoxaError,
  type DisplayWindow, type LesionMeasurement, type LongitudinalScan, type RegistrationTransform, type Vec3, type Volume,
} from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import { numberArg, parse, UsageError } from '../args.ts';
import { scanSourceOf, type ScanSource } from '../measurementReportFromTracking.ts';
import { readVolumeInput } from '../readVolumeInput.ts';

export const TRACK_HELP = `voxa track <baseline> <follow-up>… --lesions <lesions.json> -o <response.json> [options]
  Follow a patient's lesions over time: every follow-up is registered onto the baseline, each
  baseline click (lesions.json) is carried through that registration, and the lesion is
  segmented there and measured from its 3D segment (RECIST long and short axis in the
  acquisition plane, volume, mean HU). New lesions are clicked in the scan where they appear.
  The result feeds \`voxa report\`. Automatic measurements are proposals until a reader reviews them.
  <baseline>, <follow-up>  DICOM folders or files (one image series each) or NIfTI / NRRD files,
                      in time order
  --lesions F         {"lesions": [{"id", "organ", "kind": "target"|"non-target", "isLymphNode"?,
                      "seedLps": [x, y, z]}], "newLesions": [{"id", "organ", "scan": 1…, "seedLps"}],
                      "liverReferenceLps"?: [x, y, z]}
                      (\`voxa phantom\` writes one for its patient)
  -o <response.json>  the response input (time points, lesions, measurements), each measurement's
                      axis end points, the registrations, the DICOM series measured, and the key
                      images: one PNG per lesion per scan (the acquisition plane through the lesion
                      centre, its long and short axes drawn, a scale bar) in <response>.key-images/
                      next to it, named in "keyImages" by paths relative to the JSON; \`voxa report\`
                      embeds them in the HTML and PDF
  --window C,W        the key images' grey window centre and width (default ${KEY_IMAGE_DEFAULTS.window.center},${KEY_IMAGE_DEFAULTS.window.width}: CT soft
                      tissue; a negative centre as --window=-600,1500)
  --no-key-images     write no key images
  --pet <series>      the PET of each scan's session, once per scan in the same order: a DICOM
                      folder or file of one PET series in the scan's frame of reference (PET/CT).
                      Each lesion also gets SUVmax and SULpeak on it, over its CT segment grown by
                      4 mm. The PET must convert to SUVbw on reading (Units BQML, patient weight,
                      dose, half-life, injection and series times; NIfTI carries none of these);
                      SULpeak also needs the patient's sex and height. With "liverReferenceLps" in lesions.json
                      (a normal right-liver point, baseline LPS, carried through each registration
                      like the clicks) every time point gets PERCIST's liver reference, so
                      \`voxa report --criterion percist\` reads the result
  --mode M            rigid (default) or affine registration
  --dates D,D,…       scan dates (YYYY-MM-DD) when the inputs carry none (NIfTI)
  --quiet             print nothing but errors`;

/** `voxa track`: scans + lesion clicks → response.json. Returns the exit code. */
export async function track(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    lesions: { type: 'string' },
    out: { type: 'string', short: 'o' },
    mode: { type: 'string', default: 'rigid' },
    dates: { type: 'string' },
    window: { type: 'string' },
    'no-key-images': { type: 'boolean' },
    pet: { type: 'string', multiple: true },
    quiet: { type: 'boolean' },
  }, 2);
  if (!values.lesions) throw new UsageError('track needs the lesion clicks: --lesions <lesions.json>');
  const out = values.out;
  if (!out || !out.toLowerCase().endsWith('.json')) throw new UsageError(`track needs a JSON output: -o <response.json>${out ? `, not ${out}` : ''}`);
  const mode = values.mode;
  if (mode !== 'rigid' && mode !== 'affine') throw new UsageError(`--mode ${mode}: expected rigid or affine`);
  const dates = values.dates?.split(',').map((d) => d.trim());
  if (dates && (dates.length !== positionals.length || dates.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d)))) {
    throw new UsageError(`--dates ${values.dates}: expected ${positionals.length} dates YYYY-MM-DD, one per scan`);
  }
  const petPaths = values.pet ?? [];
  if (petPaths.length > 0 && petPaths.length !== positionals.length) {
    throw new UsageError(`--pet given ${petPaths.length} time(s): expected one per scan (${positionals.length}), in the scans' order`);
  }
  const keyWindow = values.window === undefined ? KEY_IMAGE_DEFAULTS.window : windowArg(values.window);
  const log = values.quiet ? () => {} : (s: string) => console.log(s);

  const seedDoc = JSON.parse(await readFile(values.lesions, 'utf8')) as unknown;
  const seeds = parseLesionSeeds(seedDoc, values.lesions);
  const liverLps = liverReferenceOf(seedDoc, values.lesions);
  const volumes: Volume[] = [];
  const sources: (ScanSource | null)[] = [];
  for (const path of positionals) {
    const read = await readVolumeInput('track', path, undefined, !!values.quiet);
    volumes.push(read.volume);
    sources.push(read.plan ? scanSourceOf(read.plan) : null);
  }
  const pets: Volume[] = [];
  for (const path of petPaths) pets.push(await readPet(path, !!values.quiet));
  const registrations: (RegistrationTransform & { scan: number })[] = [];
  const scans: LongitudinalScan[] = volumes.map((volume, i) => {
    const dateIso = dates?.[i] ?? isoDate(volume.meta.studyDate);
    if (!dateIso) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: positionals[i] }, 'the scan has no study date: give the dates with --dates YYYY-MM-DD,…');
    const pet = pets[i] ? { pet: pets[i] } : {};
    if (i === 0) return { dateIso, volume, ...pet, ...(pets[i] && liverLps ? { liverReferenceLps: liverLps } : {}) };
    const t0 = performance.now();
    const { transform } = registerVolumes(volumes[0], volume, { mode });
    log(`registered scan ${i} (${dateIso}) onto the baseline in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    registrations.push({ scan: i, ...transform });
    // The liver point is carried into the scan like the lesion clicks: through its registration.
    const liver = pets[i] && liverLps ? { liverReferenceLps: transformPoint(transform.fixedToMoving, liverLps) } : {};
    return { dateIso, volume, baselineToScan: transform.fixedToMoving, ...pet, ...liver };
  });
  const { input, measurements, misses } = measureLesionsOverTime(scans, seeds.lesions, seeds.newLesions);
  // Always shown (even --quiet): a lesion not found is a reader's decision, not a number.
  for (const miss of misses) console.warn(`voxa track: ${miss.reason}`);
  for (const m of measurements) {
    const uptake = m.uptake ? `, SUVmax ${m.uptake.suvMax.toFixed(2)}${m.uptake.sulPeak !== null ? `, SULpeak ${m.uptake.sulPeak.toFixed(2)}` : ''}` : '';
    log(`  scan ${m.scan} ${m.lesionId}: long ${m.axes.longMm.toFixed(1)} mm, short ${m.axes.shortMm.toFixed(1)} mm, ${(m.volumeMm3 / 1000).toFixed(2)} mL, ${m.meanHu.toFixed(0)} HU${uptake}${m.uptakeNote ? ` (${m.uptakeNote})` : ''}`);
  }
  const keyImages = values['no-key-images'] ? undefined : await writeKeyImages(out, scans, measurements, keyWindow);
  if (keyImages) log(`${keyImages.length} key image(s) → ${join(dirname(out), keyImagesFolder(out))}`);
  const meta = volumes[0].meta;
  const doc = {
    generator: 'voxa track',
    conventions: { coordinates: 'patient LPS millimetres', review: 'automatic measurements: proposals until a reader reviews them' },
    patient: { id: meta.patientId, name: meta.patientName },
    criterion: 'recist',
    scans: positionals,
    ...(petPaths.length ? { pets: petPaths } : {}),
    // The DICOM series measured (null for a NIfTI input): what a DICOM SR of this result references.
    sources,
    input,
    measurements,
    ...(misses.length ? { misses } : {}),
    registrations: registrations.map((r) => ({ ...r, fixedToMoving: Array.from(r.fixedToMoving) })),
    ...(keyImages ? { keyImages } : {}),
  };
  await writeFileAtomic(out, `${JSON.stringify(doc, null, 2)}\n`);
  log(`→ ${out}`);
  return 0;
}

/**
 * A PET as `--pet` names it, in SUVbw; else a VoxaError naming the series and why (the reader's
 * SUV_UNAVAILABLE warning names the missing DICOM attribute).
 */
async function readPet(path: string, quiet: boolean): Promise<Volume> {
  const { volume } = await readVolumeInput('track --pet', path, undefined, quiet);
  if (volume.units === 'SUVbw') return volume;
  const why = volume.meta.warnings.find((w) => w.code === 'SUV_UNAVAILABLE')?.message
    ?? `the volume is in ${volume.units}${volume.meta.modality ? ` (modality ${volume.meta.modality})` : ''}`;
  throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: path, ...(volume.meta.seriesInstanceUid ? { uid: volume.meta.seriesInstanceUid } : {}) },
    `--pet needs a PET in SUVbw: ${why}`);
}

/** lesions.json's optional "liverReferenceLps" [x, y, z] (baseline LPS mm); a VoxaError naming the file when malformed. */
function liverReferenceOf(doc: unknown, file: string): Vec3 | undefined {
  const p = (doc as { liverReferenceLps?: unknown }).liverReferenceLps;
  if (p === undefined) return undefined;
  if (!Array.isArray(p) || p.length !== 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, '"liverReferenceLps" must be [x, y, z] in baseline LPS mm');
  }
  return [p[0], p[1], p[2]];
}

/** A key image as response.json names it: its PNG by a path relative to the JSON, and what it shows. */
interface KeyImageEntry {
  lesionId: string;
  timePointIndex: number;
  dateIso: string;
  file: string;
  caption: string;
  widthPx: number;
  heightPx: number;
  window: DisplayWindow;
  longAxisMm: number;
  shortAxisMm: number;
  fieldOfViewMm: number;
  scaleBarMm: number;
}

/** The folder of the key images, beside the JSON: response.json → response.key-images. */
function keyImagesFolder(out: string): string {
  return `${basename(out).replace(/\.json$/i, '')}.key-images`;
}

/** Renders each measurement's key image in its scan and writes it as <folder>/<lesion>-tp<scan>.png. */
async function writeKeyImages(out: string, scans: readonly LongitudinalScan[], measurements: readonly LesionMeasurement[], window: DisplayWindow): Promise<KeyImageEntry[]> {
  const folder = keyImagesFolder(out);
  await mkdir(join(dirname(out), folder), { recursive: true });
  const used = new Set<string>();
  const entries: KeyImageEntry[] = [];
  for (const m of measurements) {
    const { dateIso, volume } = scans[m.scan];
    const image = renderLesionKeyImage(volume, { lesionId: m.lesionId, timePointIndex: m.scan, dateIso, axes: m.axes }, { window });
    // Lesion ids are the reader's words: keep file names portable and distinct.
    const stem = `${m.lesionId.replace(/[^A-Za-z0-9._-]+/g, '_')}-tp${m.scan}`;
    let name = `${stem}.png`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem}-${n}.png`;
    used.add(name.toLowerCase());
    await writeFileAtomic(join(dirname(out), folder, name), image.png);
    const { lesionId, timePointIndex, caption, widthPx, heightPx, longAxisMm, shortAxisMm, fieldOfViewMm, scaleBarMm } = image;
    entries.push({ lesionId, timePointIndex, dateIso, file: `${folder}/${name}`, caption, widthPx, heightPx, window: image.window, longAxisMm, shortAxisMm, fieldOfViewMm, scaleBarMm });
  }
  return entries;
}

/** --window C,W → the window; UsageError unless two numbers with a positive width. */
function windowArg(value: string): DisplayWindow {
  const parts = value.split(',');
  if (parts.length !== 2) throw new UsageError(`--window ${value}: expected centre,width, e.g. 40,400`);
  const [center, width] = parts.map((p) => numberArg('--window', p));
  if (!(width > 0)) throw new UsageError(`--window ${value}: the width must be positive`);
  return { center, width };
}

/** DICOM DA (YYYYMMDD) → ISO date, or undefined. */
function isoDate(da: string | undefined): string | undefined {
  const m = da?.match(/^(\d{4})(\d{2})(\d{2})$/);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
