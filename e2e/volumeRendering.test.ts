// Volume rendering against ground truth, in headless Debian chromium (SwiftShader WebGL2), through
// the renderer's page API: balls of known centre and radius render to their analytic silhouettes,
// MIP equals a CPU MIP of the voxels, a clip plane removes exactly its half, and the cinematic path
// tracer converges towards a 4,096-sample reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { generateSpherePhantom, imagePsnr as psnr, type PhantomSphere, type SpherePhantomOptions, type Vec3 } from '@voxa/core';
import { floats, openRenderPage } from './util/renderPage.ts';
import { artifactPath, canRunE2e } from './util/workstation.ts';

interface Camera { target: Vec3; direction: Vec3; up: Vec3; heightMm: number; projection: 'perspective' | 'orthographic' }

const SPHERES: PhantomSphere[] = [
  { centre: [-20, 0, 10], radiusMm: 18, value: 1000 },
  { centre: [25, 10, -15], radiusMm: 12, value: 600 },
  { centre: [5, -20, -35], radiusMm: 7, value: 300 },
];
const PHANTOM: SpherePhantomOptions = { dimensions: [128, 128, 128], spacingMm: 1, origin: [-63.5, -63.5, -63.5], spheres: SPHERES };
/** The same balls all at 1000 with two-voxel edges: their 500 iso-surfaces are the spheres (trilinear interpolation is exact on the ramp). */
const BALLS: SpherePhantomOptions = { ...PHANTOM, spheres: SPHERES.map((b) => ({ ...b, value: 1000 })), edgeMm: 2 };
/** Opaque from `lo` to `hi`: what is drawn is the iso-surface at their middle. */
const OPAQUE_ABOVE = (lo: number, hi: number) => ({ color: [{ value: 0, rgb: [1, 1, 1] as [number, number, number] }], opacity: [{ value: lo, alpha: 0 }, { value: hi, alpha: 1 }], unitDistanceMm: 1 });
const BASE = { mode: 'composite', sampleRate: 0.5, window: { center: 500, width: 1000 }, clipPlanes: [], crop: { lo: [0, 0, 0], hi: [1, 1, 1] }, labelOpacity: 0, quality: 'full' };
const SIZE = 256;

/** Per pixel (row-major from the top), the view ray of a camera as three.js builds it (OrbitCamera: 30° vertical field). */
function pixelRay(c: Camera, x: number, y: number, w: number, h: number): { origin: Vec3; dir: Vec3 } {
  const d = c.direction, u0 = c.up;
  const right = norm(cross(u0, d)), up = cross(d, right);
  const ndcX = ((x + 0.5) / w) * 2 - 1, ndcY = 1 - ((y + 0.5) / h) * 2;
  const tanHalf = Math.tan((15 * Math.PI) / 180);
  const distance = c.heightMm / 2 / tanHalf;
  const eye = add(c.target, scale(d, distance));
  if (c.projection === 'orthographic') {
    return { origin: add(add(eye, scale(right, (ndcX * c.heightMm * w) / h / 2)), scale(up, (ndcY * c.heightMm) / 2)), dir: scale(d, -1) };
  }
  return { origin: eye, dir: norm(add(add(scale(d, -1), scale(right, ndcX * tanHalf * (w / h))), scale(up, ndcY * tanHalf))) };
}

/** Whether the ray passes within r of a centre, beyond its origin (the silhouette of that sphere). */
function hitsBall(ray: { origin: Vec3; dir: Vec3 }, centre: Vec3, r: number): boolean {
  const oc = sub(centre, ray.origin);
  const t = dot(oc, ray.dir);
  return t > 0 && dot(oc, oc) - t * t <= r * r;
}

function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0, either = 0;
  for (let i = 0; i < a.length; i++) { both += a[i] & b[i]; either += a[i] | b[i]; }
  return both / either;
}

