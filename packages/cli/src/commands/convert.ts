import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDicom, niftiChunks, writeMetaImage, writeNrrd, type Volume, type VolumeSeries4D } from '@voxa/core';
import { fileSources, writeChunksAtomic, writeFileAtomic } from '@voxa/core/node';
import { parse, UsageError } from '../args.ts';
import { ProgressBar } from '../ProgressBar.ts';
import { volumeSidecar } from '../sidecar.ts';

export const CONVERT_HELP = `voxa convert <dicom-dir|file> -o <out-dir> [options]
  One .nii.gz per volume (4D series as one 4D file) with a JSON sidecar of metadata and warnings.
  --tilt-correct     resample gantry-tilted stacks onto an orthogonal grid
  --even-spacing     resample unevenly spaced stacks onto even slices
  --format F         nii.gz (default), nii, nrrd or mha
  --strict           exit 1 if any file was rejected
  --quiet            print nothing but errors`;

/** `voxa convert`: DICOM → NIfTI + JSON sidecars. Returns the exit code. */
export async function convert(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' },
    'tilt-correct': { type: 'boolean' },
    'even-spacing': { type: 'boolean' },
    format: { type: 'string', default: 'nii.gz' },
    strict: { type: 'boolean' },
    quiet: { type: 'boolean' },
  }, 1);
  const out = values.out;
  if (!out) throw new UsageError('convert needs an output folder: -o <out-dir>');
  const format = values.format as string;
  const write = Object.hasOwn(WRITERS, format) ? WRITERS[format] : undefined;
  if (!write) throw new UsageError(`--format ${format}: expected one of ${Object.keys(WRITERS).join(', ')}`);
  const sources = await fileSources(positionals[0]);
  // Before the decoding: an output path that cannot be a folder fails now, not after a long conversion.
  await mkdir(out, { recursive: true });
  const bar = new ProgressBar('convert', { quiet: values.quiet });
  const result = await loadDicom(sources, {
    tiltCorrect: values['tilt-correct'],
    evenSpacing: values['even-spacing'],
    onProgress: (phase, d, n) => bar.update(d, n, phase),
  });
  bar.done();
  const used = new Set<string>();
  const log = values.quiet ? () => {} : (s: string) => console.log(s);
  // Several studies in one input (a patient's time points): names carry the study date.
  const manyStudies = new Set(result.series.map((x) => x.volumes[0].meta.studyInstanceUid)).size > 1;
  for (const { volumes } of result.series) {
    const name = uniqueName(baseName(volumes[0], manyStudies), used);
    const file = `${name}.${format}`;
    const data = volumes.length > 1 ? { volumes, axis: volumes[0].meta.timeLabel ?? 'time' } : volumes[0];
    await write(join(out, file), data);
    await writeFileAtomic(join(out, `${name}.json`), `${JSON.stringify(volumeSidecar(volumes), null, 2)}\n`);
    const d = volumes[0].dimensions;
    log(`${file}  ${d.join('×')}${volumes.length > 1 ? `×${volumes.length}` : ''}  ${volumes[0].meta.warnings.map((w) => w.code).join(' ')}`);
    for (const w of volumes[0].meta.warnings) log(`  warning ${w.code}: ${w.message}`);
  }
  for (const w of result.warnings) console.error(`warning ${w.code}: ${w.message} [${w.files.join(', ')}]`);
  for (const f of result.failed) console.error(`failed series ${f.id}: ${f.reason}`);
  for (const r of result.rejected) console.error(`rejected ${r.file}: ${r.reason}`);
  if (result.skipped.length && !values.quiet) console.error(`skipped ${result.skipped.length} non-image DICOM file(s)`);
  const converted = result.series.length;
  if (!values.quiet) console.log(`${converted} volume(s) written to ${out}; ${result.rejected.length} file(s) rejected, ${result.failed.length} series failed`);
  if (converted === 0) {
    console.error(`error: no image volumes found in ${positionals[0]}`);
    return 1;
  }
  return values.strict && (result.rejected.length || result.failed.length) ? 1 : 0;
}

/** Output formats: each writes one file atomically; every one keeps the LPS geometry. */
const WRITERS: Record<string, (path: string, v: Volume | VolumeSeries4D) => Promise<void>> = {
  'nii.gz': (path, v) => writeChunksAtomic(path, niftiChunks(v), { gzip: true }),
  nii: (path, v) => writeChunksAtomic(path, niftiChunks(v)),
  nrrd: (path, v) => writeFileAtomic(path, writeNrrd(v)),
  mha: (path, v) => writeFileAtomic(path, writeMetaImage(v)),
};

/** `<SeriesNumber>_<description>`, prefixed with the study date when the input has several studies. */
function baseName(v: Volume, withStudyDate: boolean): string {
  const m = v.meta;
  const desc = (m.seriesDescription || m.modality || 'volume').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');
  const name = `${m.seriesNumber ?? 0}_${desc || 'volume'}`;
  return withStudyDate && m.studyDate ? `${m.studyDate}_${name}` : name;
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}
