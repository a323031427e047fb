import type { LesionObservation } from './ResponseInput.ts';

/** Which number of a lesion a sum-based criterion adds up. */
export type LesionMeasureKind =
  /** RECIST 1.1: long axis, short axis for lymph nodes. */
  | 'diameter'
  /** mRECIST: long axis of the enhancing part, short axis for lymph nodes. */
  | 'viable-diameter'
  /** RECIST 1.0 / Choi: long axis for every lesion. */
  | 'long-axis'
  /** WHO, RANO, Lugano: long axis × its longest perpendicular. */
  | 'product'
  /** Volumetric: the segmented volume. */
  | 'volume';

/** The axes of a lesion a threshold can read. */
export type LesionAxis = keyof Pick<LesionObservation, 'longAxisMm' | 'shortAxisMm' | 'viableLongAxisMm'>;

/** A size bound on one axis: at least (or more than) `mm` for measurability, at most (or below) for a normal node. */
export interface AxisThreshold {
  axis: LesionAxis;
  mm: number;
  /** true: ≥ (or ≤) counts; false: strictly > (or <). */
  inclusive: boolean;
}

/** Which lesions may be targets at baseline. */
export interface TargetSelectionRules {
  /** null: no limit. */
  maxTargets: number | null;
  maxTargetsPerOrgan: number | null;
  /** All lymph nodes count as one organ (RECIST 1.1 Q&A "paired organs"). */
  nodesAreOneOrgan: boolean;
  /** Every bound must hold at baseline for a non-nodal target to be measurable. */
  measurableLesion: readonly AxisThreshold[];
  /** Every bound must hold at baseline for a nodal target to be measurable. */
  measurableNode: readonly AxisThreshold[];
}

/**
 * The rule table of a criterion that sums target lesions: thresholds as data, so RECIST 1.1,
 * mRECIST, WHO, Choi, RANO, Lugano and volumetric share one evaluator. Fractions are relative
 * changes (−0.3 = −30 %); all comparisons are inclusive, as the published rules are.
 */
export interface SumCriterionRules {
  /** Prefix of every rule id and issue code, e.g. 'recist'. */
  id: string;
  /** Shown in messages, e.g. 'RECIST 1.1'. */
  name: string;
  measure: LesionMeasureKind;
  selection: TargetSelectionRules;
  /**
   * Size given to a lesion present but too small to measure, per axis (RECIST 1.1 and Lugano:
   * 5 mm; a product then counts 5 × 5, a volume a 5 mm sphere). Disappeared lesions count 0.
   */
  tooSmallAxisMm: number;
  /** A target node this size or smaller counts as normal for CR; null: it must disappear. */
  nodeNormal: AxisThreshold | null;
  /** PR when the sum changed by at most this from baseline (−0.3 = a decrease of ≥ 30 %). */
  partialResponseMaxChange: number;
  /** PD when the sum grew by at least this from the nadir; null: no sum rule for PD (Lugano). */
  progressionMinChange: number | null;
  /** …and by at least this much in the measure's unit (RECIST 1.1: 5 mm). */
  progressionMinAbsolute: number;
  /** After an overall CR, a reappearing lesion is PD (RECIST 1.1 Table 3 note; Q&A). */
  reappearanceAfterCrIsPd: boolean;
}
