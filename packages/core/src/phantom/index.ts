export { generatePhantom, generatePhantomTimePoint, phantomPatientId, PHANTOM_PATIENT_NAME, type PhantomTimePoint } from './generatePhantom.ts';
export { PHANTOM_DEFAULTS, PHANTOM_MAX_TIME_POINTS, resolvePhantomOptions, type PhantomOptions, type PhantomSize } from './PhantomOptions.ts';
export { phantomGrid, type PhantomGrid } from './phantomGrid.ts';
export { PHANTOM_LABEL, PHANTOM_LABELS, PHANTOM_MATERIAL_HU, labelPaint, phantomLabel, type PhantomLabel } from './phantomLabels.ts';
export {
  PHANTOM_LESIONS, PHANTOM_TIME_POINT_KINDS, TARGET_LESION_SCALE, lesionsAtTimePoint,
  type PhantomLesionAtTimePoint, type PhantomLesionSpec, type PhantomTimePointKind,
} from './phantomLesions.ts';
export { phantomTimePointModel, targetDiameterSumMm, type PhantomTimePointModel } from './phantomModel.ts';
export { FOLLOW_UP_MOTIONS, baselineToTimePoint, timePointToBaseline, type RigidMotion } from './followUpMotion.ts';
export { AORTA_RADIUS_MM, aortaCentrelineBody } from './aortaCentreline.ts';
export { AIRWAY_BRANCHES, type AirwayBranch } from './airwayTree.ts';
export { ellipsoidAxialDiameters, type AxialDiameters } from './recistDiameters.ts';
export {
  PHANTOM_TRUTH_CONVENTIONS, phantomTruthToJson,
  type PhantomGridTruth, type PhantomLesionTruth, type PhantomResponseTruth, type PhantomTimePointTruth, type PhantomTruthDocument,
} from './PhantomTruth.ts';
export { phantomStudyDate, phantomUids, type PhantomUids } from './phantomUids.ts';
export { PHANTOM_MANUFACTURER, encodePhantomSlice, phantomCtSeriesInfo, phantomSliceFileName } from './phantomDicom.ts';
export { RASTERIZE_DEFAULTS, rasterizeShapes, type RasterGrid, type RasterizeOptions } from './rasterizeShapes.ts';
export { addGaussianNoise, gaussianQuantileTable } from './gaussianNoise.ts';
export { Ellipsoid } from './shapes/Ellipsoid.ts';
export { SuperellipticPrism, type SuperellipseSection } from './shapes/SuperellipticPrism.ts';
export { Tube } from './shapes/Tube.ts';
export { frameAboutZ, transformFrame, type RigidFrame } from './shapes/RigidFrame.ts';
export type { BoundsLps, PhantomShape, QuadricRows, RasterPiece, ShapePaint, ZSeparable } from './shapes/PhantomShape.ts';
export { torsoShapes } from './torsoAnatomy.ts';
export { CT_IMAGE_STORAGE, CT_WINDOW_PRESETS, ctSliceDataset, encodeCtSlice, type CtSeriesInfo, type WindowPreset } from '../dicom/write/encodeCtSlice.ts';
export { EXPLICIT_VR_LITTLE_ENDIAN, VOXA_IMPLEMENTATION_CLASS_UID, VOXA_IMPLEMENTATION_VERSION_NAME, writePart10, type NaturalDataset } from '../dicom/write/writePart10.ts';
export { uidFromName, UUID_UID_ROOT } from '../dicom/write/uidFromName.ts';
export { randomUid } from '../dicom/write/randomUid.ts';
export { formatDecimalString } from '../dicom/write/decimalString.ts';
export { KNEE_PHANTOM_DEFAULTS, generateKneePhantom, resolveKneePhantomOptions, type KneeCartilageTruth, type KneePhantom, type KneePhantomOptions, type KneePhantomTruth } from './generateKneePhantom.ts';
export { KNEE_LABEL, KNEE_LABELS, KNEE_SIGNAL, type KneeLabel } from './kneeLabels.ts';
export { KNEE_GEOMETRY, kneeCartilagePlates, kneeShapes } from './kneeAnatomy.ts';
export { kneeGrid } from './kneeGrid.ts';
export { trueCartilageThicknessMm } from './trueCartilageThickness.ts';
export { CartilagePlate, type CartilageFootprint } from './shapes/CartilagePlate.ts';
export { CylinderCartilage } from './shapes/CylinderCartilage.ts';
export { PlaneCartilage } from './shapes/PlaneCartilage.ts';
export * from './spherePhantom.ts';
export { PHANTOM_PET_DEFAULTS, generatePhantomPet, phantomPetGrid, type PhantomPet, type PhantomPetOptions, type PhantomPetTruth } from './generatePhantomPet.ts';
export { PHANTOM_LESION_SUV, PHANTOM_LIVER_REFERENCE_LPS, PHANTOM_PET_PATIENT, PHANTOM_PET_SUV } from './phantomPetUptake.ts';
export { PHANTOM_PET_SESSION, encodePhantomPetSlice, phantomBqmlPerSuv, phantomPetActivity, phantomPetSeriesInfo } from './phantomPetDicom.ts';
export { F18_HALF_LIFE_S, PET_IMAGE_STORAGE, encodePetSlice, petRescaleSlope, petSliceDataset, type PetSeriesInfo } from '../dicom/write/encodePetSlice.ts';
