import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import {
  checkMeshTopology, meshArea, meshVolume, segmentationToMeshes, SMOOTH_MESH_DEFAULTS, VoxaError, type Segment, type Segmentation,
} from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import {
  printabilityReport, write3mf, writeGlb, writeObj, writePly, writeStl, type MeshSegment, type PrintabilityReport,
} from '@voxa/core/mesh-export';
import { numberArg, parse, UsageError } from '../args.ts';
import { readSegmentationFiles } from '../readSegmentationFiles.ts';

export const MESH_HELP = `voxa mesh <segmentation> [<label map> …] -o <out> [options]
  Surface meshes of segments (marching cubes on the label voxels, windowed-sinc smoothing).
  <segmentation> is a DICOM SEG or label map(s) (.nii/.nii.gz/.nrrd, several = several layers,
    label table from --label-table, else <stem>.labels.json beside the first when present).
  <out> by extension:
    .glb   all segments, named and coloured; glTF frame (+X patient left, +Y superior,
           +Z anterior), metres
    .3mf   all segments, named and coloured; LPS millimetres moved so the smallest x, y, z are 0
    .obj   all segments as objects, colours in <stem>.mtl; patient LPS millimetres
    .stl   binary, one solid per file: <stem>_<label>.stl per segment when there are several; LPS mm
    .ply   binary, vertex normals and colours, one mesh per file like .stl; LPS mm
  --segments N,M     only these segment numbers (default: every segment with voxels)
  --smooth N         smoothing iterations (default ${SMOOTH_MESH_DEFAULTS.iterations}; 0 keeps the voxel staircase)
  --pass-band X      smoothing pass band, 0 < X < 2 (default ${SMOOTH_MESH_DEFAULTS.passBand}; smaller is smoother)
  --decimate R       keep about this fraction of the triangles, 0 < R ≤ 1 (default: no decimation)
  --report           also write <stem>.report.json: per segment watertight, manifold,
                     self-intersections, volume, area, components, genus (printability)
  --label-table F    label table JSON (names, colours) for label maps
  --quiet            print nothing but errors`;

const FORMATS = ['.glb', '.3mf', '.obj', '.stl', '.ply'] as const;
type Format = typeof FORMATS[number];

/** One segment's surface, ready to write. */
interface SegmentSurface extends MeshSegment {
  segment: Segment;
}

/** `voxa mesh`: segments → surface mesh files (and a printability report). Returns the exit code. */
export async function mesh(argv: string[]): Promise<number> {
  const { values, positionals: inputs } = parse(argv, {
    out: { type: 'string', short: 'o' },
    segments: { type: 'string' },
    smooth: { type: 'string' },
    'pass-band': { type: 'string' },
    decimate: { type: 'string' },
    report: { type: 'boolean' },
    'label-table': { type: 'string' },
    quiet: { type: 'boolean' },
  }, 1);
  const out = values.out;
  if (!out) throw new UsageError('mesh needs an output file: -o <out.glb|.3mf|.obj|.stl|.ply>');
  const format = FORMATS.find((f) => f === extname(out).toLowerCase());
  if (!format) throw new UsageError(`-o ${out}: the output must end in ${FORMATS.join(', ')}`);
  const iterations = values.smooth === undefined ? SMOOTH_MESH_DEFAULTS.iterations : numberArg('--smooth', values.smooth);
  if (!Number.isInteger(iterations) || iterations < 0) throw new UsageError(`--smooth ${values.smooth}: expected a whole number ≥ 0`);
  const passBand = values['pass-band'] === undefined ? SMOOTH_MESH_DEFAULTS.passBand : numberArg('--pass-band', values['pass-band']);
  if (!(passBand > 0 && passBand < 2)) throw new UsageError(`--pass-band ${values['pass-band']}: expected a number between 0 and 2`);
  const decimate = values.decimate === undefined ? undefined : numberArg('--decimate', values.decimate);
  if (decimate !== undefined && !(decimate > 0 && decimate <= 1)) throw new UsageError(`--decimate ${values.decimate}: expected a fraction 0 < R ≤ 1`);
  const wanted = values.segments === undefined ? undefined : segmentNumbers(values.segments);
  const log = values.quiet ? () => {} : (s: string) => console.log(s);

  const { segmentation, source, warnings } = await readSegmentationFiles(inputs, values['label-table']);
  for (const w of warnings) console.error(`warning: ${w}`);
  const chosen = chooseSegments(segmentation, wanted, inputs[0]);
  log(`${source}: ${segmentation.segments.length} segment(s) on ${segmentation.dimensions.join('×')}`);

  const surfaces: SegmentSurface[] = [];
  for (const [layer, labels] of segmentation.layers.entries()) {
    const inLayer = chosen.filter((g) => g.layer === layer);
    if (!inLayer.length) continue;
    const meshes = await segmentationToMeshes(labels, segmentation.dimensions, segmentation.indexToWorld, {
      smoothIterations: iterations, passBand, decimate: decimate === undefined ? undefined : { targetRatio: decimate }, values: inLayer.map((g) => g.value),
    });
    for (const { value, mesh: m } of meshes) {
      const segment = inLayer.find((g) => g.value === value)!;
      surfaces.push({ segment, name: segment.label, mesh: m, color: segment.color, opacity: segment.opacity });
    }
  }
  for (const segment of chosen) {
    if (!surfaces.some((s) => s.segment === segment)) console.error(`warning: segment ${segment.number} (${segment.label}) has no voxels; no mesh written for it`);
  }
  surfaces.sort((a, b) => chosen.indexOf(a.segment) - chosen.indexOf(b.segment));
  if (!surfaces.length) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: inputs[0] }, 'none of the chosen segments has voxels: nothing to mesh');

  await mkdir(dirname(out), { recursive: true });
  const { files, fileOf } = await writeSurfaces(surfaces, out, format);
  const reports: { number: number; label: string; file: string; report: PrintabilityReport }[] = [];
  for (const [n, s] of surfaces.entries()) {
    const { mesh: m } = s;
    const watertight = checkMeshTopology(m).watertight;
    let line = `${s.segment.number} ${s.name}: ${m.positions.length / 3} vertices, ${m.indices.length / 3} triangles, `
      + `${meshVolume(m).toFixed(1)} mm³, ${meshArea(m).toFixed(1)} mm², ${watertight ? 'watertight' : 'NOT watertight'}`;
    if (values.report) {
      const report = await printabilityReport(m);
      reports.push({ number: s.segment.number, label: s.name, file: basename(fileOf[n]), report });
      line += report.printable ? ', printable' : `, NOT printable (${report.problems.join('; ')})`;
    }
    log(line);
  }
  if (values.report) {
    const reportPath = `${stem(out)}.report.json`;
    const frame = format === '.glb' ? 'glTF (+X left, +Y superior, +Z anterior), metres' : format === '.3mf' ? 'LPS millimetres, translated' : 'LPS millimetres';
    await writeFileAtomic(reportPath, `${JSON.stringify({ input: inputs, output: files.map((f) => basename(f)), frame, measuredIn: 'LPS millimetres', segments: reports }, null, 2)}\n`);
    files.push(reportPath);
  }
  log(`→ ${files.map((f) => basename(f)).join(', ')}`);
  return 0;
}

