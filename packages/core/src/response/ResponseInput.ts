/**
 * What a tumour-response evaluation reads: a patient's time points (index 0 = baseline) and
 * lesions, each with one observation per time point. Sizes are in millimetres (Mm), volumes in
 * cubic millimetres (Mm3), densities in Hounsfield units (Hu), uptake in SUV units.
 */

/** How a lesion was designated at baseline (target, non-target) or that it appeared later (new). */
export type LesionKind = 'target' | 'non-target' | 'new';

/**
 * How a lesion was seen at one time point: measured (the default), present but too small to
 * measure (a default size is assigned: RECIST 1.1, 'lesions too small to measure'), gone (0 mm), or not evaluable.
 */
export type LesionPresence = 'measured' | 'too-small' | 'disappeared' | 'NE';

/**
 * A qualitative assessment of a non-measured lesion: 'increased' means grown since the previous
 * assessment but not unequivocal progression (RECIST 1.1 reads it as present; iRECIST uses it to
 * confirm iCPD, Seymour 2017 Table 2).
 */
export type NonTargetStatus = 'absent' | 'present' | 'increased' | 'unequivocal-progression' | 'NE';

/** One lesion at one time point; only the fields a criterion reads need to be set. */
export interface LesionObservation {
  /** 'measured' when omitted. */
  presence?: LesionPresence;
  /** Longest diameter in the measurement plane (RECIST, WHO, RANO, Lugano LDi). */
  longAxisMm?: number;
  /** Longest diameter perpendicular to the long axis (RECIST node short axis, WHO/RANO/Lugano SDi). */
  shortAxisMm?: number;
  /** Longest diameter of the arterially enhancing (viable) part (mRECIST). */
  viableLongAxisMm?: number;
  /** Segmented lesion volume (volumetric response). */
  volumeMm3?: number;
  /** Mean attenuation of the lesion in the portal venous phase (Choi). */
  meanHu?: number;
  /** Peak SUL: mean SUV normalised to lean body mass in a 1 cm³ sphere (PERCIST). */
  sulPeak?: number;
  /** Maximum SUV (EORTC-style PET evaluation; PERCIST can be switched to it). */
  suvMax?: number;
  /** Non-target and non-measured new lesions. */
  status?: NonTargetStatus;
  /** New lesions: the reader is not sure the finding is tumour (RECIST 1.1, 'new lesions'). */
  equivocal?: boolean;
}

/** A lesion followed over the study. */
export interface Lesion {
  /** Unique within the patient; named in every message about the lesion. */
  id: string;
  /** Organ or site; all lymph nodes count as one organ for target selection (RECIST 1.1 Q&A). */
  organ: string;
  kind: LesionKind;
  isLymphNode?: boolean;
  /**
   * One entry per time point, aligned with `ResponseInput.timePoints`. null: not assessed (a
   * target or non-target is then not evaluable); for a new lesion, null before it appears.
   */
  observations: readonly (LesionObservation | null)[];
}

/** RANO (Wen 2010) clinical information at a time point. */
export interface RanoClinical {
  /** Daily corticosteroid dose, dexamethasone-equivalent mg; compared with the baseline dose. */
  corticosteroidMgPerDay?: number;
  /** The dose is physiologic replacement only (counts as off steroids for CR). */
  physiologicReplacementOnly?: boolean;
  clinicalStatus?: 'improved' | 'stable' | 'worse';
  /** Significant increase of the non-enhancing T2/FLAIR lesion not caused by anything but tumour. */
  t2FlairProgression?: boolean;
}

/** Reference uptake regions of one PET scan (PERCIST 1.0, Wahl 2009). */
export interface PetReference {
  /** Mean SUL of a 3 cm sphere in the right liver lobe. */
  liverSulMean?: number;
  liverSulSd?: number;
  /** Mean SUL of the descending aorta (blood pool). */
  bloodPoolSulMean?: number;
  bloodPoolSulSd?: number;
}

/** One imaging time point; index 0 of `ResponseInput.timePoints` is the baseline. */
export interface TimePoint {
  /** ISO 8601 date of the scan, e.g. '2024-03-01'. */
  dateIso: string;
  /** New lesions reported without itemising them as lesions of kind 'new'. */
  newLesions?: 'none' | 'equivocal' | 'unequivocal';
  /** false when a tumour marker is above normal (RECIST 1.1 non-target CR needs normal markers). */
  tumourMarkersNormal?: boolean;
  /** Craniocaudal spleen length (Lugano CT). */
  spleenLengthMm?: number;
  /** New intratumoural nodule or growth of an existing one (Choi PD). */
  newIntratumouralNodule?: boolean;
  rano?: RanoClinical;
  pet?: PetReference;
}

/** A patient's lesions over time, the input of every criterion evaluation. */
export interface ResponseInput {
  timePoints: readonly TimePoint[];
  lesions: readonly Lesion[];
}
