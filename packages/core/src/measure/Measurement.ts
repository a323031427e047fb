import type { Point3, Vec3 } from '../math/Vec3.ts';
import type { LesionKind, LesionPresence, NonTargetStatus } from '../response/ResponseInput.ts';

/** The kinds of 2D measurement the workstation draws (the app draws them, the server stores them). */
export const MEASUREMENT_KINDS = ['length', 'angle', 'cobb', 'bidirectional', 'ellipse', 'freehand', 'probe'] as const;

export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

/** Most points of a freehand contour: bounds the stored JSON of one measurement. */
export const MAX_FREEHAND_POINTS = 10_000;

/**
 * How many points each kind has, [min, max]: a length its two ends; an angle the arm end, vertex,
 * arm end; a Cobb angle two lines of two points; a bidirectional the long then the short axis; an
 * ellipse its centre and one or two (or three) axis ends; a freehand contour at least 3; a probe 1.
 */
export const POINT_COUNTS: Readonly<Record<MeasurementKind, readonly [number, number]>> = {
  length: [2, 2],
  angle: [3, 3],
  cobb: [4, 4],
  bidirectional: [4, 4],
  ellipse: [2, 4],
  freehand: [3, MAX_FREEHAND_POINTS],
  probe: [1, 1],
};

/** A measurement id: chosen by the client, unique within its study. */
export const MEASUREMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The view plane a measurement was drawn on, in patient LPS mm (row and column: direction cosines). */
export interface MeasurementPlane {
  origin: Point3;
  row: Vec3;
  column: Vec3;
}

/** Lesion ids as readers write them (T1, NT2, N1, liver-3): the same id at every time point matches the lesion. */
export const LESION_ID_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;

/**
 * What a measurement is of, when it measures a tumour lesion followed for response: the lesion's
 * id (the same at every time point of the patient), how it was designated at baseline (or that it
 * is new), its organ, and how it was seen at this time point. A response assessment reads the
 * lesion-tagged measurements of each of its studies (`responseInputFromMeasurements`).
 */
export interface MeasurementLesion {
  id: string;
  kind: LesionKind;
  organ: string;
  isLymphNode?: boolean;
  /** 'measured' when omitted; 'too-small' and 'disappeared' need no size. */
  presence?: LesionPresence;
  /** Non-target and non-measured new lesions: how the lesion looks at this time point. */
  status?: NonTargetStatus;
  /** A new lesion the reader is not sure is tumour. */
  equivocal?: boolean;
}

/**
 * One 2D measurement saved with a study. Points are in patient LPS millimetres; `values` holds
 * what the workstation computed (lengthMm, angleDeg, mean, sd, min, max, areaMm2 …) in `units`
 * where they are image values (HU, SUVbw). `createdAt` and `updatedAt` are set by the server.
 */
export interface Measurement {
  id: string;
  kind: MeasurementKind;
  seriesInstanceUid: string;
  frameOfReferenceUid?: string;
  /** Patient LPS mm; how many depends on the kind (POINT_COUNTS). */
  points: Point3[];
  plane?: MeasurementPlane;
  label?: string;
  values: Record<string, number>;
  units?: string;
  /** Set when the measurement is of a lesion followed for response. */
  lesion?: MeasurementLesion;
  /**
   * The algorithm that proposed it (e.g. 'Voxa one-click lesion'); absent for a reader's own
   * drawing. A proposal until a reader edits it (the workstation then drops this) or reviews it.
   */
  algorithm?: string;
  createdAt?: string;
  updatedAt?: string;
}
