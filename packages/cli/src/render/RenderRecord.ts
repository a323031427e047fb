import { spacingMm, type Vec3, type VolumePreset } from '@voxa/core';
import cliPackage from '../../package.json' with { type: 'json' };
import type { RenderInput } from './readRenderVolume.ts';
import type { RenderedParameters, RenderMode, RenderView } from './RenderJob.ts';

/** The tEXt keyword of the record in every PNG `voxa render` writes. */
export const RENDER_RECORD_KEYWORD = 'voxa:render';

/**
 * What a rendered image was made from and with: the PNG carries it as JSON (tEXt
 * `voxa:render`), so that an image in a report can be traced and rendered again. Patient names
 * and ids are left out; the series is named by its UIDs, number and description.
 */
export interface RenderRecord {
  software: string;
  /** ISO 8601, UTC. */
  created: string;
  /** Cinematic images are not for diagnosis (and say so in the image). */
  diagnostic: boolean;
  input: {
    path: string;
    format: string;
    modality?: string;
    studyInstanceUid?: string;
    seriesInstanceUid?: string;
    seriesNumber?: number;
    seriesDescription?: string;
    dimensions: [number, number, number];
    spacingMm: Vec3;
    notes: string[];
  };
  preset: { name: string; label: string; relative: boolean; rangeFromVolume?: { low: number; high: number } };
  mode: RenderMode;
  view: RenderView;
  size: { width: number; height: number };
  /** Everything the renderer was given: camera, settings (transfer function, shading, window …), path tracer settings and samples, label. */
  rendered: RenderedParameters;
  browser: string;
}

/** The record of one render. */
export function renderRecord(o: {
  path: string; input: RenderInput; preset: VolumePreset; range?: { low: number; high: number };
  mode: RenderMode; view: RenderView; size: { width: number; height: number }; rendered: RenderedParameters; browser: string; created?: Date;
}): RenderRecord {
  const { volume } = o.input;
  const m = volume.meta;
  return {
    software: `Voxa ${cliPackage.version} (voxa render)`,
    created: (o.created ?? new Date()).toISOString(),
    diagnostic: o.mode !== 'cinematic',
    input: {
      path: o.path, format: o.input.format, modality: m.modality, studyInstanceUid: m.studyInstanceUid, seriesInstanceUid: m.seriesInstanceUid,
      seriesNumber: m.seriesNumber, seriesDescription: m.seriesDescription, dimensions: [...volume.dimensions], spacingMm: spacingMm(volume), notes: o.input.notes,
    },
    preset: { name: o.preset.name, label: o.preset.label, relative: o.preset.relative, rangeFromVolume: o.preset.relative ? o.range : undefined },
    mode: o.mode,
    view: o.view,
    size: o.size,
    rendered: o.rendered,
    browser: o.browser,
  };
}