function segmentNumbers(list: string): number[] {
  const numbers = list.split(',').map((s) => s.trim());
  if (!numbers.every((s) => /^\d+$/.test(s))) throw new UsageError(`--segments ${list}: expected segment numbers separated by commas, e.g. 1,3`);
  return numbers.map(Number);
}

function chooseSegments(seg: Segmentation, wanted: number[] | undefined, file: string): Segment[] {
  if (!wanted) return seg.segments;
  const missing = wanted.filter((n) => !seg.segments.some((s) => s.number === n));
  if (missing.length) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file }, `no segment number ${missing.join(', ')}; the segments are ${seg.segments.map((s) => `${s.number} (${s.label})`).join(', ')}`);
  }
  return seg.segments.filter((s) => wanted.includes(s.number));
}

function stem(path: string): string {
  return path.slice(0, path.length - extname(path).length);
}

/** Write the surfaces in the format; returns the paths written and the file holding each surface. */
async function writeSurfaces(surfaces: SegmentSurface[], out: string, format: Format): Promise<{ files: string[]; fileOf: string[] }> {
  const one = (files: string[]) => ({ files, fileOf: surfaces.map(() => out) });
  if (format === '.glb') {
    await writeFileAtomic(out, await writeGlb(surfaces));
    return one([out]);
  }
  if (format === '.3mf') {
    await writeFileAtomic(out, write3mf(surfaces));
    return one([out]);
  }
  if (format === '.obj') {
    const mtlPath = `${stem(out)}.mtl`;
    const { obj, mtl } = writeObj(surfaces, { mtlFileName: basename(mtlPath) });
    await writeFileAtomic(out, obj);
    await writeFileAtomic(mtlPath, mtl);
    return one([out, mtlPath]);
  }
  // STL and PLY hold one mesh: one file per segment when there are several.
  const paths = surfaces.length === 1 ? [out] : perSegmentPaths(surfaces, out);
  for (const [n, s] of surfaces.entries()) {
    await writeFileAtomic(paths[n], format === '.stl' ? writeStl(s.mesh, { name: s.name }) : writePly(s.mesh, { color: s.color, name: s.name }));
  }
  return { files: paths, fileOf: paths };
}

/** `<stem>_<label>.<ext>`, the label reduced to file-name-safe characters, made unique with the segment number. */
function perSegmentPaths(surfaces: SegmentSurface[], out: string): string[] {
  const ext = extname(out), base = stem(out);
  const seen = new Set<string>();
  return surfaces.map((s) => {
    const safe = s.name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[_.]+|_+$/g, '') || `segment${s.segment.number}`;
    let path = `${base}_${safe}${ext}`;
    if (seen.has(path)) path = `${base}_${safe}_${s.segment.number}${ext}`;
    seen.add(path);
    return path;
  });
}
