import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  parseDicom, planVolumes, readDicomSeg,
  readVolumeBytes, scanDicom, segmentationFromLabelVolume, segSourceFromSlices, VoxaError,
  writeDicomSeg, type Volume, type VolumePlan,
} from '@voxa/core';
import { fileSources, writeFileAtomic } from '@voxa/core/node';
import { numberArg, parse, UsageError } from '../args.ts';
import { LABEL_EXTENSIONS, readLabelTable, writeLabelMaps } from '../labelMapFiles.ts';
import { isDicom } from '../readSegmentationFiles.ts';

export const SEG_HELP = `voxa seg convert <in> [<in> …] -o <out> [options]
  DICOM SEG → label map: <out> is .nii, .nii.gz or .nrrd; overlapping segments give one file per
    layer (<out-stem>_layer<N>.<ext>); the label table goes to <out-stem>.labels.json.
  Label map(s) (.nii/.nii.gz/.nrrd, several = several layers) → DICOM SEG: <out> is .dcm and
    --reference is required; the label table is --label-table, else <in-stem>.labels.json if present.
  --reference DIR    the source image series (DICOM folder): the SEG references it; when reading a
                     SEG, its frames are placed on that series' grid
  --label-table F    label table JSON (names, colours, codes) for a label map
  --fractional       write a FRACTIONAL SEG (8-bit, 0/255) instead of BINARY
  --threshold T      FRACTIONAL SEG → label map: a voxel is in a segment from this fraction (default 0.5)
  --quiet            print nothing but errors`;


/** `voxa seg convert`: DICOM SEG ↔ label maps with a label table. Returns the exit code. */
export async function seg(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' },
    reference: { type: 'string' },
    'label-table': { type: 'string' },
    fractional: { type: 'boolean' },
    threshold: { type: 'string' },
    quiet: { type: 'boolean' },
  }, 2);
  const [action, ...inputs] = positionals;
  if (action !== 'convert') throw new UsageError(`unknown seg action '${action}': expected 'convert'`);
  const out = values.out;
  if (!out) throw new UsageError('seg convert needs an output file: -o <out>');
  const log = values.quiet ? () => {} : (s: string) => console.log(s);
  const threshold = values.threshold === undefined ? undefined : numberArg('--threshold', values.threshold);
  const first = new Uint8Array(await readFile(inputs[0]));
  await mkdir(dirname(out), { recursive: true });
  if (isDicom(first)) {
    if (inputs.length > 1) throw new UsageError('a DICOM SEG is converted one at a time');
    const ext = LABEL_EXTENSIONS.find((e) => out.toLowerCase().endsWith(e));
    if (!ext) throw new UsageError(`-o ${out}: a SEG converts to ${LABEL_EXTENSIONS.join(', ')}`);
    return segToLabels(first, inputs[0], out, ext, values.reference, threshold, log);
  }
  if (!out.toLowerCase().endsWith('.dcm')) throw new UsageError(`-o ${out}: a label map converts to a DICOM SEG (.dcm)`);
  if (!values.reference) throw new UsageError('a label map → SEG conversion needs --reference <dicom folder> (the segmented series)');
  return labelsToSeg(inputs, out, values.reference, values['label-table'], !!values.fractional, log);
}

async function segToLabels(bytes: Uint8Array, file: string, out: string, ext: string, reference: string | undefined, threshold: number | undefined, log: (s: string) => void): Promise<number> {
  let seg = await readDicomSeg(bytes, { file, threshold });
  if (reference) {
    // Read again onto the referenced series' grid (a SEG is small; its frames decode fast).
    const referenceGrid = await referencePlan(reference, seg.referencedSeriesUid);
    seg = await readDicomSeg(bytes, { file, threshold, referenceGrid });
  }
  const written = await writeLabelMaps(seg, out, ext);
  for (const w of seg.warnings) console.error(`warning: ${w}`);
  log(`${seg.segmentationType} SEG, ${seg.segments.length} segment(s) on ${seg.dimensions.join('×')} → ${written.map((f) => basename(f)).join(', ')}`);
  return 0;
}

