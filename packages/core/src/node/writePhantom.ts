import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { niftiChunks } from '../io/nifti/writeNifti.ts';
import { generatePhantomTimePoint } from '../phantom/generatePhantom.ts';
import { encodePhantomSlice, phantomCtSeriesInfo, phantomSliceFileName } from '../phantom/phantomDicom.ts';
import { petRescaleSlope } from '../dicom/write/encodePetSlice.ts';
import { generatePhantomPet } from '../phantom/generatePhantomPet.ts';
import { encodePhantomPetSlice, phantomPetActivity, phantomPetSeriesInfo } from '../phantom/phantomPetDicom.ts';
import { PHANTOM_LIVER_REFERENCE_LPS } from '../phantom/phantomPetUptake.ts';
import { PHANTOM_LABELS } from '../phantom/phantomLabels.ts';
import { type PhantomOptions, resolvePhantomOptions } from '../phantom/PhantomOptions.ts';
import { PHANTOM_TRUTH_CONVENTIONS, type PhantomResponseTruth, type PhantomTimePointTruth, phantomTruthToJson } from '../phantom/PhantomTruth.ts';
import { phantomLesionSeeds } from '../longitudinal/lesionSeeds.ts';
import type { PhantomTimePointKind } from '../phantom/phantomLesions.ts';
import { PHANTOM_MANIFEST_FILE, phantomManifestOf } from './phantomManifest.ts';
import { writeChunksAtomic } from './writeChunksAtomic.ts';
import { writeFileAtomic } from './writeFileAtomic.ts';

/** Options of `writePhantomStudies`: the phantom's options plus a progress callback. */
export interface WritePhantomOptions extends Partial<PhantomOptions> {
  /** Called after each file is written, with files done and files in all. */
  onProgress?: (done: number, total: number) => void;
  /** Also write each time point's FDG PET (`dicom/tp<N>/PT`) and the PERCIST liver point in lesions.json. */
  pet?: boolean;
}

/** What `writePhantomStudies` wrote, per time point. */
export interface WritePhantomSummary {
  outDir: string;
  files: number;
  bytes: number;
  timePoints: {
    index: number;
    kind: PhantomTimePointKind;
    dicomDir: string;
    truthDir: string;
    slices: number;
    studyInstanceUid: string;
    response: PhantomResponseTruth;
    /** The PET series' folder and slices, when written. */
    petDir?: string;
    petSlices?: number;
  }[];
}

/** Files besides the slices per time point: labels.nii.gz, ct.nii.gz, truth.json. */
const TRUTH_FILES = 3;

/**
 * Write the phantom's studies and ground truth under `outDir`, one time point at a time (memory
 * holds one time point's volumes and one encoded slice):
 * `dicom/tp<N>/CT/IM0001.dcm …` (N = 0 baseline, 1, 2) and `truth/tp<N>/` with `labels.nii.gz`,
 * `ct.nii.gz` (the same voxels as the DICOM series) and `truth.json`; with `pet`, the session's FDG
 * PET in `dicom/tp<N>/PT`; then `lesions.json`, the
 * clicks a reader would make on the lesions (see `phantomLesionSeeds`). Every file is written
 * atomically (temporary name, then rename). `voxa-phantom.json` (PHANTOM_MANIFEST_FILE) is
 * removed first and written last, so its presence means the phantom is complete.
 */
