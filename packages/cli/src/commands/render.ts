import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import {
  defaultVolumePreset, indexToWorldPoint, resolveVolumePreset, VOLUME_PRESETS, volumePreset, VoxaError, type Vec3, type Volume, type VolumePreset,
} from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import { numberArg, parse, UsageError } from '../args.ts';
import { ProgressBar } from '../ProgressBar.ts';
import { addPngText, asciiJson } from '../render/pngText.ts';
import { readRenderVolume } from '../render/readRenderVolume.ts';
import { missingPrerequisite, renderInChromium, type ChromiumRender } from '../render/renderInChromium.ts';
import {
  CINEMATIC_LABEL, RENDER_MODES, RENDER_PROJECTIONS, RENDER_VIEWS, type RenderJob, type RenderMode, type RenderProjection, type RenderView,
} from '../render/RenderJob.ts';
import { RENDER_RECORD_KEYWORD, renderRecord } from '../render/RenderRecord.ts';
import { robustRange } from '../render/robustRange.ts';

/** `voxa render`'s defaults. */
export const RENDER_DEFAULTS = { mode: 'raycast' as RenderMode, samples: 256, view: 'anterior' as RenderView, projection: 'perspective' as RenderProjection, width: 512, height: 512 };

/** Largest image side: chromium's canvas and SwiftShader's render targets hold it. */
const MAX_SIDE = 4096;
const MAX_SAMPLES = 65536;

export const RENDER_HELP = `voxa render <series> -o <out.png> [options]
  A volume rendering as a PNG, drawn by headless chromium (Debian's /usr/bin/chromium, driven by
  playwright-core; WebGL2, on SwiftShader where there is no GPU, which is slow).
  The PNG carries the rendering parameters as JSON (tEXt "${RENDER_RECORD_KEYWORD}"); cinematic images
  are labelled "${CINEMATIC_LABEL}" in the image.
  <series>          a DICOM folder or file (its largest image series; choose with --series) or a
                    NIfTI / NRRD / MetaImage file (its first time point)
  -o <out.png>      the image (written atomically)
  --preset P        ${VOLUME_PRESETS.map((p) => p.name).join(', ')}
                    (default by modality: ct-bone, mr-default for MR, pet for PT; files without a
                    modality get ct-bone). MR and PET presets span the volume's 1st–99.5th percentile
  --mode M          ${RENDER_MODES.join(', ')} (default ${RENDER_DEFAULTS.mode}); cinematic is path traced
  --samples N       paths per pixel in cinematic mode (default ${RENDER_DEFAULTS.samples})
  --view V          ${RENDER_VIEWS.join(', ')} (default ${RENDER_DEFAULTS.view})
  --projection P    ${RENDER_PROJECTIONS.join(' or ')} (default ${RENDER_DEFAULTS.projection})
  --size WxH        image size in pixels (default ${RENDER_DEFAULTS.width}x${RENDER_DEFAULTS.height}, at most ${MAX_SIDE} a side)
  --window C,W      grey window of mip, minip and average (default: CT presets 400,1500; MR and PET
                    presets the 1st–99.5th percentile)
  --series S        which series of a DICOM folder: Series Instance UID or Series Number
  --quiet           print nothing but errors`;

