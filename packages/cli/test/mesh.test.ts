import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVolume, LABEL_TABLE_FORMAT, mat4FromColumns, SEGMENT_CATEGORY, SEGMENT_TYPE, writeNifti, type LabelTable } from '@voxa/core';
import { admesh, hasAdmesh } from '../../core/test/mesh/export/admesh.ts';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { runCli } from './runCli.ts';

// A 40×40×24 label map, 1 × 1 × 2 mm voxels, origin (−20, 30, 100) LPS mm: label 1 a ball of
// radius 8 mm centred at voxel (10, 10, 6), label 2 a box of voxels 22…33 × 20…31 × 10…17
// (12 × 12 × 8 voxels = 12 × 12 × 16 mm = 2304 mm³ of voxels).
const DIMS: [number, number, number] = [40, 40, 24];
const SPACING = [1, 1, 2];
const BOX_VOXELS = 12 * 12 * 8;

function labelMap() {
  const v = createVolume({
    dimensions: DIMS, type: 'uint8', units: 'label',
    indexToWorld: mat4FromColumns([SPACING[0], 0, 0], [0, SPACING[1], 0], [0, 0, SPACING[2]], [-20, 30, 100]),
  });
  const [nx, ny, nz] = DIMS;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const x = (i - 10) * SPACING[0], y = (j - 10) * SPACING[1], z = (k - 6) * SPACING[2];
    if (x * x + y * y + z * z <= 64) v.voxels[i + nx * (j + ny * k)] = 1;
    if (i >= 22 && i <= 33 && j >= 20 && j <= 31 && k >= 10 && k <= 17) v.voxels[i + nx * (j + ny * k)] = 2;
  }
  return v;
}

const table: LabelTable = {
  format: LABEL_TABLE_FORMAT, version: 1, label: 'Shapes',
  segments: [
    { segmentNumber: 1, layer: 0, value: 1, label: 'Ball', color: [255, 0, 0], category: SEGMENT_CATEGORY.tissue, type: SEGMENT_TYPE.lesion, algorithmType: 'MANUAL', review: { status: 'draft' } },
    { segmentNumber: 2, layer: 0, value: 2, label: 'Big box', color: [0, 128, 255], category: SEGMENT_CATEGORY.tissue, type: SEGMENT_TYPE.tissue, algorithmType: 'MANUAL', review: { status: 'draft' } },
  ],
};

