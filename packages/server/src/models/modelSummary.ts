import type { ModelSummary } from '@voxa/core';
import type { ModelFile } from './resolveModelFile.ts';
import type { ModelEntry } from './scanModelManifests.ts';

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