export async function writePhantomStudies(outDir: string, options: WritePhantomOptions = {}): Promise<WritePhantomSummary> {
  const { onProgress, pet, ...phantomOptions } = options;
  const o = resolvePhantomOptions(phantomOptions);
  const summary: WritePhantomSummary = { outDir, files: 0, bytes: 0, timePoints: [] };
  // A manifest left by an earlier run must not vouch for a folder this run may leave half-rewritten.
  await rm(join(outDir, PHANTOM_MANIFEST_FILE), { force: true });
  let total = 0;
  const truths: PhantomTimePointTruth[] = [];
  const done = (bytes: number): void => {
    summary.files++;
    summary.bytes += bytes;
    onProgress?.(summary.files, total);
  };
  const write = async (path: string, data: Uint8Array | string): Promise<void> => {
    await writeFileAtomic(path, data);
    done(typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength);
  };
  // NIfTI truth files are streamed through Node's native gzip (the pure-JS one takes seconds at full size).
  const writeNii = async (path: string, chunks: Uint8Array[]): Promise<void> => {
    await writeChunksAtomic(path, chunks, { gzip: true });
    done(chunks.reduce((n, c) => n + c.byteLength, 0));
  };
  for (let index = 0; index < o.timePoints; index++) {
    const tp = generatePhantomTimePoint(index, o);
    const petTp = pet ? generatePhantomPet(index, o) : undefined;
    const slices = tp.ct.dimensions[2];
    const petSlices = petTp?.pet.dimensions[2] ?? 0;
    if (index === 0) total = o.timePoints * (slices + petSlices + TRUTH_FILES) + 1;
    const dicomDir = join(outDir, 'dicom', `tp${index}`, 'CT');
    const truthDir = join(outDir, 'truth', `tp${index}`);
    await mkdir(dicomDir, { recursive: true });
    await mkdir(truthDir, { recursive: true });
    const info = phantomCtSeriesInfo(tp);
    for (let k = 0; k < slices; k++) await write(join(dicomDir, phantomSliceFileName(k)), encodePhantomSlice(tp, k, info));
    await writeNii(join(truthDir, 'labels.nii.gz'), niftiChunks(tp.labels, { description: `Voxa phantom labels tp${index}` }));
    await writeNii(join(truthDir, 'ct.nii.gz'), niftiChunks(tp.ct, { description: `Voxa phantom CT tp${index}` }));
    const doc = { generator: 'voxa-phantom', version: 1, options: o, conventions: PHANTOM_TRUTH_CONVENTIONS, labels: PHANTOM_LABELS, timePoint: tp.truth } as const;
    await write(join(truthDir, 'truth.json'), phantomTruthToJson(doc));
    truths.push(tp.truth);
    const entry: WritePhantomSummary['timePoints'][number] = {
      index, kind: tp.kind, dicomDir, truthDir, slices, studyInstanceUid: tp.uids.studyInstanceUid, response: tp.truth.response,
    };
    if (petTp) {
      // The same session's PET, in Bq/ml with one rescale slope for the series (SUV is Voxa's own read path).
      const petDir = join(outDir, 'dicom', `tp${index}`, 'PT');
      await mkdir(petDir, { recursive: true });
      const activity = phantomPetActivity(petTp);
      const petInfo = { ...phantomPetSeriesInfo(petTp), rescaleSlope: petRescaleSlope(activity) };
      for (let k = 0; k < petSlices; k++) await write(join(petDir, phantomSliceFileName(k)), encodePhantomPetSlice(petTp, activity, k, petInfo));
      Object.assign(entry, { petDir, petSlices });
    }
    summary.timePoints.push(entry);
  }
  // A reader's clicks on the lesions, for `voxa track` (lesions followed over the time points).
  const conventions = {
    seedLps: 'a click inside the lesion, patient LPS mm, in the scan it belongs to',
    ...(pet ? { liverReferenceLps: 'a point of normal right liver lobe for the PERCIST 3 cm liver sphere, baseline LPS mm' } : {}),
  };
  const petFields = pet ? { pet: summary.timePoints.map((t) => relative(outDir, t.petDir!)), liverReferenceLps: [...PHANTOM_LIVER_REFERENCE_LPS] } : {};
  await write(join(outDir, 'lesions.json'), `${JSON.stringify({ generator: 'voxa-phantom', conventions, scans: summary.timePoints.map((t) => relative(outDir, t.dicomDir)), ...petFields, ...phantomLesionSeeds(truths) }, null, 2)}\n`);
  await writeFileAtomic(join(outDir, PHANTOM_MANIFEST_FILE), `${JSON.stringify(phantomManifestOf(summary, o), null, 2)}\n`);
  return summary;
}
