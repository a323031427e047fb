import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { mat4FromColumns, transformPoint } from '../math/Mat4.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import { sulFactorFromBody } from '../measure/sulFactor.ts';
import { type Volume, createVolume } from '../volume/Volume.ts';
import { uidFromName } from '../dicom/write/uidFromName.ts';
import { PHANTOM_PATIENT_NAME, phantomPatientId } from './generatePhantom.ts';
import { PHANTOM_LABEL } from './phantomLabels.ts';
import { phantomTimePointModel } from './phantomModel.ts';
import type { PhantomTimePointKind } from './phantomLesions.ts';
import { type PhantomOptions, resolvePhantomOptions } from './PhantomOptions.ts';
import { PHANTOM_LESION_SUV, PHANTOM_LIVER_REFERENCE_LPS, PHANTOM_PET_PATIENT, PHANTOM_PET_SUV } from './phantomPetUptake.ts';
import { phantomStudyDate, phantomUids } from './phantomUids.ts';
import { type RasterGrid, rasterizeShapes } from './rasterizeShapes.ts';

/** Options of the phantom PET besides the phantom's own (seed, noise … name the CT study it joins). */
export interface PhantomPetOptions {
  /** Isotropic PET voxel size (mm). */
  petVoxelMm: number;
}

/** Default: 4 mm voxels, a clinical whole-body PET grid. */
export const PHANTOM_PET_DEFAULTS: Readonly<PhantomPetOptions> = { petVoxelMm: 4 };

/** The designed truth of one phantom PET. */
export interface PhantomPetTruth {
  index: number;
  kind: PhantomTimePointKind;
  patient: { sex: string; heightM: number; weightKg: number };
  /** LBM/weight (Janmahasatian), the factor SUL = SUVbw × factor. */
  sulFactor: number;
  /** Designed SUVmax per lesion present (uniform inside it, so also its SULpeak / sulFactor where the 1 cm³ sphere fits). */
  lesions: { id: string; suvMax: number; sulMax: number; minSemiAxisMm: number; centreLps: Vec3 }[];
  /** The PERCIST liver point in this time point's LPS, and the liver's designed SUVbw and SUL. */
  liverReferenceLps: Vec3;
  liverSuv: number;
  liverSul: number;
}

/** One phantom PET: the SUVbw volume (float32, its own grid, the CT's frame of reference), its label map and truth. */
export interface PhantomPet {
  index: number;
  pet: Volume;
  /** uint8 labels on the PET grid (crisp, voxel centre inside). */
  labels: Uint8Array;
  truth: PhantomPetTruth;
  /** Same study as the CT (a PET/CT session); its own series. */
  seriesInstanceUid: string;
  sopInstanceUid(k: number): string;
}

/**
 * The FDG PET of time point `index` of the phantom patient, in SUVbw: the same analytic anatomy
 * and lesions as the CT (same patient motion, same frame of reference) rasterized crisply on a
 * coarser isotropic grid covering the CT's field of view, each structure filled with its designed
 * uptake (PHANTOM_PET_SUV, PHANTOM_LESION_SUV). No blur and no noise on purpose: a voxel's value
 * is exactly its structure's design, so SUVmax and the liver reference are known exactly; a
 * real PET's 5–7 mm resolution would lower small lesions' SUVmax by an amount only a model knows.
 *
 * @example
 * const { pet, truth } = generatePhantomPet(1, { size: 'small' });
 * truth.lesions.find((l) => l.id === 'liver-1')!.suvMax; // 6
 */
