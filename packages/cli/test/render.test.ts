// `voxa render` end to end: the built CLI renders a sphere phantom in headless Debian chromium
// (SwiftShader WebGL2); the balls must land where the camera projects them analytically, and the
// PNG must carry its parameters (and, for cinematic images, the non-diagnostic label).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSpherePhantom, volumePreset, VOLUME_PRESETS, writeNifti, type PhantomSphere } from '@voxa/core';
import { CHROMIUM } from '../src/render/launchChromium.ts';
import { readPngText } from '../src/render/pngText.ts';
import type { RenderRecord } from '../src/render/RenderRecord.ts';
import { runCli } from './runCli.ts';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const CLI = join(DIST, 'voxa.mjs');

/** True when chromium and the built CLI (with its page script) are here; under CI their absence is a failure. */
function canRunRender(): boolean {
  const missing = [CHROMIUM, CLI, join(DIST, 'renderPage.js')].filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  const msg = `voxa render tests need ${missing.join(', ')} (apt-get install chromium; npm run build)`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`\n!!! ${msg}: render tests are SKIPPED !!!\n`);
  return false;
}

/** The built CLI, as `npm run voxa` runs it. */
function runBuiltCli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// Two balls of 1000 HU in air-free 0 HU, on a 64³ grid of 2 mm voxels centred on the origin
// (voxel edges at ±64 mm), their edges ramped over 4 mm so the 500 HU surface is the sphere.
const BALLS: PhantomSphere[] = [
  { centre: [-30, 0, 20], radiusMm: 15, value: 1000 },
  { centre: [25, 10, -20], radiusMm: 12, value: 1000 },
];
const SIZE = 128;
// presetCamera frames the grid's box: view height 1.1 × its diagonal (128·√3 mm), target at its centre.
const MM_PER_PX = (1.1 * 128 * Math.sqrt(3)) / SIZE;

/** Where an LPS point lands in the anterior orthographic view (pixels from the top-left): screen right = +x (patient left), up = +z. */
const anteriorPx = (x: number, z: number) => [SIZE / 2 + x / MM_PER_PX, SIZE / 2 - z / MM_PER_PX];

async function decode(png: string): Promise<{ width: number; height: number; rgb: (x: number, y: number) => number[] }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: (x, y) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)] };
}

const record = (png: string): RenderRecord => JSON.parse(readPngText(readFileSync(png))['voxa:render']);

