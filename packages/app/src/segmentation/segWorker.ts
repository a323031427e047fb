/// <reference lib="webworker" />
import {
  closingMm, connectedThreshold, createVolume, fillBetweenSlices, fillHoles, growFromSeeds, levelTrace, gaussianLabel, hollow, keepLargestIsland, kernelVoxelsForMm, marginMm, medianLabel, openingMm,
  measureLesion, removeSmallIslands, scissors, segmentCtStructures, segmentLesionAt, spacingMm, threshold, transformPoint, worldToIndexMatrix,
  type Dims3, type Volume,
} from '@voxa/core';
import type { MaskJob, SegRequest, SegResponse } from './segJobs.ts';

/**
 * The segmentation worker: holds the image (a CPU copy handed over once) and runs core's
 * algorithms on it, so the page stays responsive during region growing, morphology or the CT
 * rules. Masks come and go by transfer.
 */
let image: Volume | undefined;

self.onmessage = (e: MessageEvent<SegRequest>) => {
  const r = e.data;
  const t0 = performance.now();
  try {
    if (r.kind === 'image') {
      image = createVolume({ dimensions: r.dimensions, indexToWorld: r.indexToWorld, voxels: r.voxels as Volume['voxels'], units: r.units });
      reply({ id: r.id, ok: true, ms: performance.now() - t0 });
    } else if (r.kind === 'mask') {
      const v = need(), job = r.job;
      if (job.op === 'lesion') {
        // Measured here, on the worker's image: no copy of the image comes back to the page for it.
        const lesion = segmentLesionAt(v, job.seedLps);
        reply({ id: r.id, ok: true, mask: lesion.mask, lesion: measureLesion(v, lesion), ms: performance.now() - t0 }, [lesion.mask.buffer]);
      } else {
        const mask = runMask(v, job);
        reply({ id: r.id, ok: true, mask, ms: performance.now() - t0 }, [mask.buffer]);
      }
    } else if (r.kind === 'image-copy') {
      const voxels = need().voxels.slice();
      reply({ id: r.id, ok: true, voxels, ms: performance.now() - t0 }, [voxels.buffer]);
    } else {
      const s = segmentCtStructures(need());
      reply({ id: r.id, ok: true, autoCt: { layers: s.layers, segments: s.segments }, ms: performance.now() - t0 }, s.layers.map((l) => l.buffer));
    }
  } catch (err) {
    reply({ id: r.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};

function reply(r: SegResponse, transfer: Transferable[] = []): void {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(r, transfer);
}

function need(): Volume {
  if (!image) throw new Error('the image has not reached the segmentation worker yet');
  return image;
}

function runMask(v: Volume, job: Exclude<MaskJob, { op: 'lesion' }>): Uint8Array {
  const dims: Dims3 = v.dimensions;
  const sp = spacingMm(v);
  switch (job.op) {
    case 'threshold': return threshold(v.voxels, job.lo, job.hi);
    case 'grow': return connectedThreshold(v.voxels, dims, [seedIndex(v, job.seedLps)], job.lo, job.hi);
    case 'keep-largest': return keepLargestIsland(job.mask, dims);
    case 'remove-small': return removeSmallIslands(job.mask, dims, Math.ceil(job.minMm3 / (sp[0] * sp[1] * sp[2])));
    case 'margin': return marginMm(job.mask, dims, sp, job.mm);
    case 'fill-holes': return fillHoles(job.mask, dims);
    case 'hollow': return hollow(job.mask, dims, sp, job.mm, { shell: 'inside' });
    case 'level': {
      const seed = seedIndex(v, job.seedLps);
      return levelTrace(v.voxels, dims, [seed % dims[0], Math.floor(seed / dims[0]) % dims[1], Math.floor(seed / (dims[0] * dims[1]))], sliceAxis(v, job.normal));
    }
    case 'fill-between': return fillBetweenSlices(job.mask, dims, sp, { axis: job.axis });
    case 'scissors': {
      const half = job.slabMm === undefined ? undefined : job.slabMm / 2;
      scissors(job.mask, dims, v.indexToWorld, job.polygonLps, job.directionLps, job.operation, half === undefined ? {} : { slabMm: [-half, half] });
      return job.mask;
    }
    // Like Slicer's effect, growth stays in the seeds' box grown by 10% a side (the whole grid would take a minute on a large CT).
    case 'grow-seeds': return growFromSeeds(v.voxels, dims, job.mask, { spacingMm: sp, extentGrowth: 0.1 });
    case 'smooth':
      if (job.kind === 'median') return medianLabel(job.mask, dims, { kernel: kernelVoxelsForMm(job.mm, sp) });
      if (job.kind === 'opening') return openingMm(job.mask, dims, sp, job.mm);
      if (job.kind === 'closing') return closingMm(job.mask, dims, sp, job.mm);
      return gaussianLabel(job.mask, dims, sp, job.mm);
  }
}

/** The index axis a view looks along (its planes are slices of the grid); throws for an oblique view. */
function sliceAxis(v: Volume, normal: [number, number, number]): 0 | 1 | 2 {
  const m = v.indexToWorld;
  for (const a of [0, 1, 2] as const) {
    const c = [m[a * 4], m[a * 4 + 1], m[a * 4 + 2]];
    const len = Math.hypot(c[0], c[1], c[2]);
    if (Math.abs(c[0] * normal[0] + c[1] * normal[1] + c[2] * normal[2]) / len > 0.999) return a;
  }
  throw new Error('this tool works on slices of the image: use a view along an image axis, not an oblique one');
}

/** Linear index of the voxel nearest an LPS point; throws when it is outside the image. */
function seedIndex(v: Volume, p: [number, number, number]): number {
  const c = transformPoint(worldToIndexMatrix(v), p).map(Math.round);
  const [nx, ny, nz] = v.dimensions;
  if (c[0] < 0 || c[1] < 0 || c[2] < 0 || c[0] >= nx || c[1] >= ny || c[2] >= nz) throw new Error(`the click (${p.map((x) => x.toFixed(1)).join(', ')}) is outside the image`);
  return c[0] + nx * (c[1] + ny * c[2]);
}
