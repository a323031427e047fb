/// <reference lib="webworker" />
import { allocVoxels, CodecRegistry, decodeFrame, writeRescaledSlice, type DecodedFrame } from '@voxa/core';
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
    // The texture's type is fixed: a value beyond it (rare: CT past int16) is clamped, and the view says so.
    const clamped = !writeRescaledSlice(decoded, slice, out, 0, 1, job.nx, job.ny, true);
    return { k, values: out, clamped };
  });
  return { id: job.id, ok: true, slices };
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