/** `voxa render`: a volume → a PNG rendered in headless chromium, its parameters inside. Returns the exit code. */
export async function render(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' },
    preset: { type: 'string' },
    mode: { type: 'string' },
    samples: { type: 'string' },
    view: { type: 'string' },
    projection: { type: 'string' },
    size: { type: 'string' },
    window: { type: 'string' },
    series: { type: 'string' },
    quiet: { type: 'boolean' },
  }, 1);
  if (positionals.length > 1) throw new UsageError(`render takes one series, got ${positionals.length}: ${positionals.join(' ')}`);
  const out = values.out;
  if (!out) throw new UsageError('render needs an output file: -o <out.png>');
  if (extname(out).toLowerCase() !== '.png') throw new UsageError(`-o ${out}: the output must be a .png file`);
  const mode = oneOf('--mode', values.mode, RENDER_MODES) ?? RENDER_DEFAULTS.mode;
  const view = oneOf('--view', values.view, RENDER_VIEWS) ?? RENDER_DEFAULTS.view;
  const projection = oneOf('--projection', values.projection, RENDER_PROJECTIONS) ?? RENDER_DEFAULTS.projection;
  const chosenPreset = values.preset === undefined ? undefined : presetArg(values.preset);
  const samples = values.samples === undefined ? RENDER_DEFAULTS.samples : numberArg('--samples', values.samples);
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) throw new UsageError(`--samples ${values.samples}: expected a whole number from 1 to ${MAX_SAMPLES}`);
  const { width, height } = values.size === undefined ? RENDER_DEFAULTS : sizeArg(values.size);
  const window = values.window === undefined ? undefined : windowArg(values.window);
  const log = values.quiet ? () => {} : (s: string) => console.log(s);
  if (values.samples !== undefined && mode !== 'cinematic') console.error(`warning: --samples applies to --mode cinematic; ${mode} ignores it`);
  if (window && (mode === 'raycast' || mode === 'cinematic')) console.error(`warning: --window applies to mip, minip and average; ${mode} uses the preset's transfer function`);
  // Before reading a large series: a wrong path, or a machine that cannot render, says so now.
  if (!existsSync(positionals[0])) throw new VoxaError('VOXA_ERR_FILE_READ', { file: positionals[0] }, 'no such file or folder');
  const missing = missingPrerequisite();
  if (missing) {
    console.error(missing);
    return 1;
  }
  await mkdir(dirname(out), { recursive: true });

  const bar = new ProgressBar('read', { quiet: values.quiet });
  const input = await readRenderVolume(positionals[0], { series: values.series, onProgress: (phase, d, n) => bar.update(d, n, phase) });
  bar.done();
  const { volume } = input;
  if (volume.components !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: positionals[0] }, 'render takes a scalar volume; this one is RGB');
  const m = volume.meta;
  log(`${positionals[0]}: ${[input.format, m.modality, m.seriesDescription && `"${m.seriesDescription}"`].filter(Boolean).join(' ')} ${volume.dimensions.join('×')}${input.notes.length ? ` (${input.notes.join('; ')})` : ''}`);

  const preset = chosenPreset ?? defaultVolumePreset(m.modality);
  const range = preset.relative ? robustRange(volume) : undefined;
  const transferFunction = resolveVolumePreset(preset, range ?? { low: 0, high: 1 });
  const projectionMode = mode === 'mip' || mode === 'minip' || mode === 'average';
  const settings: RenderJob['settings'] = { mode: projectionMode ? mode : 'composite', transferFunction };
  if (preset.shading) settings.shading = preset.shading;
  const windowUsed = window ?? (range && { center: (range.low + range.high) / 2, width: range.high - range.low });
  if (windowUsed) settings.window = windowUsed;
  const job: RenderJob = {
    view, projection, boundsLps: boundsLps(volume), settings,
    cinematic: mode === 'cinematic', samples, width, height, label: mode === 'cinematic' ? CINEMATIC_LABEL : undefined,
  };
  const why = chosenPreset ? '' : `; the default for ${m.modality ? m.modality : 'a volume without modality'}`;
  log(`${preset.name} (${preset.label}${why})${range ? `, values ${fmt(range.low)}…${fmt(range.high)}` : ''}, ${mode}${mode === 'cinematic' ? ` ${samples} samples` : ''}, ${view} ${projection}, ${width}×${height}`);

  const t0 = performance.now();
  const renderBar = new ProgressBar('render', { quiet: values.quiet });
  let rendered: ChromiumRender;
  try {
    rendered = await renderInChromium(volume, job, { onProgress: (d, n) => renderBar.update(d, n, 'rows') });
  } catch (e) {
    console.error(`voxa render: headless chromium failed: ${(e as Error).message ?? e}`);
    return 1;
  } finally {
    renderBar.done();
  }
  const record = renderRecord({ path: positionals[0], input, preset, range, mode, view, size: { width, height }, rendered: rendered.parameters, browser: rendered.browser });
  const text: Record<string, string> = { Software: record.software, [RENDER_RECORD_KEYWORD]: asciiJson(record) };
  if (mode === 'cinematic') text.Warning = CINEMATIC_LABEL.replace('—', '-');
  await writeFileAtomic(out, addPngText(rendered.png, text));
  log(`rendered in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${rendered.parameters.webgl} → ${out}`);
  return 0;
}

/** A flag's value among the allowed ones; UsageError naming them otherwise. */
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} ${value}: expected one of ${allowed.join(', ')}`);
  return value as T;
}

function presetArg(name: string): VolumePreset {
  try {
    return volumePreset(name);
  } catch {
    throw new UsageError(`--preset ${name}: unknown preset; the presets are ${VOLUME_PRESETS.map((p) => p.name).join(', ')}`);
  }
}

function sizeArg(value: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/i.exec(value.trim());
  const [width, height] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(width >= 1 && width <= MAX_SIDE && height >= 1 && height <= MAX_SIDE)) throw new UsageError(`--size ${value}: expected WxH in pixels, e.g. 512x512, each from 1 to ${MAX_SIDE}`);
  return { width, height };
}

function windowArg(value: string): { center: number; width: number } {
  const parts = value.split(',');
  if (parts.length !== 2) throw new UsageError(`--window ${value}: expected centre,width, e.g. 400,1500`);
  const [center, width] = parts.map((p) => numberArg('--window', p));
  if (!(width > 0)) throw new UsageError(`--window ${value}: the width must be above 0`);
  return { center, width };
}

/** The grid's extent in LPS mm: the corners of its voxels' edges, (−½ … n − ½) in index space. */
function boundsLps(volume: Volume): RenderJob['boundsLps'] {
  const lo: Vec3 = [Infinity, Infinity, Infinity], hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  const corner: Vec3 = [0, 0, 0];
  for (let c = 0; c < 8; c++) {
    const ijk = [0, 1, 2].map((a) => ((c >> a) & 1 ? volume.dimensions[a] - 0.5 : -0.5)) as Vec3;
    indexToWorldPoint(volume, ijk, corner);
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], corner[a]);
      hi[a] = Math.max(hi[a], corner[a]);
    }
  }
  return { lo, hi };
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
