// Surface-model benchmark: the phantom's whole label map → smoothed, decimated meshes with
// normals, Voxa (core mesh/, one thread) against VTK 9 (Debian python3-vtk9:
// vtkDiscreteFlyingEdges3D → vtkWindowedSincPolyDataFilter → vtkQuadricDecimation →
// vtkPolyDataNormals) with the same smoothing and decimation settings, in the same run.
//
//   npm run bench -- mesh [--size full|small] [--runs N] [--iterations 30] [--pass-band 0.2] [--keep 0.25]
//
// Both get the same settings (default: Voxa's smoothing defaults). The full phantom takes about
// 15 minutes, nearly all of it VTK's (decimation, then the untimed Hausdorff filter).
//
// Fidelity: the symmetric Hausdorff distance (and mean distance) between each label's two
// meshes (VTK's point-to-cell filter, untimed), and each Voxa mesh's volume against its label
// volume. Results: a table and .bench/mesh.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkMeshTopology, generatePhantomTimePoint, meshTriangleCount, meshVolume, PHANTOM_LABEL, segmentationToMeshes, SMOOTH_MESH_DEFAULTS, spacingMm, type LabelMesh, type PhantomSize,
} from '../packages/core/src/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-vtk9

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

interface VtkResult { ms: number[]; labels: Record<string, { triangles: number; volume: number; openEdges: number; hausdorff: number; meanDistance: number }> }

export async function main(args: string[]): Promise<number> {
  const size = arg(args, '--size', 'full') as PhantomSize;
  const runs = Number(arg(args, '--runs', size === 'full' ? '1' : '3'));
  const iterations = Number(arg(args, '--iterations', String(SMOOTH_MESH_DEFAULTS.iterations)));
  const passBand = Number(arg(args, '--pass-band', String(SMOOTH_MESH_DEFAULTS.passBand)));
  const keepRatio = Number(arg(args, '--keep', '0.25'));
  console.log(`generating the ${size} phantom…`);
  const tp = generatePhantomTimePoint(0, { size });
  const labels = tp.labels.voxels as Uint8Array;
  const dims = tp.labels.dimensions, m = tp.labels.indexToWorld, sp = spacingMm(tp.labels);
  // VTK's image data has no direction matrix here (9.1's vtkImageData does, but the filters ignore it): the grid must be axis-aligned.
  if ([1, 2, 4, 6, 8, 9].some((i) => Math.abs(m[i]) > 1e-9) || m[0] <= 0 || m[5] <= 0 || m[10] <= 0) throw new Error('the phantom grid is not axis-aligned with positive spacing: the VTK peer cannot take it');
  const present = new Set<number>();
  for (let n = 0; n < labels.length; n++) present.add(labels[n]);
  present.delete(0);
  const values = [...present].sort((a, b) => a - b);
  console.log(`${dims.join('×')} labels at ${sp.map((s) => s.toFixed(2)).join('×')} mm, ${values.length} labels; smoothing ${iterations} iterations, pass band ${passBand}; keep ${keepRatio} of the triangles; ${runs} run(s)\n`);

  const times: number[] = [];
  let meshes: LabelMesh[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    meshes = await segmentationToMeshes(labels, dims, m, { smoothIterations: iterations, passBand, decimate: { targetRatio: keepRatio }, values });
    times.push(performance.now() - t);
  }
  const voxaMs = median(times);

  const work = mkdtempSync(join(tmpdir(), 'voxa-bench-mesh-'));
  writeFileSync(join(work, 'labels.raw'), labels);
  for (const { value, mesh } of meshes) {
    writeFileSync(join(work, `voxa_${value}.pos.raw`), mesh.positions);
    writeFileSync(join(work, `voxa_${value}.idx.raw`), mesh.indices);
  }
  writeFileSync(join(work, 'job.json'), JSON.stringify({ dims, spacing: sp, origin: [m[12], m[13], m[14]], labels: values, iterations, passBand, keepRatio, runs }));
  const py = spawnSync(PYTHON, [join(ROOT, 'bench/mesh/vtkPeer.py'), work], { encoding: 'utf8', maxBuffer: 1 << 26 });
  rmSync(work, { recursive: true, force: true });
  const vtk: VtkResult | undefined = py.status === 0 ? JSON.parse(py.stdout.trim().split('\n').pop()!) : undefined;
  if (!vtk) console.error(`VTK peer failed (apt-get install python3-vtk9):\n${py.stderr}`);

  const name = (v: number) => Object.entries(PHANTOM_LABEL).find(([, x]) => x === v)?.[0] ?? String(v);
  const voxelMm3 = sp[0] * sp[1] * sp[2];
  const counts = new Float64Array(256);
  for (let n = 0; n < labels.length; n++) counts[labels[n]]++;
  const rows = meshes.map(({ value, mesh, decimation }) => {
    const topo = checkMeshTopology(mesh);
    const peer = vtk?.labels[String(value)];
    return {
      label: name(value), triangles: meshTriangleCount(mesh), vtkTriangles: peer?.triangles,
      volumeError: meshVolume(mesh) / (counts[value] * voxelMm3) - 1, vtkVolumeError: peer ? peer.volume / (counts[value] * voxelMm3) - 1 : undefined, vtkOpenEdges: peer?.openEdges, closed: topo.watertight && decimation?.manifold !== false,
      hausdorffMm: peer?.hausdorff, meanDistanceMm: peer?.meanDistance,
    };
  });
  console.log('| label | Voxa triangles | VTK triangles | Voxa volume vs label | VTK volume vs label | Voxa closed & manifold | VTK open/non-manifold edges | Hausdorff Voxa↔VTK mm | mean distance mm |');
  console.log('|---|---:|---:|---:|---:|---|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.triangles} | ${r.vtkTriangles ?? '–'} | ${(100 * r.volumeError).toFixed(2)}% | ${r.vtkVolumeError === undefined ? '–' : `${(100 * r.vtkVolumeError).toFixed(2)}%`} | ${r.closed ? 'yes' : 'NO'} | ${r.vtkOpenEdges ?? '–'} | ${r.hausdorffMm?.toFixed(2) ?? '–'} | ${r.meanDistanceMm?.toFixed(3) ?? '–'} |`);
  }
  const vtkMs = vtk ? median(vtk.ms) : undefined;
  console.log(`\nwhole label map → smoothed, decimated meshes with normals: Voxa ${(voxaMs / 1000).toFixed(1)} s, VTK 9 ${vtkMs ? `${(vtkMs / 1000).toFixed(1)} s` : '–'}`
    + `${vtkMs ? ` → Voxa ×${(vtkMs / voxaMs).toFixed(2)} VTK's speed` : ''}`);
  const worst = rows.reduce((a, r) => Math.max(a, r.hausdorffMm ?? 0), 0);
  if (vtk) console.log(`largest Hausdorff distance between the two outputs: ${worst.toFixed(2)} mm (voxels ${sp.map((s) => s.toFixed(2)).join('×')} mm)`);
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  writeFileSync(join(ROOT, '.bench/mesh.json'), JSON.stringify({ size, dims, runs, iterations, passBand, keepRatio, voxaMs, vtkMs, rows }, null, 2));
  return vtk ? 0 : 1;
}