export function generatePhantomPet(index: number, options: Partial<PhantomOptions & PhantomPetOptions> = {}): PhantomPet {
  const { petVoxelMm, ...phantomOptions } = { ...PHANTOM_PET_DEFAULTS, ...options };
  const o = resolvePhantomOptions(phantomOptions);
  if (!Number.isInteger(index) || index < 0 || index >= o.timePoints) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { timePoint: index }, `time point index must be 0 … ${o.timePoints - 1}`);
  }
  if (!(petVoxelMm >= 1 && petVoxelMm <= 10)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { option: 'petVoxelMm' }, `PET voxel ${petVoxelMm} mm (expected 1 … 10)`);
  const grid = phantomPetGrid(petVoxelMm);
  const model = phantomTimePointModel(index);
  const [nx, ny, nz] = grid.dimensions;
  const labels = new Uint8Array(nx * ny * nz);
  rasterizeShapes(grid, labels, new Int16Array(labels.length), model.shapes, { partialVolume: false });

  const suvOfLabel = new Float32Array(256).fill(Number.NaN);
  for (const [id, suv] of Object.entries(PHANTOM_PET_SUV)) suvOfLabel[Number(id)] = suv;
  for (const l of model.lesions) suvOfLabel[l.spec.labelId] = PHANTOM_LESION_SUV[l.spec.id][index];
  const voxels = new Float32Array(labels.length);
  for (let n = 0; n < labels.length; n++) voxels[n] = suvOfLabel[labels[n]];

  const sul = sulFactorFromBody(PHANTOM_PET_PATIENT);
  if (!sul.available) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, sul.reason); // the fixed patient always has one
  const ctUids = phantomUids(o, index);
  const base = `${ctUids.studyInstanceUid}/pet/voxel=${petVoxelMm}`;
  const seriesInstanceUid = uidFromName(`${base}/series`);
  const { sex, heightM, weightKg } = PHANTOM_PET_PATIENT;
  const pet = createVolume({
    dimensions: grid.dimensions, voxels, indexToWorld: grid.indexToWorld, units: 'SUVbw',
    meta: {
      modality: 'PT', patientId: phantomPatientId(o.seed), patientName: PHANTOM_PATIENT_NAME,
      studyInstanceUid: ctUids.studyInstanceUid, studyDate: phantomStudyDate(o, index), studyDescription: `Voxa phantom ${model.kind}`,
      seriesInstanceUid, seriesNumber: 2, seriesDescription: 'Voxa phantom FDG PET', frameOfReferenceUid: ctUids.frameOfReferenceUid,
      timeIndex: index, timeLabel: model.kind,
      // As applySuv leaves them, so that sulFactorOf works on the generated volume as on a loaded one.
      extra: { patientSex: sex, patientHeightM: heightM, patientWeightKg: weightKg, sulFactor: sul.factor, leanBodyMassKg: sul.leanBodyMassKg },
    },
  });
  const liverSuv = PHANTOM_PET_SUV[PHANTOM_LABEL.liver];
  const truth: PhantomPetTruth = {
    index, kind: model.kind, patient: { sex, heightM, weightKg }, sulFactor: sul.factor,
    lesions: model.lesions.map((l) => {
      const suvMax = PHANTOM_LESION_SUV[l.spec.id][index];
      return { id: l.spec.id, suvMax, sulMax: suvMax * sul.factor, minSemiAxisMm: Math.min(...l.shape.semiAxesMm), centreLps: [...l.shape.frame.origin] as Vec3 };
    }),
    liverReferenceLps: transformPoint(model.baselineToTimePoint, PHANTOM_LIVER_REFERENCE_LPS as Vec3),
    liverSuv,
    liverSul: liverSuv * sul.factor,
  };
  return { index, pet, labels, truth, seriesInstanceUid, sopInstanceUid: (k) => uidFromName(`${base}/instance/${k + 1}`) };
}

/**
 * The PET grid for a voxel size: isotropic, axial, centred on the body-frame origin like the CT's
 * and covering at least its 358.4 × 358.4 × 450 mm field of view.
 */
export function phantomPetGrid(voxelMm: number): RasterGrid & { spacingMm: Vec3 } {
  const fovMm: Vec3 = [358.4, 358.4, 450];
  const dimensions = fovMm.map((f) => Math.ceil(f / voxelMm)) as Dims3;
  const origin = dimensions.map((n) => Math.round((-(n - 1) * voxelMm * 1000) / 2) / 1000) as Vec3;
  return { dimensions, spacingMm: [voxelMm, voxelMm, voxelMm], indexToWorld: mat4FromColumns([voxelMm, 0, 0], [0, voxelMm, 0], [0, 0, voxelMm], origin) };
}