async function labelsToSeg(inputs: string[], out: string, reference: string, tablePath: string | undefined, fractional: boolean, log: (s: string) => void): Promise<number> {
  const volumes: Volume[] = [];
  for (const input of inputs) {
    const read = readVolumeBytes(new Uint8Array(await readFile(input)), { file: input });
    if (read.volumes.length !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: input }, `a label map must be 3D; this file holds ${read.volumes.length} volumes`);
    volumes.push(read.volumes[0]);
  }
  const table = await readLabelTable(inputs[0], tablePath);
  const seg = segmentationFromLabelVolume(volumes, table);
  const plan = await referencePlan(reference, table?.referencedSeriesUid, volumes[0]);
  checkSameGrid(volumes[0], plan, inputs[0]);
  // The label file's affine went through float32 (NIfTI) or text: the SEG takes the series' exact grid.
  seg.indexToWorld = plan.indexToWorld.slice();
  const firstFile = plan.slices[0][0].instance.file;
  const header = parseDicom(new Uint8Array(await readFile(firstFile)), firstFile, { untilTag: 'x7fe00010' }).dataSet;
  const source = segSourceFromSlices(plan.slices[0], header, plan);
  await writeFileAtomic(out, writeDicomSeg(seg, source, { type: fractional ? 'FRACTIONAL' : 'BINARY' }));
  log(`${seg.segments.length} segment(s) in ${seg.layers.length} layer(s) → ${out} (${fractional ? 'FRACTIONAL' : 'BINARY'} SEG referencing series ${source.seriesInstanceUid})`);
  return 0;
}

/**
 * The image series in a DICOM folder to reference (headers only): the one with the given series
 * UID, else the only one, else the only one on the label map's grid. SEG objects are never chosen.
 */
async function referencePlan(folder: string, seriesUid: string | undefined, grid?: Volume): Promise<VolumePlan> {
  const scan = await scanDicom(await fileSources(folder));
  const plans = planVolumes(scan).plans.filter((p) => p.slices[0][0].instance.modality !== 'SEG');
  const list = () => plans.map((p) => `${p.slices[0][0].instance.seriesInstanceUid} (${p.dimensions.join('×')})`).join(', ') || 'none';
  const bySeries = seriesUid ? plans.filter((p) => p.slices[0][0].instance.seriesInstanceUid === seriesUid) : [];
  const byGrid = grid ? plans.filter((p) => sameGrid(grid, p)) : [];
  const chosen = bySeries.length === 1 ? bySeries[0] : plans.length === 1 ? plans[0] : byGrid.length === 1 ? byGrid[0] : undefined;
  if (!chosen) {
    throw new VoxaError('VOXA_ERR_NO_VOLUMES', { file: folder },
      `no single reference series${seriesUid ? ` ${seriesUid}` : ''} found; image series there: ${list()}`);
  }
  if (chosen.slices.length > 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: folder, uid: chosen.id }, 'the reference series is 4D; a SEG references one 3D stack');
  return chosen;
}

/** Same dimensions and indexToWorld within 1 µm (a float32 NIfTI affine is that close). */
function sameGrid(v: Volume, p: VolumePlan): boolean {
  return v.dimensions.every((d, a) => d === p.dimensions[a]) && v.indexToWorld.every((x, i) => Math.abs(x - p.indexToWorld[i]) <= 1e-3);
}

function checkSameGrid(v: Volume, p: VolumePlan, file: string): void {
  if (sameGrid(v, p)) return;
  const fmt = (m: ArrayLike<number>) => `[${Array.from(m, (x) => +x.toFixed(4)).join(', ')}]`;
  throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { file, uid: p.slices[0][0].instance.seriesInstanceUid },
    `the label map is ${v.dimensions.join('×')} with indexToWorld ${fmt(v.indexToWorld)}, the reference series ${p.dimensions.join('×')} with ${fmt(p.indexToWorld)}; resample the label map onto the series first`);
}
