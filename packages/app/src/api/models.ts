import type { ModelSummary } from '@voxa/core';

/** The server's segmentation models (the models plugin), on the server that serves the app. */
export const MODELS_API = '/api/models';

/** The models the server offers (manifests it could not use are left out). */
export async function listModels(): Promise<ModelSummary[]> {
  const r = await fetch(MODELS_API, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`${MODELS_API}: HTTP ${r.status} ${await r.text()}`);
  return ((await r.json()) as { models: ModelSummary[] }).models;
}

/** The URL of a model's manifest; its `file` ("file") resolves against it to the ONNX file's URL. */
export function modelManifestUrl(id: string): string {
  return `${MODELS_API}/${encodeURIComponent(id)}/manifest`;
}
export type { ModelSummary } from '@voxa/core';
