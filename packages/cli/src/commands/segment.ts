import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  detectVolumeFormat, loadDicom, parseDicom, readVolumeBytes, segmentCtStructures, segmentVoxelCount,
  segmentWithModel, segSourceFromSlices, VoxaError, voxelVolumeMm3, writeDicomSeg,
  type Segmentation, type SegmentStage, type Volume, type VolumePlan,
} from '@voxa/core';
import { fileSources, ONNX_NODE_RUNNER_DEFAULTS, openModelNode, writeFileAtomic } from '@voxa/core/node';
import { numberArg, parse, UsageError } from '../args.ts';
import { writeLabelMaps } from '../labelMapFiles.ts';
import { ProgressBar } from '../ProgressBar.ts';
import { readVolumeInput, type VolumeInput } from '../readVolumeInput.ts';

export const SEGMENT_HELP = `voxa segment <series> (--auto ct | --model <manifest.json>) -o <out> [options]
  Segment a volume: --auto ct by rules (body, skin, bones, lungs right/left, airway, subcutaneous
  and visceral fat, muscle; no model), or with a model described by a manifest (see models/README.md).
  Every segment is an automatic proposal until a reader reviews it.
  <series>            a DICOM folder or file (one image series; choose with --series) or a
                      NIfTI / NRRD / MetaImage file
  -o <out>            .nii.gz, .nii or .nrrd label map, with its label table beside it
                      (<out-stem>.labels.json); or .dcm, a DICOM SEG (DICOM input only)
  --auto ct           the rule-based CT structures (HU input)
  --model M           the model manifest (JSON; its ONNX file is found relative to it)
  --series S          which series of a DICOM folder: Series Instance UID or Series Number
  --threads N         onnxruntime threads (default ${ONNX_NODE_RUNNER_DEFAULTS.intraOpNumThreads})
  --low-memory        free onnxruntime's memory layer by layer (less peak memory, maybe slower)
  --interpolation I   linear (default) or nearest: how class maps go back to the input grid
  --quiet             print nothing but errors`;

/** Names of volume files (never DICOM). */
const VOLUME_FILE = /\.(nii|nii\.gz|nrrd|nhdr|mha|mhd|hdr|img)$/i;

/** Label-map outputs by extension; '.dcm' is a DICOM SEG. */
const OUTPUTS = ['.nii.gz', '.nii', '.nrrd', '.dcm'];

