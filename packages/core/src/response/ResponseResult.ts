/** What a tumour-response evaluation returns: categories, the rules that fired and issues found. */

/** RECIST-family overall response at a time point (RECIST 1.1 Tables 1 and 2). */
export type RecistCategory = 'CR' | 'PR' | 'SD' | 'PD' | 'NE' | 'NON_CR_NON_PD';

/** iRECIST time-point response (Seymour 2017 Table 2); 'NON_iCR_NON_iUPD' for non-target-only disease. */
export type IrecistCategory = 'iCR' | 'iPR' | 'iSD' | 'iUPD' | 'iCPD' | 'NE' | 'NON_iCR_NON_iUPD';

/** PERCIST 1.0 metabolic response (Wahl 2009). */
export type PercistCategory = 'CMR' | 'PMR' | 'SMD' | 'PMD' | 'NE';

/** Response of the target lesions alone. */
export type TargetCategory = 'CR' | 'PR' | 'SD' | 'PD' | 'NE';

/** Response of the non-target lesions alone. */
export type NonTargetCategory = 'CR' | 'NON_CR_NON_PD' | 'PD' | 'NE';

/** Whether new lesions were seen at a time point. */
export type NewLesionStatus = 'none' | 'equivocal' | 'unequivocal';

/** One rule that decided (part of) a response, with the numbers it compared. */
export interface RuleFiring {
  /** Stable id, e.g. 'recist.pd.target.sum-increase'; callers may switch on it. */
  ruleId: string;
  /** A sentence a reader can check by hand. */
  message: string;
  /** The numbers compared (sumMm, baselineMm, nadirMm, changeFromNadirPercent …). */
  values: Record<string, number>;
  /** The lesions the rule is about, where it is about some. */
  lesionIds?: string[];
}

/** Something wrong or doubtful in the input; the evaluation still runs and says what it assumed. */
export interface ResponseIssue {
  severity: 'error' | 'warning';
  /** Stable code, e.g. 'recist.selection.too-many-targets'. */
  code: string;
  message: string;
  lesionId?: string;
  timePointIndex?: number;
}

/** The summed measure of the target lesions at one time point and its change. */
export interface MeasureSummary {
  /** 'mm' (diameters), 'mm²' (products), 'mm³' (volumes), 'SUL' (uptake). */
  unit: string;
  /** Sum over the evaluable targets; a lower bound when `complete` is false; null without targets. */
  value: number | null;
  complete: boolean;
  baseline: number | null;
  /** Smallest complete value before this time point, baseline included (RECIST 1.1, evaluation of target lesions). */
  nadir: number | null;
  changeFromBaselinePercent: number | null;
  changeFromNadirPercent: number | null;
  changeFromNadirAbsolute: number | null;
}

/** The response at one follow-up time point and why. */
export interface TimePointResponse<C extends string> {
  /** Index into `ResponseInput.timePoints` (≥ 1). */
  index: number;
  dateIso: string;
  category: C;
  /** null when the patient has no target (or no non-target) lesions. */
  target: TargetCategory | null;
  nonTarget: NonTargetCategory | null;
  newLesions: NewLesionStatus;
  measure: MeasureSummary;
  firings: RuleFiring[];
}

/** A criterion applied to a patient: one response per follow-up time point, and input issues. */
export interface ResponseEvaluation<C extends string> {
  /** Criterion id, the prefix of its rule ids: 'recist', 'irecist', 'mrecist', 'who', 'choi', 'rano', 'percist', 'lugano', 'volumetric'. */
  criterion: string;
  baselineDateIso: string;
  /** The baseline measure (change fields null). */
  baseline: MeasureSummary;
  timePoints: TimePointResponse<C>[];
  issues: ResponseIssue[];
}
