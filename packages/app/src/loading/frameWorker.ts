/// <reference lib="webworker" />
import { allocVoxels, CodecRegistry, decodeFrame, writeRescaledSlice, type DecodedFrame, type VoxelArray } from '@voxa/core';
import type { FrameJob, FrameResult } from './FrameJob.ts';
import { boundaryOf, multipartParts } from './multipartParts.ts';

// Fetches, decodes (wasm codecs, loaded from our own server) and rescales frames off the UI
// thread; each slice goes back as a transferred buffer, so no copy of the volume builds up here.
const codecs = new CodecRegistry({ locateFile: (file) => `/codecs/${file}` });
const ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

async function run(job: FrameJob): Promise<FrameResult> {
  const r = await fetch(job.url, { headers: { accept: ACCEPT } });
  if (!r.ok) throw new Error(`HTTP ${r.status}: ${(await r.text()).slice(0, 300)}`);
  const parts = multipartParts(new Uint8Array(await r.arrayBuffer()), boundaryOf(r.headers.get('content-type') ?? ''));
  if (parts.length !== 1) throw new Error(`expected one frame, got ${parts.length} parts`);
  const syntax = /transfer-syntax=([0-9.]+)/.exec(parts[0].contentType)?.[1] ?? '1.2.840.10008.1.2.1';
  const first = job.slices[0].slice;
  const decoded: DecodedFrame = await decodeFrame(parts[0].body, { ...first.instance.pixel, transferSyntaxUid: syntax, file: first.instance.file }, codecs);
  const slices = job.slices.map(({ k, slice }) => {
    const out = allocVoxels(job.voxelType, job.nx * job.ny);
    const clamped = !writeRescaledSlice(decoded, slice, out, 0, 1, job.nx, job.ny);
    if (clamped) writeClamped(decoded, slice, out, job.nx, job.ny);
    return { k, values: out, clamped };
  });
  return { id: job.id, ok: true, slices };
}

/** A value beyond the texture type (rare: CT past int16) is clamped; the view then says so. */
function writeClamped(d: DecodedFrame, s: FrameJob['slices'][number]['slice'], out: VoxelArray, nx: number, ny: number): void {
  const lo = out instanceof Int16Array ? -32768 : out instanceof Uint16Array || out instanceof Uint8Array ? 0 : -Infinity;
  const hi = out instanceof Int16Array ? 32767 : out instanceof Uint16Array ? 65535 : out instanceof Uint8Array ? 255 : Infinity;
  const cols = s.instance.pixel.columns;
  let x0 = 0, y0 = 0;
  if (s.tileIndex >= 0 && s.instance.mosaic) {
    x0 = (s.tileIndex % s.instance.mosaic.tilesPerRow) * nx;
    y0 = Math.floor(s.tileIndex / s.instance.mosaic.tilesPerRow) * ny;
  }
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const v = d.pixels[(y0 + y) * cols + x0 + x] * s.rescaleSlope + s.rescaleIntercept;
    out[y * nx + x] = Math.min(hi, Math.max(lo, v));
  }
}

self.onmessage = async (e: MessageEvent<FrameJob>) => {
  let result: FrameResult;
  try {
    result = await run(e.data);
  } catch (error) {
    result = { id: e.data.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const transfer = result.ok ? result.slices.map((s) => s.values.buffer as ArrayBuffer) : [];
  (self as unknown as Worker).postMessage(result, transfer);
};
