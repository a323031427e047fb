// The render benchmark's volume: the digital torso phantom's baseline CT (core's
// generatePhantomTimePoint, full size: 512×512×300 at 0.7×0.7×1.5 mm, σ = 10 HU noise) resampled
// trilinearly onto an N³ isotropic grid over its 358.4 mm axial field of view (N = 256: 1.4 mm;
// the middle 358.4 mm of its 450 mm length). Written once per N as raw int16 (Voxa, vtk.js) and as
// a NIfTI-1 of the same voxels (NiiVue).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePhantomTimePoint, mat4FromColumns, resample, valueRange, writeNifti, type Vec3 } from '@voxa/core';
import type { BenchGrid } from './renderBenchScene.ts';

/** The axial field of view of the phantom (mm), both sizes. */
const FIELD_MM = 358.4;
/** Bumped when the volume's recipe changes, so cached files are remade. */
const RECIPE = 1;

export interface BenchVolumeFiles {
  grid: BenchGrid;
  rawPath: string;
  niftiPath: string;
  /** min and max HU of the voxels. */
  range: [number, number];
}

/** The files for an N³ volume in `dir`, made if missing. */
export function benchVolume(n: number, dir: string): BenchVolumeFiles {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `ct-${n}`);
  const rawPath = `${base}.raw`, niftiPath = `${base}.nii`, metaPath = `${base}.json`;
  if (existsSync(metaPath) && existsSync(rawPath) && existsSync(niftiPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { recipe: number; grid: BenchGrid; range: [number, number] };
    if (meta.recipe === RECIPE) return { grid: meta.grid, rawPath, niftiPath, range: meta.range };
  }
  const spacingMm = FIELD_MM / n;
  const originLps: Vec3 = [0, 1, 2].map(() => (-(n - 1) * spacingMm) / 2) as Vec3;
  const indexToWorld = mat4FromColumns([spacingMm, 0, 0], [0, spacingMm, 0], [0, 0, spacingMm], originLps);
  const phantom = generatePhantomTimePoint(0, { size: 'full', timePoints: 1 }).ct;
  const ct = resample(phantom, { dimensions: [n, n, n], indexToWorld }, { interpolation: 'linear', fill: -1000 });
  const grid: BenchGrid = { dimensions: [n, n, n], spacingMm, originLps, indexToWorld: [...indexToWorld] };
  const voxels = ct.voxels as Int16Array;
  writeFileSync(rawPath, new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength));
  writeFileSync(niftiPath, writeNifti(ct, { description: `Voxa render bench CT ${n}^3` }));
  const range = valueRange(ct);
  writeFileSync(metaPath, JSON.stringify({ recipe: RECIPE, grid, range }));
  return { grid, rawPath, niftiPath, range };
}
