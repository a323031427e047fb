import type { Dims3, Vec3 } from '@voxa/core';
import type { ModelFile } from './resolveModelFile.ts';
import type { ModelEntry } from './scanModelManifests.ts';

/** What GET /api/models says about one model: enough to choose it, without the whole manifest. */
export interface ModelSummary {
  id: string;
  /** The manifest, relative to the models folder. */
  manifestFile: string;
  name: string;
  version: string;
  title?: string;
  description?: string;
  license: string;
  source: string;
  citation?: string;
  /** The modality the model was trained on ('MR', 'CT'). */
  modality?: string;
  sha256?: string;
  grid: { orientation: string; spacingMm: Vec3 | 'as-is'; shape?: Dims3 };
  patchSize: Dims3 | 'whole';
  axisOrder: string;
  channels: number;
  labels: { channel: number; label: string; description?: string; color: [number, number, number] }[];
  /** Whether GET …/file can send the ONNX file, its size, or why not. */
  file: { available: boolean; bytes?: number; problem?: string };
}

/** The summary of a model; `file` is what `resolveModelFile` answered (its file, or the error's message). */
export function modelSummary(entry: ModelEntry, file: ModelFile | Error): ModelSummary {
  const m = entry.manifest;
  return {
    id: entry.id,
    manifestFile: entry.manifestFile,
    name: m.name,
    version: m.version,
    title: m.title,
    description: m.description,
    license: m.license,
    source: m.source,
    citation: m.citation,
    modality: m.input.modality,
    sha256: m.sha256,
    grid: m.input.grid,
    patchSize: m.inference.patchSize,
    axisOrder: m.input.axisOrder,
    channels: m.output.channels,
    labels: m.output.labels.map((l) => ({ channel: l.channel, label: l.label, description: l.description, color: l.color })),
    file: file instanceof Error ? { available: false, problem: file.message } : { available: true, bytes: file.bytes },
  };
}