/** `voxa segment`: rules (--auto ct) or a model (--model) over one series. Returns the exit code. */
export async function segment(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    model: { type: 'string' },
    auto: { type: 'string' },
    out: { type: 'string', short: 'o' },
    series: { type: 'string' },
    threads: { type: 'string' },
    'low-memory': { type: 'boolean' },
    interpolation: { type: 'string', default: 'linear' },
    quiet: { type: 'boolean' },
  }, 1);
  if (values.auto !== undefined && values.model) throw new UsageError('choose one: --auto ct or --model <manifest.json>');
  if (values.auto !== undefined && values.auto !== 'ct') throw new UsageError(`--auto ${values.auto}: the rule-based structures exist for 'ct'`);
  if (values.auto === undefined && !values.model) throw new UsageError('segment needs --auto ct or a model: --model <manifest.json>');
  const out = values.out;
  if (!out) throw new UsageError('segment needs an output file: -o <out>');
  const ext = OUTPUTS.find((e) => out.toLowerCase().endsWith(e));
  if (!ext) throw new UsageError(`-o ${out}: expected a file ending in ${OUTPUTS.join(', ')}`);
  const interpolation = values.interpolation;
  if (interpolation !== 'linear' && interpolation !== 'nearest') throw new UsageError(`--interpolation ${interpolation}: expected linear or nearest`);
  const threads = values.threads === undefined ? undefined : numberArg('--threads', values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new UsageError(`--threads ${values.threads}: expected a whole number ≥ 1`);
  const log = values.quiet ? () => {} : (s: string) => console.log(s);

  const notDicom = () => new UsageError(`-o ${out}: a DICOM SEG references the DICOM images it segments; ${positionals[0]} is not DICOM. Write a .nii.gz or .nrrd label map instead`);
  if (ext === '.dcm' && VOLUME_FILE.test(positionals[0])) throw notDicom();
  // Before the work: a bad manifest or an output folder that cannot be made fails now, not after inference.
  await mkdir(dirname(out), { recursive: true });
  if (values.auto === 'ct') return segmentCtByRules(positionals[0], values.series, out, ext, !!values.quiet, notDicom);
  const { manifest, runner } = await openModelNode(values.model!, { intraOpNumThreads: threads, lowMemory: values['low-memory'] });
  try {
    const input = await readVolumeInput('segment', positionals[0], values.series, !!values.quiet);
    if (ext === '.dcm' && !input.plan) throw notDicom();
    const bar = new ProgressBar('segment', { quiet: values.quiet });
    const started = new Map<SegmentStage, number>();
    const t0 = performance.now();
    const seg = await segmentWithModel(input.volume, manifest, runner, {
      outputInterpolation: interpolation,
      onWarning: (w) => console.error(`warning: ${w}`),
      onProgress: (p) => {
        if (!started.has(p.stage)) {
          started.set(p.stage, performance.now());
          if (!values.quiet && !process.stderr.isTTY) console.error(`segment: ${p.stage}${p.stage === 'inference' ? ` (${manifest.name})` : ''}`);
        }
        bar.update(Math.round(p.fraction * 1000), 1000, p.total ? `${p.stage} ${p.done}/${p.total}` : p.stage);
      },
    });
    bar.done();
    const t1 = performance.now();
    const written = await writeSegmentation(seg, out, ext, input);
    const inference = (started.get('postprocess') ?? t1) - (started.get('inference') ?? t0);
    log(`${manifest.title ?? manifest.name} on ${input.volume.dimensions.join('×')}: ${((t1 - t0) / 1000).toFixed(1)} s (inference ${(inference / 1000).toFixed(1)} s)`);
    const mm3 = voxelVolumeMm3(input.volume);
    for (const s of seg.segments) {
      const n = segmentVoxelCount(seg, s.number);
      log(`  ${s.number} ${s.label}: ${n} voxels, ${((n * mm3) / 1000).toFixed(1)} mL`);
    }
    log(`→ ${written.join(', ')}`);
    return 0;
  } finally {
    await runner.dispose();
  }
}

/** `voxa segment --auto ct`: the rule-based structures of a CT. */
async function segmentCtByRules(path: string, series: string | undefined, out: string, ext: string, quiet: boolean, notDicom: () => Error): Promise<number> {
  const input = await readVolumeInput('segment', path, series, quiet);
  if (ext === '.dcm' && !input.plan) throw notDicom();
  const bar = new ProgressBar('segment', { quiet });
  const t0 = performance.now();
  const seg = segmentCtStructures(input.volume, {
    onProgress: (p) => bar.update(Math.round(p.fraction * 1000), 1000, p.step),
    onWarning: (w) => console.error(`warning: ${w}`),
  });
  bar.done();
  const written = await writeSegmentation(seg, out, ext, input);
  if (!quiet) {
    console.log(`CT rules on ${input.volume.dimensions.join('×')}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const mm3 = voxelVolumeMm3(input.volume);
    for (const s of seg.segments) {
      const n = segmentVoxelCount(seg, s.number);
      console.log(`  ${s.number} ${s.label}: ${n} voxels, ${((n * mm3) / 1000).toFixed(1)} mL`);
    }
    console.log(`→ ${written.join(', ')}`);
  }
  return 0;
}

/** Write a segmentation by extension: label maps (one per layer when segments overlap) plus `<stem>.labels.json`, or a DICOM SEG referencing the input series. */
export async function writeSegmentation(seg: Segmentation, out: string, ext: string, input: VolumeInput): Promise<string[]> {
  if (ext === '.dcm') {
    const plan = input.plan!;
    const firstFile = plan.slices[0][0].instance.file;
    const header = parseDicom(new Uint8Array(await readFile(firstFile)), firstFile, { untilTag: 'x7fe00010' }).dataSet;
    await writeFileAtomic(out, writeDicomSeg(seg, segSourceFromSlices(plan.slices[0], header, plan)));
    return [out];
  }
  return writeLabelMaps(seg, out, ext);
}
