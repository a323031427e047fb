import type { Dims3, Vec3 } from '../../math/Vec3.ts';

/**
 * What a model list (the server's GET /api/models) says about one model: enough to choose it
 * without the whole manifest. Shared by the server that builds it and the app that shows it.
 */
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
  /** Whether the model file can be sent, its size, or why not. */
  file: { available: boolean; bytes?: number; problem?: string };
}