describe('voxa mesh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-mesh-'));
  const labels = join(dir, 'shapes.nii.gz');
  beforeAll(() => {
    writeFileSync(labels, writeNifti(labelMap(), { gzip: true }));
    writeFileSync(join(dir, 'shapes.labels.json'), JSON.stringify(table));
  });

  it('→ .glb: both segments named and coloured from the label table; one line per segment with its measures', async () => {
    const out = join(dir, 'shapes.glb');
    const r = runCli(['mesh', labels, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 Ball: \d+ vertices, \d+ triangles, [\d.]+ mm³, [\d.]+ mm², watertight$/m);
    expect(r.stdout).toMatch(/^2 Big box: \d+ vertices, \d+ triangles, [\d.]+ mm³, [\d.]+ mm², watertight$/m);
    const doc = await new NodeIO().readBinary(new Uint8Array(readFileSync(out)));
    expect(doc.getRoot().listNodes().map((n) => n.getName())).toEqual(['Ball', 'Big box']);
    expect(doc.getRoot().listMaterials()[0].getBaseColorFactor()).toEqual([1, 0, 0, 1]);
    // The ball's centre, voxel (10, 10, 6) = LPS (−10, 40, 112) mm, is the middle of its glTF
    // bounding box: (x, z, −y) × 0.001 m (smoothing keeps a symmetric shape centred).
    const pos = doc.getRoot().listMeshes()[0].listPrimitives()[0].getAttribute('POSITION')!;
    const centre = pos.getMin([] as number[]).map((lo, a) => (lo + pos.getMax([] as number[])[a]) / 2);
    [-0.01, 0.112, -0.04].forEach((c, a) => expect(centre[a]).toBeCloseTo(c, 4));
  });

  it('→ .stl: one binary STL per segment (<stem>_<label>.stl), each closed for admesh', () => {
    const out = join(dir, 'shapes.stl');
    const r = runCli(['mesh', labels, '-o', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    for (const file of ['shapes_Ball.stl', 'shapes_Big_box.stl']) {
      const bytes = readFileSync(join(dir, file));
      const facets = bytes.readUInt32LE(80);
      expect(bytes.length).toBe(84 + 50 * facets);
      if (hasAdmesh()) {
        const a = admesh(join(dir, file));
        expect([a.facets, a.disconnectedFacets, a.backwardsEdges, a.facetsAdded, a.parts], a.text).toEqual([facets, 0, 0, 0, 1]);
      }
    }
  });

  it('--segments 2 --smooth 0 → .stl: just the box, its voxel staircase (chamfered corners) holding about 2304 mm³', () => {
    const out = join(dir, 'box.stl');
    const r = runCli(['mesh', labels, '-o', out, '--segments', '2', '--smooth', '0']);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const volume = Number(/Big box: .* ([\d.]+) mm³/.exec(r.stdout)![1]);
    // Marching tetrahedra cut the box's edges and corners a little: a bit less than the voxels' volume.
    expect(volume).toBeLessThan(BOX_VOXELS * 2);
    expect(volume).toBeGreaterThan(BOX_VOXELS * 2 * 0.9);
    if (hasAdmesh()) expect(admesh(out).volume).toBeCloseTo(volume, 0);
  });

  it('→ .obj + .mtl, → .ply (one segment), → .3mf (millimetres, both objects)', () => {
    expect(runCli(['mesh', labels, '-o', join(dir, 'shapes.obj'), '--quiet']).code).toBe(0);
    const obj = readFileSync(join(dir, 'shapes.obj'), 'utf8');
    expect(obj).toContain('mtllib shapes.mtl');
    expect(obj.match(/^o .*/gm)).toEqual(['o Ball', 'o Big box']);
    expect(readFileSync(join(dir, 'shapes.mtl'), 'utf8')).toContain('newmtl Big_box\nKd 0 0.502 1\n');

    expect(runCli(['mesh', labels, '-o', join(dir, 'ball.ply'), '--segments', '1', '--quiet']).code).toBe(0);
    const ply = readFileSync(join(dir, 'ball.ply'));
    const header = ply.subarray(0, ply.indexOf('end_header\n')).toString('latin1');
    expect(header.startsWith('ply\nformat binary_little_endian 1.0\ncomment Voxa SPACE=LPS units=mm\ncomment name Ball\n')).toBe(true);
    expect(header).toMatch(/element vertex \d+\n(.*\n)*property uchar red\n(.*\n)*element face \d+\n/);

    expect(runCli(['mesh', labels, '-o', join(dir, 'shapes.3mf'), '--quiet']).code).toBe(0);
    const model = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, 'shapes.3mf'))))['3D/3dmodel.model']);
    expect(model).toContain('unit="millimeter"');
    expect([...model.matchAll(/<object id="\d+" type="model" name="([^"]*)"/g)].map((m) => m[1])).toEqual(['Ball', 'Big box']);
  });

  it('--report writes <stem>.report.json: both segments printable, the ball’s volume near 4/3·π·8³', () => {
    const out = join(dir, 'report.glb');
    const r = runCli(['mesh', labels, '-o', out, '--report', '--decimate', '0.5']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 Ball: .*, printable$/m);
    const report = JSON.parse(readFileSync(join(dir, 'report.report.json'), 'utf8'));
    expect(report.segments.map((s: { label: string; report: { printable: boolean } }) => [s.label, s.report.printable])).toEqual([['Ball', true], ['Big box', true]]);
    const ball = report.segments[0].report;
    expect(ball).toMatchObject({ watertight: true, manifold: true, selfIntersections: 0, components: 1, genus: 0 });
    // Voxelised at 1 × 1 × 2 mm and smoothed: within 10% of the true ball's 2144.7 mm³.
    expect(Math.abs(ball.volumeMm3 / ((4 / 3) * Math.PI * 512) - 1)).toBeLessThan(0.1);
    expect(ball.manifoldVolumeMm3 / ball.volumeMm3).toBeCloseTo(1, 4);
    expect(report.segments.map((s: { file: string }) => s.file)).toEqual(['report.glb', 'report.glb']);
  });

  it('--report with one STL per segment names each segment’s file', () => {
    expect(runCli(['mesh', labels, '-o', join(dir, 'r.stl'), '--report', '--quiet', '--smooth', '0']).code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.report.json'), 'utf8'));
    expect(report.output).toEqual(['r_Ball.stl', 'r_Big_box.stl']);
    expect(report.segments.map((s: { file: string }) => s.file)).toEqual(['r_Ball.stl', 'r_Big_box.stl']);
  });

  it('a segment of the label table without voxels is left out with a warning; the others are written', () => {
    const withEmpty: LabelTable = { ...table, segments: [...table.segments, { ...table.segments[0], segmentNumber: 3, value: 3, label: 'Nothing' }] };
    writeFileSync(join(dir, 'with-empty.labels.json'), JSON.stringify(withEmpty));
    const r = runCli(['mesh', labels, '-o', join(dir, 'empty.3mf'), '--label-table', join(dir, 'with-empty.labels.json'), '--smooth', '0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: segment 3 (Nothing) has no voxels; no mesh written for it\n');
    const model = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, 'empty.3mf'))))['3D/3dmodel.model']);
    expect([...model.matchAll(/<object id="\d+" type="model" name="([^"]*)"/g)].map((m) => m[1])).toEqual(['Ball', 'Big box']);
  });

  it('usage errors exit 2 with the help; an unknown segment number exits 1 naming the segments', () => {
    const noOut = runCli(['mesh', labels]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('voxa mesh <segmentation>');
    expect(runCli(['mesh', labels, '-o', join(dir, 'x.fbx')]).code).toBe(2);
    expect(runCli(['mesh', labels, '-o', join(dir, 'x.glb'), '--decimate', '2']).code).toBe(2);
    const unknown = runCli(['mesh', labels, '-o', join(dir, 'x.glb'), '--segments', '7']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no segment number 7; the segments are 1 (Ball), 2 (Big box)');
  });
});

