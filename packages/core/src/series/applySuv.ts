import { calculateSUVScalingFactors } from '@cornerstonejs/calculate-suv';
import type { SliceRef } from '../dicom/InstanceInfo.ts';
import { createVolume, type Volume } from '../volume/Volume.ts';
import type { IngestWarning } from '../volume/IngestWarning.ts';
import { sulFactorFromBody } from '../measure/sulFactor.ts';

/**
 * PET body-weight SUV (PS3.3 C.8.9.1; computed by @cornerstonejs/calculate-suv, which implements
 * the QIBA profile's decay and start-time rules). Returns a float32 volume in SUVbw, its
 * `meta.extra` holding the patient's sex, height and weight and the SUL factor (or why there is
 * none), or the volume unchanged with a SUV_UNAVAILABLE warning saying which attribute is missing.
 */
export function applySuv(volume: Volume, slices: SliceRef[]): { volume: Volume; warning?: IngestWarning } {
  const files = [...new Set(slices.map((s) => s.instance.file))];
  const missing = missingAttributes(slices[0]);
  if (missing.length) {
    return { volume, warning: { code: 'SUV_UNAVAILABLE', message: `SUV not computed: missing ${missing.join(', ')}; values stay in ${volume.units}`, files } };
  }
  let factors: number[];
  try {
    factors = quietly(() => calculateSUVScalingFactors(slices.map((s) => suvInput(s)))).map((f) => f.suvbw);
  } catch (e) {
    return { volume, warning: { code: 'SUV_UNAVAILABLE', message: `SUV not computed: ${(e as Error).message}`, files } };
  }
  const [nx, ny, nz] = volume.dimensions;
  const plane = nx * ny;
  const out = new Float32Array(volume.voxels.length); // never the input's array: callers keep their Bq/ml volume
  for (let k = 0; k < nz; k++) {
    const f = factors[k];
    for (let v = k * plane; v < (k + 1) * plane; v++) out[v] = volume.voxels[v] * f;
  }
  return {
    volume: createVolume({
      dimensions: volume.dimensions, voxels: out, indexToWorld: volume.indexToWorld, units: 'SUVbw',
      meta: { ...volume.meta, extra: { ...volume.meta.extra, suvbwFactors: [...new Set(factors)], ...bodyFacts(slices[0]) } },
    }),
  };
}

/**
 * What SUL (lean-body-mass SUV, PERCIST) needs besides SUVbw: sex, height and weight, with the
 * factor LBM/weight (Janmahasatian) or the reason there is none. `sulFactorOf` reads them back.
 */
function bodyFacts(s: SliceRef): Record<string, unknown> {
  const p = s.instance.pet!;
  const body = { sex: p.patientSex, heightM: p.patientHeightM, weightKg: p.patientWeightKg };
  const sul = sulFactorFromBody(body);
  return {
    patientSex: body.sex, patientHeightM: body.heightM, patientWeightKg: body.weightKg,
    ...(sul.available ? { sulFactor: sul.factor, leanBodyMassKg: sul.leanBodyMassKg } : { sulUnavailable: sul.reason }),
  };
}

/**
 * calculate-suv prints to the console (debug lines, notes about the SUL/BSA variants we do not
 * use); a library must not, so its output is dropped for the duration of the call.
 */
function quietly<T>(fn: () => T): T {
  const { log, warn } = console;
  console.log = console.warn = () => {};
  try {
    return fn();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

function missingAttributes(s: SliceRef): string[] {
  const p = s.instance.pet;
  if (!p) return ['PET attributes'];
  const out: string[] = [];
  if (p.units !== 'BQML') out.push(`Units (0054,1001) = BQML (found ${p.units ?? 'none'})`);
  if (!p.patientWeightKg) out.push("Patient's Weight (0010,1030)");
  if (!p.radionuclideTotalDoseBq) out.push('Radionuclide Total Dose (0018,1074)');
  if (!p.radionuclideHalfLifeS) out.push('Radionuclide Half Life (0018,1075)');
  if (!p.radiopharmaceuticalStartTime && !p.radiopharmaceuticalStartDateTime) out.push('Radiopharmaceutical Start Time (0018,1072)');
  if (!p.seriesDate || !p.seriesTime) out.push('Series Date/Time (0008,0021/0031)');
  return out;
}

function suvInput(s: SliceRef) {
  const p = s.instance.pet!;
  return {
    CorrectedImage: p.correctedImage,
    Units: p.units!,
    RadionuclideHalfLife: p.radionuclideHalfLifeS!,
    RadionuclideTotalDose: p.radionuclideTotalDoseBq!,
    DecayCorrection: p.decayCorrection ?? 'START',
    PatientWeight: p.patientWeightKg!,
    SeriesDate: p.seriesDate!,
    SeriesTime: p.seriesTime!,
    AcquisitionDate: p.acquisitionDate ?? p.seriesDate!,
    AcquisitionTime: p.acquisitionTime ?? p.seriesTime!,
    RadiopharmaceuticalStartTime: p.radiopharmaceuticalStartTime,
    RadiopharmaceuticalStartDateTime: p.radiopharmaceuticalStartDateTime,
  };
}