describe('voxa render: usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-render-usage-'));
  const series = join(dir, 'balls.nii.gz');
  beforeAll(() => writeFileSync(series, writeNifti(generateSpherePhantom({ dimensions: [8, 8, 8], spacingMm: 1, spheres: [] }), { gzip: true })));

  it('an unknown preset is a usage error (exit 2) that names the known presets', () => {
    const r = runCli(['render', series, '--preset', 'bone', '-o', join(dir, 'x.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`voxa render: --preset bone: unknown preset; the presets are ${VOLUME_PRESETS.map((p) => p.name).join(', ')}`);
  });

  it.each([
    [['--mode', 'fancy'], '--mode fancy: expected one of raycast, cinematic, mip, minip, average'],
    [['--view', 'front'], '--view front: expected one of anterior, posterior, left, right, superior, inferior'],
    [['--projection', 'fisheye'], '--projection fisheye: expected one of perspective, orthographic'],
    [['--size', '512'], '--size 512: expected WxH in pixels'],
    [['--samples', '0'], '--samples 0: expected a whole number from 1'],
    [['--window', '400'], '--window 400: expected centre,width'],
  ])('%j is a usage error (exit 2) saying what was expected', (args, message) => {
    const out = join(dir, 'x.png');
    const r = runCli(['render', series, '-o', out, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`voxa render: ${message}`);
    expect(existsSync(out)).toBe(false);
  });

  it('no -o, or an output that is not .png, is a usage error (exit 2)', () => {
    const noOut = runCli(['render', series]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('voxa render: render needs an output file: -o <out.png>');
    const jpg = runCli(['render', series, '-o', join(dir, 'x.jpg')]);
    expect(jpg.code).toBe(2);
    expect(jpg.stderr).toContain(`voxa render: -o ${join(dir, 'x.jpg')}: the output must be a .png file`);
  });

  it('a series that does not exist exits 1 naming it', () => {
    const missing = join(dir, 'nope.nii.gz');
    const r = runCli(['render', missing, '-o', join(dir, 'x.png')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`voxa render: The file could not be read: no such file or folder (file ${missing})\n`);
  });
});

describe.runIf(canRunRender())('voxa render in headless chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-render-'));
  const series = join(dir, 'balls.nii.gz');
  beforeAll(() => {
    const v = generateSpherePhantom({ dimensions: [64, 64, 64], spacingMm: 2, origin: [-63, -63, -63], spheres: BALLS, edgeMm: 4 });
    writeFileSync(series, writeNifti(v, { gzip: true }));
  });

  it('--preset ct-bone, ray cast from the front (orthographic): the balls bright where they project, the rest black; the PNG records the parameters', async () => {
    const out = join(dir, 'bone.png');
    const r = runBuiltCli(['render', series, '--preset', 'ct-bone', '--projection', 'orthographic', '--size', `${SIZE}x${SIZE}`, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ct-bone (CT bone), raycast, anterior orthographic, 128×128');
    const img = await decode(out);
    expect([img.width, img.height]).toEqual([SIZE, SIZE]);
    let inside = 0, bright = 0, outside = 0, black = 0;
    for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
      // Distance (mm) of the pixel centre from each ball's projected centre, over its radius.
      const near = Math.min(...BALLS.map((b) => {
        const [cx, cy] = anteriorPx(b.centre[0], b.centre[2]);
        return (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) * MM_PER_PX) / b.radiusMm;
      }));
      const max = Math.max(...img.rgb(x, y));
      // Well inside a silhouette the lit bone surface faces the viewer (cos ≥ 0.7: ≥ 100 of 255).
      if (near < 0.7) { inside++; if (max >= 100) bright++; }
      // Beyond the 4 mm ramp and a pixel: 0 HU is fully transparent in ct-bone, nothing is drawn.
      const far = Math.min(...BALLS.map((b) => {
        const [cx, cy] = anteriorPx(b.centre[0], b.centre[2]);
        return Math.hypot(x + 0.5 - cx, y + 0.5 - cy) * MM_PER_PX - b.radiusMm;
      }));
      if (far > 2 + MM_PER_PX) { outside++; if (max === 0) black++; }
    }
    expect(inside).toBeGreaterThan(120); // π·(0.7·7.9)² + π·(0.7·6.3)² ≈ 156 pixels
    expect(bright).toBe(inside);
    expect(black).toBe(outside);

    const rec = record(out);
    expect(rec.preset).toMatchObject({ name: 'ct-bone', relative: false });
    expect(rec.rendered.settings.transferFunction).toEqual(volumePreset('ct-bone').transferFunction);
    expect(rec.rendered.settings.mode).toBe('composite');
    expect(rec.rendered.camera).toMatchObject({ direction: [0, -1, 0], up: [0, 0, 1], projection: 'orthographic' });
    expect(rec.rendered.camera.heightMm).toBeCloseTo(MM_PER_PX * SIZE, 6);
    expect(rec).toMatchObject({ mode: 'raycast', view: 'anterior', size: { width: SIZE, height: SIZE }, diagnostic: true });
    expect(rec.input).toMatchObject({ path: series, format: 'nifti1', dimensions: [64, 64, 64] });
    expect(rec.software).toMatch(/^Voxa \d+\.\d+\.\d+ \(voxa render\)$/);
    expect(Date.now() - Date.parse(rec.created)).toBeLessThan(120_000);
    expect(rec.rendered.label).toBeUndefined();
    // Other PNG readers see the same text chunk.
    const comments = (await sharp(out).metadata()).comments ?? [];
    expect(comments.map((c) => c.keyword)).toEqual(['Software', 'voxa:render']);
  });

  it('--mode cinematic --samples 8: the non-diagnostic label is burnt into the image and recorded', async () => {
    const out = join(dir, 'cinematic.png');
    const r = runBuiltCli(['render', series, '--mode', 'cinematic', '--samples', '8', '--size', `${SIZE}x${SIZE}`, '-o', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    const img = await decode(out);
    expect([img.width, img.height]).toEqual([SIZE, SIZE]);
    const rec = record(out);
    expect(rec).toMatchObject({ mode: 'cinematic', diagnostic: false, preset: { name: 'ct-bone' } });
    expect(rec.rendered.samples).toBe(8);
    expect(rec.rendered.cinematic).toMatchObject({ maxSamples: 8 });
    expect(rec.rendered.label?.text).toBe('Cinematic rendering — not for diagnosis');
    expect(readPngText(readFileSync(out)).Warning).toBe('Cinematic rendering - not for diagnosis');
    // The label's box is in the top-left corner, where no ball projects: its only light pixels are the text's.
    const box = rec.rendered.label!.boxPx;
    expect(box.x + box.width).toBeLessThanOrEqual(SIZE);
    expect(box.y + box.height).toBeLessThan(anteriorPx(0, BALLS[0].centre[2] + BALLS[0].radiusMm)[1]);
    let text = 0;
    for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) if (Math.max(...img.rgb(x, y)) > 150) text++;
    expect(text).toBeGreaterThan(0.05 * box.width * box.height);
    // Below the box, the same corner stays black background.
    let lit = 0;
    for (let y = box.y + box.height + 2; y < box.y + box.height + 8; y++) for (let x = 0; x < 20; x++) if (Math.max(...img.rgb(x, y)) > 0) lit++;
    expect(lit).toBe(0);
  });
});
