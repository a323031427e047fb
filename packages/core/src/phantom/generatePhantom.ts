import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import { type Volume, createVolume } from '../volume/Volume.ts';
import { addGaussianNoise } from './gaussianNoise.ts';
import { type PhantomTimePointModel, phantomTimePointModel, targetDiameterSumMm } from './phantomModel.ts';
import { type PhantomGrid, phantomGrid } from './phantomGrid.ts';
import { PHANTOM_LABELS, PHANTOM_MATERIAL_HU, phantomLabel } from './phantomLabels.ts';
import type { PhantomTimePointKind } from './phantomLesions.ts';
import { type PhantomOptions, resolvePhantomOptions } from './PhantomOptions.ts';
import type { PhantomLesionTruth, PhantomResponseTruth, PhantomTimePointTruth } from './PhantomTruth.ts';
import { type PhantomUids, phantomStudyDate, phantomUids } from './phantomUids.ts';
import { rasterizeShapes } from './rasterizeShapes.ts';
import { ellipsoidAxialDiameters } from './recistDiameters.ts';

/** Patient Name of every phantom study (PN). */
export const PHANTOM_PATIENT_NAME = 'VOXA^PHANTOM';

/** Patient ID of the phantom for a seed (the same for all its time points). */
export function phantomPatientId(seed: number): string {
  return `VOXA-PHANTOM-${seed}`;
}

/** One time point of the phantom: the CT, its label map and the ground truth. */
export interface PhantomTimePoint {
  index: number;
  kind: PhantomTimePointKind;
  options: PhantomOptions;
  /** int16 HU, noise included. */
  ct: Volume;
  /** uint8 labels (PHANTOM_LABELS), crisp. */
  labels: Volume;
  truth: PhantomTimePointTruth;
  uids: PhantomUids;
}

const EXPECTED_RESPONSE: Record<PhantomTimePointKind, PhantomResponseTruth['expected']> = {
  baseline: 'baseline',
  'partial-response': 'PR',
  progression: 'PD',
};

/**
 * Generate time point `index` (0 baseline, 1 partial response, 2 progression) of the digital CT
 * torso phantom: the analytic shapes moved by the time point's rigid motion are painted over
 * their bounding boxes, then seeded Gaussian noise is added. Deterministic: the same options give
 * byte-identical volumes; another seed changes the noise only.
 *
 * @example
 * const tp = generatePhantomTimePoint(0, { size: 'small', seed: 7 });
 * tp.truth.lesions[0].recistDiameterMm; // 40 (liver lesion long axis at baseline)
 */
export function generatePhantomTimePoint(index: number, options: Partial<PhantomOptions> = {}): PhantomTimePoint {
  const o = resolvePhantomOptions(options);
  if (!Number.isInteger(index) || index < 0 || index >= o.timePoints) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { timePoint: index }, `time point index must be 0 … ${o.timePoints - 1}`);
  }
  const grid = phantomGrid(o.size);
  const model = phantomTimePointModel(index);
  const count = grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
  const labels = new Uint8Array(count);
  const hu = new Int16Array(count).fill(PHANTOM_MATERIAL_HU.air);
  rasterizeShapes(grid, labels, hu, model.shapes, { partialVolume: o.partialVolume });
  addGaussianNoise(hu, o.noise, o.seed, index);

  const uids = phantomUids(o, index);
  const truth = timePointTruth(model, grid, labels, o, uids);
  const meta = {
    modality: 'CT',
    patientId: phantomPatientId(o.seed),
    patientName: PHANTOM_PATIENT_NAME,
    studyInstanceUid: uids.studyInstanceUid,
    studyDate: truth.studyDate,
    studyDescription: `Voxa phantom ${model.kind}`,
    seriesInstanceUid: uids.seriesInstanceUid,
    seriesNumber: 1,
    seriesDescription: 'Voxa phantom CT torso',
    frameOfReferenceUid: uids.frameOfReferenceUid,
    timeIndex: index,
    timeLabel: model.kind,
    extra: { phantom: { size: o.size, seed: o.seed, noise: o.noise } },
  };
  const ct = createVolume({ dimensions: grid.dimensions, voxels: hu, indexToWorld: grid.indexToWorld.slice(), units: 'HU', meta: { ...meta, window: { center: 40, width: 400 } } });
  const labelVolume = createVolume({ dimensions: grid.dimensions, voxels: labels, indexToWorld: grid.indexToWorld.slice(), units: 'label', meta });
  return { index, kind: model.kind, options: o, ct, labels: labelVolume, truth, uids };
}

