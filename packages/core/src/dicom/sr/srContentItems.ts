import type { Point3 } from '../../math/Vec3.ts';
import type { CodedConcept } from '../../segmentation/CodedConcept.ts';
import { codeItem } from '../../segmentation/io/codeSequences.ts';
import { formatDecimalString } from '../write/decimalString.ts';
import type { NaturalDataset } from '../write/writePart10.ts';

/** Relationship Types of SR content items (PS3.3 C.17.3.2.4). */
export type SrRelationship = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'HAS ACQ CONTEXT' | 'INFERRED FROM' | 'HAS PROPERTIES' | 'SELECTED FROM';

/**
 * Builders of SR content items in dcmjs natural form (PS3.3 C.17.3 SR Document Content Module and
 * the content item macros of Table C.17-5 … C.18.9). Each takes the relationship to its parent and
 * the concept name; children go to `ContentSequence`.
 */
export const srItem = {
  /** CONTAINER with SEPARATE continuity (Table C.18.8-1). */
  container(rel: SrRelationship, name: CodedConcept, children: NaturalDataset[]): NaturalDataset {
    return { RelationshipType: rel, ValueType: 'CONTAINER', ConceptNameCodeSequence: [codeItem(name)], ContinuityOfContent: 'SEPARATE', ContentSequence: children };
  },
  /** TEXT (Table C.17-7, UT value). */
  text(rel: SrRelationship, name: CodedConcept, value: string): NaturalDataset {
    return { RelationshipType: rel, ValueType: 'TEXT', ConceptNameCodeSequence: [codeItem(name)], TextValue: value };
  },
  /** CODE (Table C.18.2-1). */
  code(rel: SrRelationship, name: CodedConcept, value: CodedConcept, children?: NaturalDataset[]): NaturalDataset {
    return { RelationshipType: rel, ValueType: 'CODE', ConceptNameCodeSequence: [codeItem(name)], ConceptCodeSequence: [codeItem(value)], ...(children?.length ? { ContentSequence: children } : {}) };
  },
  /** UIDREF (Table C.17-5). */
  uidref(rel: SrRelationship, name: CodedConcept, uid: string): NaturalDataset {
    return { RelationshipType: rel, ValueType: 'UIDREF', ConceptNameCodeSequence: [codeItem(name)], UID: uid };
  },
  /** PNAME (Table C.17-5). */
  pname(rel: SrRelationship, name: CodedConcept, personName: string): NaturalDataset {
    return { RelationshipType: rel, ValueType: 'PNAME', ConceptNameCodeSequence: [codeItem(name)], PersonName: personName };
  },
  /** DATE (YYYYMMDD). */
  date(rel: SrRelationship, name: CodedConcept, date: string): NaturalDataset {
    return { RelationshipType: rel, ValueType: 'DATE', ConceptNameCodeSequence: [codeItem(name)], Date: date };
  },
  /**
   * NUM (Table C.18.1-1, Numeric Measurement Macro): the value as a DS, plus Floating Point Value
   * (FD) when the 16-character DS does not give the same double back, so reading is exact.
   */
  num(rel: SrRelationship, name: CodedConcept, value: number, unit: CodedConcept, children?: NaturalDataset[]): NaturalDataset {
    const ds = formatDecimalString(value);
    const measured: NaturalDataset = { MeasurementUnitsCodeSequence: [codeItem(unit)], NumericValue: ds };
    if (Number(ds) !== value) measured.FloatingPointValue = value;
    return { RelationshipType: rel, ValueType: 'NUM', ConceptNameCodeSequence: [codeItem(name)], MeasuredValueSequence: [measured], ...(children?.length ? { ContentSequence: children } : {}) };
  },
  /** IMAGE reference (Table C.18.4-1), with Referenced Segment Number for a SEG. */
  image(rel: SrRelationship, name: CodedConcept, sopClassUid: string, sopInstanceUid: string, segmentNumber?: number): NaturalDataset {
    const ref: NaturalDataset = { ReferencedSOPClassUID: sopClassUid, ReferencedSOPInstanceUID: sopInstanceUid };
    if (segmentNumber !== undefined) ref.ReferencedSegmentNumber = segmentNumber;
    return { RelationshipType: rel, ValueType: 'IMAGE', ConceptNameCodeSequence: [codeItem(name)], ReferencedSOPSequence: [ref] };
  },
  /** IMAGE reference without a concept name (an Image Library entry, PS3.16 TID 1601). */
  imageEntry(sopClassUid: string, sopInstanceUid: string): NaturalDataset {
    return { RelationshipType: 'CONTAINS', ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPClassUID: sopClassUid, ReferencedSOPInstanceUID: sopInstanceUid }] };
  },
  /**
   * SCOORD3D (Table C.18.9-1): points in the patient coordinate system of a Frame of Reference,
   * Graphic Data as FL triplets. A POLYGON is closed by repeating its first point at the end
   * (C.18.9.1.2) unless it already ends there.
   */
  scoord3d(rel: SrRelationship, name: CodedConcept | undefined, graphicType: 'POLYLINE' | 'POLYGON', pointsLps: readonly Point3[], frameOfReferenceUid: string): NaturalDataset {
    const first = pointsLps[0], last = pointsLps[pointsLps.length - 1];
    const closed = first[0] === last[0] && first[1] === last[1] && first[2] === last[2];
    const points = graphicType === 'POLYGON' && !closed ? [...pointsLps, first] : pointsLps;
    return {
      RelationshipType: rel,
      ValueType: 'SCOORD3D',
      ...(name ? { ConceptNameCodeSequence: [codeItem(name)] } : {}),
      ReferencedFrameOfReferenceUID: frameOfReferenceUid,
      GraphicType: graphicType,
      GraphicData: points.flatMap((p) => [p[0], p[1], p[2]]),
    };
  },
};
