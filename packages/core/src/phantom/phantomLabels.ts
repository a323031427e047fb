import { VoxaError } from '../errors/VoxaError.ts';

/** One row of the phantom's label table. */
export interface PhantomLabel {
  id: number;
  /** Machine name, stable across versions. */
  name: string;
  /** Display name. */
  displayName: string;
  /** RGB 0–255. */
  color: [number, number, number];
  /** Noise-free HU of the label's interior (for bones: the cancellous core). */
  hu: number;
  /** HU of the cortical shell, for bones. */
  cortexHu?: number;
  /** SNOMED CT concept id (as used in DICOM SEG), only where it is known with confidence. */
  snomedCode?: string;
  /** The SNOMED CT meaning that goes with the code. */
  snomedMeaning?: string;
  /** True for lesions (liver lesions, lung nodule, lymph node). */
  lesion: boolean;
}

/** Label ids of the phantom, by name. */
export const PHANTOM_LABEL = {
  background: 0,
  skin: 1,
  subcutaneousFat: 2,
  muscle: 3,
  visceralFat: 4,
  vertebrae: 5,
  intervertebralDiscs: 6,
  spinalCanal: 7,
  ribs: 8,
  rightLung: 9,
  leftLung: 10,
  airway: 11,
  heart: 12,
  aorta: 13,
  liver: 14,
  spleen: 15,
  rightKidney: 16,
  leftKidney: 17,
  liverLesion1: 20,
  lungNodule: 21,
  lymphNode: 22,
  liverLesion2: 23,
} as const;

/** HU of the materials that are not the interior value of a label. */
export const PHANTOM_MATERIAL_HU = {
  /** Outside the body and inside the airways. */
  air: -1000,
  /** Bone cortex (vertebrae, ribs). */
  cortex: 800,
  /** Cancellous bone (vertebrae, ribs). */
  cancellous: 250,
  /** Airway wall, drawn in HU only (its voxels keep the label beneath). */
  airwayWall: 50,
} as const;

const row = (
  id: number, name: string, displayName: string, color: [number, number, number], hu: number,
  extra: Partial<PhantomLabel> = {},
): PhantomLabel => ({ id, name, displayName, color, hu, lesion: false, ...extra });

/**
 * The phantom's label table. HU values are non-contrast (blood, heart and aorta ≈ 40 HU: no
 * contrast agent), so every organ keeps its native attenuation.
 */
export const PHANTOM_LABELS: readonly PhantomLabel[] = [
  row(0, 'background', 'Background (air)', [0, 0, 0], PHANTOM_MATERIAL_HU.air),
  row(1, 'skin', 'Skin', [241, 214, 145], 40, { snomedCode: '39937001', snomedMeaning: 'Skin structure' }),
  row(2, 'subcutaneous_fat', 'Subcutaneous fat', [255, 238, 170], -100),
  row(3, 'muscle', 'Skeletal muscle', [192, 104, 88], 50),
  row(4, 'visceral_fat', 'Visceral and mediastinal fat', [230, 220, 120], -100),
  row(5, 'vertebrae', 'Vertebrae', [241, 241, 230], PHANTOM_MATERIAL_HU.cancellous, {
    cortexHu: PHANTOM_MATERIAL_HU.cortex, snomedCode: '421060004', snomedMeaning: 'Vertebral column',
  }),
  row(6, 'intervertebral_discs', 'Intervertebral discs', [111, 184, 210], 90),
  row(7, 'spinal_canal', 'Spinal canal (cord and CSF)', [244, 214, 49], 30),
  row(8, 'ribs', 'Ribs', [255, 250, 220], PHANTOM_MATERIAL_HU.cancellous, {
    cortexHu: PHANTOM_MATERIAL_HU.cortex, snomedCode: '113197003', snomedMeaning: 'Rib',
  }),
  row(9, 'lung_right', 'Right lung', [197, 165, 145], -850, { snomedCode: '3341006', snomedMeaning: 'Right lung' }),
  row(10, 'lung_left', 'Left lung', [172, 138, 115], -850, { snomedCode: '44029006', snomedMeaning: 'Left lung' }),
  row(11, 'airway', 'Airway lumen (trachea, bronchi)', [182, 228, 255], PHANTOM_MATERIAL_HU.air),
  row(12, 'heart', 'Heart', [206, 110, 84], 40, { snomedCode: '80891009', snomedMeaning: 'Heart' }),
  row(13, 'aorta', 'Aorta', [224, 97, 76], 40, { snomedCode: '15825003', snomedMeaning: 'Aorta' }),
  row(14, 'liver', 'Liver', [221, 130, 101], 60, { snomedCode: '10200004', snomedMeaning: 'Liver' }),
  row(15, 'spleen', 'Spleen', [157, 108, 162], 45, { snomedCode: '78961009', snomedMeaning: 'Spleen' }),
  row(16, 'kidney_right', 'Right kidney', [185, 102, 83], 30, { snomedCode: '9846003', snomedMeaning: 'Right kidney' }),
  row(17, 'kidney_left', 'Left kidney', [185, 102, 83], 30, { snomedCode: '18639004', snomedMeaning: 'Left kidney' }),
  row(20, 'liver_lesion_1', 'Liver lesion 1 (target)', [0, 200, 80], 25, {
    lesion: true, snomedCode: '52988006', snomedMeaning: 'Lesion',
  }),
  row(21, 'lung_nodule', 'Lung nodule (target)', [0, 160, 255], 40, {
    lesion: true, snomedCode: '27925004', snomedMeaning: 'Nodule',
  }),
  row(22, 'lymph_node', 'Para-aortic lymph node (target)', [255, 200, 0], 35, {
    lesion: true, snomedCode: '59441001', snomedMeaning: 'Lymph node',
  }),
  row(23, 'liver_lesion_2', 'Liver lesion 2 (new at progression)', [255, 60, 160], 25, {
    lesion: true, snomedCode: '52988006', snomedMeaning: 'Lesion',
  }),
];

/** What a shape of label `id` paints: the label and its documented HU. Throws for ids not in the table. */
export function labelPaint(id: number): { label: number; hu: number } {
  const row = phantomLabel(id);
  if (!row) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { label: id }, 'the label is missing from the phantom label table');
  return { label: id, hu: row.hu };
}

/** The label row for an id; undefined for ids not in the table. */
export function phantomLabel(id: number): PhantomLabel | undefined {
  return PHANTOM_LABELS.find((l) => l.id === id);
}