/** Generate every time point (options.timePoints of them). Holds them all in memory: for the 'full' size prefer one at a time. */
export function generatePhantom(options: Partial<PhantomOptions> = {}): PhantomTimePoint[] {
  const o = resolvePhantomOptions(options);
  return Array.from({ length: o.timePoints }, (_, i) => generatePhantomTimePoint(i, o));
}

function timePointTruth(model: PhantomTimePointModel, grid: PhantomGrid, labels: Uint8Array, o: PhantomOptions, uids: PhantomUids): PhantomTimePointTruth {
  const histogram = new Float64Array(256);
  for (let n = 0; n < labels.length; n++) histogram[labels[n]]++;
  const [sx, sy, sz] = grid.spacingMm;
  const voxelVolumeMm3 = sx * sy * sz;
  const lesions: PhantomLesionTruth[] = model.lesions.map(({ spec, isNew, shape }) => {
    const d = ellipsoidAxialDiameters(shape.frame, shape.semiAxesMm);
    const voxelCount = histogram[spec.labelId];
    return {
      id: spec.id,
      labelId: spec.labelId,
      name: phantomLabel(spec.labelId)?.displayName ?? spec.id,
      organ: spec.organ,
      nodal: spec.nodal,
      target: spec.target,
      isNew,
      centreLps: [...shape.frame.origin] as Vec3,
      semiAxesMm: [...shape.semiAxesMm] as Vec3,
      axesLps: [[...shape.frame.u] as Vec3, [...shape.frame.v] as Vec3, [...shape.frame.w] as Vec3],
      analyticVolumeMm3: shape.volumeMm3(),
      voxelCount,
      labelVolumeMm3: voxelCount * voxelVolumeMm3,
      longAxisMm: d.longAxisMm,
      shortAxisMm: d.shortAxisMm,
      recistDiameterMm: spec.nodal ? d.shortAxisMm : d.longAxisMm,
    };
  });
  const sums = Array.from({ length: model.index + 1 }, (_, i) => targetDiameterSumMm(i));
  const sum = sums[model.index];
  const nadirBefore = model.index === 0 ? sum : Math.min(...sums.slice(0, model.index));
  const labelVoxelCounts: Record<string, number> = {};
  for (const row of PHANTOM_LABELS) labelVoxelCounts[row.name] = histogram[row.id];
  const m = grid.indexToWorld;
  return {
    index: model.index,
    kind: model.kind,
    studyDate: phantomStudyDate(o, model.index),
    studyInstanceUid: uids.studyInstanceUid,
    seriesInstanceUid: uids.seriesInstanceUid,
    frameOfReferenceUid: uids.frameOfReferenceUid,
    grid: {
      dimensions: [...grid.dimensions] as Dims3,
      spacingMm: [...grid.spacingMm] as Vec3,
      originLps: [m[12], m[13], m[14]],
      indexToWorld: grid.indexToWorld.slice(),
      voxelVolumeMm3,
    },
    motion: model.motion,
    baselineToTimePoint: model.baselineToTimePoint,
    timePointToBaseline: model.timePointToBaseline,
    lesions,
    response: {
      expected: EXPECTED_RESPONSE[model.kind],
      sumOfDiametersMm: sum,
      baselineSumMm: sums[0],
      nadirSumMm: Math.min(...sums),
      changeFromBaselinePercent: (100 * (sum - sums[0])) / sums[0],
      changeFromNadirPercent: (100 * (sum - nadirBefore)) / nadirBefore,
      newLesionIds: lesions.filter((l) => l.isNew).map((l) => l.id),
    },
    aorta: { centrelineLps: model.aortaCentrelineLps, radiusMm: model.aortaRadiusMm },
    labelVoxelCounts,
  };
}
