/// <reference lib="webworker" />
import * as ort from 'onnxruntime-web/wasm';
import { createOrtRunner, createVolume, parseModelManifest, segmentWithModel, verifyModelSha256, type SegmentStage, type TensorRunner } from '@voxa/core';
import type { ModelRunOutput, ModelRunRequest, ModelRunStage, ModelRunTimings, ModelWorkerMessage } from './modelJobs.ts';

/**
 * The model worker: one per run (the client terminates it when the run ends or is cancelled, which
 * is also what frees onnxruntime's wasm memory: a WebAssembly heap never shrinks). It fetches the
 * manifest and the ONNX file from our server, checks the SHA-256, and runs core's
 * `segmentWithModel` through onnxruntime-web's WASM execution provider.
 *
 * onnxruntime-web loads its wasm runtime (ort-wasm-simd-threaded.{mjs,wasm}) from /ort/ on our
 * own origin, where the build copies it (vite.config.ts), never from a CDN. Threads need
 * SharedArrayBuffer, i.e. a cross-origin isolated page (COOP/COEP headers); the server does not
 * send them, so the runtime runs single-threaded (SIMD always).
 */
const ORT_WASM_DIR = '/ort/';

const post = (m: ModelWorkerMessage, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

self.onmessage = (e: MessageEvent<ModelRunRequest>) => {
  run(e.data).then(
    (output) => post({ kind: 'done', output }, [output.layer.buffer]),
    (err: unknown) => post({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
};

async function run(r: ModelRunRequest): Promise<ModelRunOutput> {
  const t0 = performance.now();
  const marks: Partial<Record<ModelRunStage | 'end', number>> = { download: t0 };
  const enter = (stage: ModelRunStage, fraction = 0) => {
    marks[stage] ??= performance.now();
    post({ kind: 'progress', progress: { stage, fraction } });
  };
  enter('download');
  const manifestUrl = new URL(r.manifestUrl, self.location.href);
  const manifest = parseModelManifest(await fetchOk(manifestUrl).then((x) => x.text()), manifestUrl.pathname);
  const fileUrl = new URL(manifest.file, manifestUrl);
  const bytes = new Uint8Array(await (await fetchOk(fileUrl)).arrayBuffer());
  if (manifest.sha256 && !self.crypto?.subtle) {
    throw new Error(`cannot check the SHA-256 of ${fileUrl.pathname}: Web Crypto needs a secure context (https, or the server on localhost)`);
  }
  await verifyModelSha256(manifest, bytes, fileUrl.pathname);

  enter('session');
  const threads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  ort.env.wasm.wasmPaths = new URL(ORT_WASM_DIR, self.location.origin).href;
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false; // this is already a worker
  let runner: TensorRunner | undefined;
  try {
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    runner = createOrtRunner(session, ort.Tensor, { inputName: manifest.input.name, outputName: manifest.output.name });
    const { image } = r;
    const volume = createVolume({
      dimensions: image.dimensions, indexToWorld: image.indexToWorld, voxels: image.voxels, units: image.units,
      meta: { modality: image.modality, seriesInstanceUid: image.seriesInstanceUid, frameOfReferenceUid: image.frameOfReferenceUid },
    });
    const warnings: string[] = [];
    const seg = await segmentWithModel(volume, manifest, runner, {
      onProgress: (p) => enter(p.stage as SegmentStage, p.fraction),
      onWarning: (w) => warnings.push(w),
    });
    marks.end = performance.now();
    return {
      layer: seg.layers[0], segments: seg.segments, modelName: manifest.name, modelVersion: manifest.version,
      backend: 'wasm', threads, timings: timings(marks as Record<ModelRunStage | 'end', number>), warnings,
    };
  } finally {
    await runner?.dispose();
  }
}

function timings(m: Record<ModelRunStage | 'end', number>): ModelRunTimings {
  return {
    downloadMs: m.session - m.download,
    sessionMs: m.preprocess - m.session,
    preprocessMs: m.inference - m.preprocess,
    inferenceMs: m.postprocess - m.inference,
    postprocessMs: m.end - m.postprocess,
    totalMs: m.end - m.download,
  };
}

async function fetchOk(url: URL): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status} ${(await r.text()).slice(0, 300)}`);
  return r;
}