describe.runIf(canRunE2e())('volume rendering against ground truth', () => {
  let page: Page;
  let close: () => Promise<void>;
  const load = (o: SpherePhantomOptions) => page.evaluate((q) => (globalThis as unknown as { voxaRender: { loadSpheres(o: object): void } }).voxaRender.loadSpheres(q), o);
  const render = async (q: object): Promise<string> => page.evaluate((r) => (globalThis as unknown as { voxaRender: { render(q: object): string } }).voxaRender.render(r), q);

  beforeAll(async () => {
    ({ page, close } = await openRenderPage());
  }, 120_000);

  afterAll(async () => { await close?.(); });

  it('the path tracer converges: PSNR against a 4,096-sample reference rises with samples and passes 30 dB at 256', async () => {
    await load(BALLS);
    const camera: Camera = { target: [0, 0, 0], direction: [0, -1, 0], up: [0, 0, 1], heightMm: 150, projection: 'perspective' };
    // Translucent, lit, scattering balls: the hard case for noise (many paths scatter more than once).
    const transferFunction = { color: [{ value: 0, rgb: [0.95, 0.75, 0.6] }], opacity: [{ value: 490, alpha: 0 }, { value: 510, alpha: 0.25 }], unitDistanceMm: 1 };
    const settings = { ...BASE, transferFunction, shading: { ambient: 0.3, diffuse: 0.7, specular: 0.2, shininess: 20 } };
    const cinematic = {
      densityScale: 1, bounces: 3, phaseG: 0.2, keyLight: { azimuthDeg: -35, elevationDeg: 40, radiusDeg: 8, intensity: 9 }, environment: 0.9,
      background: [0, 0, 0], apertureMm: 0, exposure: 1.1, denoise: false, samplesPerPass: 32, maxSamples: 4096,
    };
    // The 256 × 256 view's window over the big ball (ball, rim and background): the reference
    // costs 4,096 paths a pixel, which SwiftShader affords for a window, not the whole view.
    const region = { x: 60, y: 76, width: 72, height: 72 };
    const shot = async (samples: number) => floats(await render({ camera, settings, cinematic, samples, region, width: SIZE, height: SIZE, output: 'rgba-float' }));
    let t = performance.now();
    const reference = await shot(4096);
    const refMs = performance.now() - t;
    const figures: [number, number][] = [];
    for (const n of [16, 64, 256]) figures.push([n, psnr(await shot(n), reference)]);
    t = performance.now();
    console.log(`path tracer, ${region.width}×${region.height} window of a ${SIZE}² view: reference 4096 spp in ${(refMs / 1000).toFixed(1)} s (${((4096 * region.width * region.height) / (refMs / 1000) / 1e6).toFixed(2)} M paths/s); PSNR ${figures.map(([n, p]) => `${n} spp ${p.toFixed(1)} dB`).join(', ')}`);
    expect(figures[1][1]).toBeGreaterThan(figures[0][1] + 3); // 4× the samples: ~6 dB in theory
    expect(figures[2][1]).toBeGreaterThan(figures[1][1] + 3);
    expect(figures[2][1]).toBeGreaterThanOrEqual(30);
    // The edge-aware denoiser brings 16 samples closer to the reference.
    const denoised = psnr(floats(await render({ camera, settings, cinematic: { ...cinematic, denoise: true }, samples: 16, region, width: SIZE, height: SIZE, output: 'rgba-float' })), reference);
    console.log(`denoised 16 spp: ${denoised.toFixed(1)} dB (raw ${figures[0][1].toFixed(1)} dB)`);
    expect(denoised).toBeGreaterThan(figures[0][1] + 2);
    const png = await sharp(Buffer.from(Uint8Array.from(reference, (v, i) => (i % 4 === 3 ? 255 : Math.round(Math.min(1, v) * 255)))), { raw: { width: region.width, height: region.height, channels: 4 } }).png().toBuffer();
    await sharp(png).toFile(artifactPath('cinematic-reference-4096.png'));
  }, 900_000);

  it('renders each ball to its analytic silhouette (IoU ≥ 0.98), in perspective and orthographic', async () => {
    await load(BALLS);
    for (const projection of ['perspective', 'orthographic'] as const) {
      for (const direction of [[0, -1, 0], [0.6, -0.48, 0.64]] as Vec3[]) {
        const camera: Camera = { target: [0, 0, 0], direction: norm(direction), up: [0, 0, 1], heightMm: 150, projection };
        const settings = { ...BASE, transferFunction: OPAQUE_ABOVE(490, 510) };
        const alpha = floats(await render({ camera, settings, width: SIZE, height: SIZE, output: 'values' }));
        const drawn = Uint8Array.from(alpha, (a) => (a > 0.5 ? 1 : 0));
        const truth = new Uint8Array(SIZE * SIZE);
        for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
          const ray = pixelRay(camera, x, y, SIZE, SIZE);
          truth[y * SIZE + x] = SPHERES.some((b) => hitsBall(ray, b.centre, b.radiusMm)) ? 1 : 0;
        }
        const score = iou(drawn, truth);
        console.log(`silhouette ${projection} from [${camera.direction.map((v) => v.toFixed(2))}]: IoU ${score.toFixed(4)} (${truth.reduce((a, b) => a + b, 0)} px)`);
        expect(score).toBeGreaterThanOrEqual(0.98);
      }
    }
  });

  it('while the camera moves, renders at half resolution scaled up, still on the silhouettes', async () => {
    await load(BALLS);
    const camera: Camera = { target: [0, 0, 0], direction: [0, -1, 0], up: [0, 0, 1], heightMm: 150, projection: 'perspective' };
    const settings = { ...BASE, transferFunction: OPAQUE_ABOVE(490, 510) };
    const full = Buffer.from(await render({ camera, settings, width: SIZE, height: SIZE, output: 'rgba' }), 'base64');
    const low = Buffer.from(await render({ camera, settings: { ...settings, quality: 'interactive' }, width: SIZE, height: SIZE, output: 'rgba' }), 'base64');
    const mask = (b: Buffer) => Uint8Array.from({ length: SIZE * SIZE }, (_, i) => (b[i * 4] > 128 ? 1 : 0));
    const score = iou(mask(low), mask(full));
    console.log(`interactive (half resolution) vs full: silhouette IoU ${score.toFixed(4)}`);
    expect(score).toBeGreaterThanOrEqual(0.95);
    expect(score).toBeLessThan(1); // it really is the coarser image
  });

  it('fuses a second volume on its own grid into the same rays, in its own colours', async () => {
    await load(BALLS);
    // The second volume: one "hot" ball where the first has none, on a coarser, shifted grid.
    const hot = { centre: [20, 0, 30] as Vec3, radiusMm: 10, value: 1000 };
    await page.evaluate((o) => (globalThis as unknown as { voxaRender: { loadSpheres(o: object, second: boolean): void } }).voxaRender.loadSpheres(o, true),
      { dimensions: [48, 48, 48], spacingMm: 2, origin: [-40, -45, -30], spheres: [hot], edgeMm: 4 });
    const camera: Camera = { target: [0, 0, 0], direction: [0, -1, 0], up: [0, 0, 1], heightMm: 150, projection: 'orthographic' };
    const settings = { ...BASE, transferFunction: OPAQUE_ABOVE(490, 510) };
    const red = { color: [{ value: 0, rgb: [1, 0, 0] as [number, number, number] }], opacity: [{ value: 490, alpha: 0 }, { value: 510, alpha: 1 }], unitDistanceMm: 1 };
    const rgba = Buffer.from(await render({ camera, settings, fusion: red, width: SIZE, height: SIZE, output: 'rgba' }), 'base64');
    const mmPerPx = camera.heightMm / SIZE;
    const px = (p: Vec3) => [Math.floor(SIZE / 2 + p[0] / mmPerPx), Math.floor(SIZE / 2 - p[2] / mmPerPx)];
    const at = ([x, y]: number[]) => [...rgba.subarray((y * SIZE + x) * 4, (y * SIZE + x) * 4 + 3)];
    const [hr, hg, hb] = at(px(hot.centre)), [wr, wg, wb] = at(px(SPHERES[0].centre));
    console.log(`fusion: the second volume's ball ${[hr, hg, hb]}, the first's ${[wr, wg, wb]}`);
    expect(hr).toBeGreaterThan(200); // red: the second volume's colour
    expect(Math.max(hg, hb)).toBeLessThan(40);
    expect(Math.min(wr, wg, wb)).toBeGreaterThan(200); // white: the first volume's
    // In its place: 8 mm from its centre red, 12 mm off (beyond its 10 mm radius) black.
    expect(at(px([hot.centre[0] + 8, 0, hot.centre[2]]))[0]).toBeGreaterThan(150);
    expect(Math.max(...at(px([hot.centre[0] + 12, 0, hot.centre[2]])))).toBeLessThan(30);
  });

  it('MIP, MinIP and mean equal the CPU projections of the voxels along each ray', async () => {
    await load(PHANTOM);
    // Orthographic from the front, one pixel per voxel, pixel centres on voxel centres: each ray runs along j.
    const camera: Camera = { target: [0, 0, 0], direction: [0, -1, 0], up: [0, 0, 1], heightMm: 128, projection: 'orthographic' };
    const v = generateSpherePhantom(PHANTOM);
    const [n] = PHANTOM.dimensions;
    for (const mode of ['mip', 'minip', 'average'] as const) {
      const settings = { ...BASE, mode, sampleRate: 0.25, transferFunction: OPAQUE_ABOVE(140, 160) };
      const image = floats(await render({ camera, settings, width: 128, height: 128, output: 'values' }));
      let exact = 0, worst = 0;
      for (let row = 0; row < n; row++) for (let i = 0; i < n; i++) {
        const k = n - 1 - row; // screen up is superior (+k)
        let m = mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0;
        for (let j = 0; j < n; j++) {
          const x = v.voxels[i + n * (j + n * k)];
          m = mode === 'mip' ? Math.max(m, x) : mode === 'minip' ? Math.min(m, x) : m + x / n;
        }
        const err = Math.abs(image[row * n + i] - m);
        if (err <= 0.5) exact++;
        worst = Math.max(worst, err);
      }
      console.log(`${mode}: ${exact} of ${n * n} pixels within 0.5 of the CPU projection, worst ${worst.toFixed(2)}`);
      // Samples a quarter voxel apart interpolate between voxels: a lone extreme voxel at a ball's
      // rim could be missed by up to a quarter of its step; the mean's samples could weigh the end
      // voxels a little differently from the voxel mean (measured: every pixel exact).
      expect(exact / (n * n)).toBeGreaterThanOrEqual(0.99);
      expect(worst).toBeLessThanOrEqual(mode === 'average' ? 5 : 0.25 * 1000);
    }
  });

  it('a crop box keeps only what lies inside it', async () => {
    await load(BALLS);
    const camera: Camera = { target: [0, 0, 0], direction: [0, -1, 0], up: [0, 0, 1], heightMm: 150, projection: 'orthographic' };
    // Keep x ≥ 0 of the grid (its right half in i): ball A (x −38…−2) goes, ball B (x 13…37) stays.
    const settings = { ...BASE, transferFunction: OPAQUE_ABOVE(490, 510), crop: { lo: [0.5, 0, 0], hi: [1, 1, 1] } };
    const alpha = floats(await render({ camera, settings, width: SIZE, height: SIZE, output: 'values' }));
    const mmPerPx = camera.heightMm / SIZE;
    let left = 0, bHits = 0, bTruth = 0;
    for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
      const wx = (x + 0.5 - SIZE / 2) * mmPerPx, wz = (SIZE / 2 - y - 0.5) * mmPerPx;
      const drawn = alpha[y * SIZE + x] > 0.5;
      if (wx < -mmPerPx && drawn) left++;
      const b = SPHERES[1];
      if ((wx - b.centre[0]) ** 2 + (wz - b.centre[2]) ** 2 <= (b.radiusMm - mmPerPx) ** 2) { bTruth++; if (drawn) bHits++; }
    }
    console.log(`crop box: ${left} pixels drawn left of the box, ball B ${bHits} of ${bTruth} pixels`);
    expect(left).toBe(0);
    expect(bHits).toBe(bTruth);
  });

  it('a clip plane removes exactly the clipped half of a ball', async () => {
    await load(BALLS);
    const ball = SPHERES[0];
    const camera: Camera = { target: ball.centre, direction: [0, -1, 0], up: [0, 0, 1], heightMm: 60, projection: 'orthographic' };
    // Cut away the ball's patient-left half (x > centre); the view holds only this ball.
    const settings = { ...BASE, transferFunction: OPAQUE_ABOVE(490, 510), clipPlanes: [{ point: ball.centre, normal: [1, 0, 0] }] };
    const alpha = floats(await render({ camera, settings, width: SIZE, height: SIZE, output: 'values' }));
    const mmPerPx = camera.heightMm / SIZE;
    const r = ball.radiusMm;
    const drawn = Uint8Array.from(alpha, (a) => (a > 0.5 ? 1 : 0));
    const truth = new Uint8Array(SIZE * SIZE);
    let beyond = 0;
    for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
      const dx = (x + 0.5 - SIZE / 2) * mmPerPx, dz = (SIZE / 2 - y - 0.5) * mmPerPx; // screen right = +x
      truth[y * SIZE + x] = dx <= 0 && dx * dx + dz * dz <= r * r ? 1 : 0;
      if (dx > mmPerPx && drawn[y * SIZE + x]) beyond++;
    }
    const score = iou(drawn, truth);
    console.log(`clip plane: IoU with the half disc ${score.toFixed(4)}, ${beyond} pixels drawn beyond the plane`);
    expect(beyond).toBe(0);
    expect(score).toBeGreaterThanOrEqual(0.98);
  });
});

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec3): Vec3 => scale(a, 1 / Math.hypot(...a));