describe.runIf(HAS_SHARED)('voxa mesh on a DICOM SEG', () => {
  it('dcmqi liver.dcm (BINARY SEG, 3 slices) → .stl of segment 1 Liver, closed for admesh, with a report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-mesh-seg-'));
    const out = join(dir, 'liver.stl');
    const r = runCli(['mesh', sharedData('dcmqi', 'data', 'segmentations', 'liver.dcm'), '-o', out, '--report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('BINARY DICOM SEG: 1 segment(s) on 512×512×3');
    expect(r.stdout).toMatch(/^1 Liver: \d+ vertices, \d+ triangles, [\d.]+ mm³, [\d.]+ mm², watertight/m);
    const report = JSON.parse(readFileSync(join(dir, 'liver.report.json'), 'utf8')).segments[0].report;
    expect(report).toMatchObject({ watertight: true, manifold: true, outward: true, selfIntersections: 0 });
    if (hasAdmesh()) {
      const a = admesh(out);
      expect([a.disconnectedFacets, a.backwardsEdges, a.facetsAdded, a.facetsReversed], a.text).toEqual([0, 0, 0, 0]);
      // What admesh calls degenerate facets is what the report counts as triangles without area.
      expect(a.degenerateFacets).toBe(report.zeroAreaTriangles);
    }
  });
});
