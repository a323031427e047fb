import { VoxaError } from '../errors/VoxaError.ts';
import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { type Volume, createVolume } from '../volume/Volume.ts';
import { addGaussianNoise } from './gaussianNoise.ts';
import { KNEE_GEOMETRY, kneeCartilagePlates, kneeShapes } from './kneeAnatomy.ts';
import { kneeGrid } from './kneeGrid.ts';
import { KNEE_LABEL, KNEE_LABELS, KNEE_SIGNAL } from './kneeLabels.ts';
import { rasterizeShapes } from './rasterizeShapes.ts';

/** Options of the knee MR phantom. */
export interface KneePhantomOptions {
  /** Seeds the noise only; the anatomy never changes. */
  seed: number;
  /** Standard deviation of the Gaussian noise, in signal units (0: noise-free). */
  noise: number;
  /** Blend the signal over one voxel at surfaces (labels are crisp either way). */
  partialVolume: boolean;
}

/** Defaults: seed 1, σ = 25 (SNR ≈ 22 in cartilage), partial volume on. */
export const KNEE_PHANTOM_DEFAULTS: Readonly<KneePhantomOptions> = { seed: 1, noise: 25, partialVolume: true };

/** Ground truth of one cartilage label (both compartments together). */
export interface KneeCartilageTruth {
  label: number;
  name: string;
  /** The plates painted with the label (medial, lateral). */
  plates: string[];
  /** Sum of the plates' analytic volumes (CartilagePlate.volumeMm3). */
  analyticVolumeMm3: number;
  voxelCount: number;
  /** voxelCount × voxel volume. */
  labelVolumeMm3: number;
  /** Designed thickness range; `trueCartilageThicknessMm` gives it at any point. */
  minThicknessMm: number;
  maxThicknessMm: number;
}

/** Ground truth of the knee phantom. */
export interface KneePhantomTruth {
  grid: { dimensions: Dims3; spacingMm: Vec3; indexToWorld: Mat4; voxelVolumeMm3: number };
  cartilage: KneeCartilageTruth[];
  /** Voxels per label, by label name. */
  labelVoxelCounts: Record<string, number>;
}

/** The knee MR phantom: the image, its label map and the ground truth. */
export interface KneePhantom {
  options: KneePhantomOptions;
  /** int16 signal (arbitrary units), noise included. */
  mr: Volume;
  /** uint8 labels (KNEE_LABELS), crisp. */
  labels: Volume;
  truth: KneePhantomTruth;
}

/**
 * Generate the digital knee MR phantom: a proton-density-weighted sagittal knee (`kneeGrid`) with
 * femur and tibia (cortex over fatty marrow), femoral and tibial cartilage of known, varying
 * thickness (`trueCartilageThicknessMm`), joint fluid, muscle and fat. The analytic shapes are
 * painted with partial-volume edges, then seeded Gaussian noise is added and the magnitude taken,
 * as a magnitude image is (the air is Rayleigh-like, not zero-mean). Deterministic: the same
 * options give byte-identical volumes; another seed changes the noise only.
 *
 * @example
 * const knee = generateKneePhantom({ seed: 3 });
 * const mesh = labelToMesh(knee.labels.voxels as Uint8Array, knee.labels.dimensions, knee.labels.indexToWorld, KNEE_LABEL.femoralCartilage);
 */
export function generateKneePhantom(options: Partial<KneePhantomOptions> = {}): KneePhantom {
  const o = resolveKneePhantomOptions(options);
  const grid = kneeGrid();
  const count = grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
  const labels = new Uint8Array(count);
  const signal = new Int16Array(count).fill(KNEE_SIGNAL.air);
  rasterizeShapes(grid, labels, signal, kneeShapes(), { partialVolume: o.partialVolume });
  addGaussianNoise(signal, o.noise, o.seed, 0);
  for (let n = 0; n < count; n++) if (signal[n] < 0) signal[n] = -signal[n];

  const truth = kneeTruth(grid, labels);
  const meta = {
    modality: 'MR',
    patientId: `VOXA-KNEE-${o.seed}`,
    patientName: 'VOXA^KNEE',
    seriesDescription: 'Voxa knee phantom PD sagittal',
    extra: { kneePhantom: { ...o } },
  };
  return {
    options: o,
    mr: createVolume({ dimensions: grid.dimensions, voxels: signal, indexToWorld: grid.indexToWorld.slice(), units: 'arbitrary', meta: { ...meta, window: { center: 550, width: 1100 } } }),
    labels: createVolume({ dimensions: grid.dimensions, voxels: labels, indexToWorld: grid.indexToWorld.slice(), units: 'label', meta }),
    truth,
  };
}

/** Options filled with the defaults and checked; throws VOXA_ERR_BAD_ARGUMENT when invalid. */
export function resolveKneePhantomOptions(options: Partial<KneePhantomOptions> = {}): KneePhantomOptions {
  const o = { ...KNEE_PHANTOM_DEFAULTS, ...options };
  const bad = (what: string): never => {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { option: what }, `knee phantom option ${what} is invalid`);
  };
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) bad(`seed ${o.seed} (expected an integer 0 … 2³²−1)`);
  if (!(o.noise >= 0) || o.noise > 1000) bad(`noise ${o.noise} (expected 0 … 1000)`);
  if (typeof o.partialVolume !== 'boolean') bad(`partialVolume ${String(o.partialVolume)} (expected true or false)`);
  return o;
}

function kneeTruth(grid: ReturnType<typeof kneeGrid>, labels: Uint8Array): KneePhantomTruth {
  const histogram = new Float64Array(256);
  for (let n = 0; n < labels.length; n++) histogram[labels[n]]++;
  const [sx, sy, sz] = grid.spacingMm;
  const voxelVolumeMm3 = sx * sy * sz;
  const plates = kneeCartilagePlates();
  const cartilage = [KNEE_LABEL.femoralCartilage, KNEE_LABEL.tibialCartilage].map((label): KneeCartilageTruth => {
    const mine = plates.filter((p) => p.paint.label === label);
    return {
      label,
      name: KNEE_LABELS[label].name,
      plates: mine.map((p) => p.name),
      analyticVolumeMm3: mine.reduce((sum, p) => sum + p.volumeMm3(), 0),
      voxelCount: histogram[label],
      labelVolumeMm3: histogram[label] * voxelVolumeMm3,
      minThicknessMm: KNEE_GEOMETRY.minCartilageMm,
      maxThicknessMm: KNEE_GEOMETRY.maxCartilageMm,
    };
  });
  const labelVoxelCounts: Record<string, number> = {};
  for (const row of KNEE_LABELS) labelVoxelCounts[row.name] = histogram[row.id];
  return {
    grid: { dimensions: [...grid.dimensions] as Dims3, spacingMm: [...grid.spacingMm] as Vec3, indexToWorld: grid.indexToWorld.slice(), voxelVolumeMm3 },
    cartilage,
    labelVoxelCounts,
  };
}
