import type { CodedConcept } from '../../segmentation/CodedConcept.ts';
import { readCode } from '../../segmentation/io/codeSequences.ts';
import type { TextDecoding } from '../../segmentation/io/textDecoding.ts';
import type { AttributeReader } from '../AttributeReader.ts';

/** Tags of the SR Document Content Module (PS3.3 C.17.3) and the content item macros, as dicom-parser keys. */
export const SR_TAG = {
  relationshipType: 'x0040a010',
  valueType: 'x0040a040',
  conceptName: 'x0040a043',
  conceptCode: 'x0040a168',
  contentSequence: 'x0040a730',
  textValue: 'x0040a160',
  uid: 'x0040a124',
  personName: 'x0040a123',
  date: 'x0040a121',
  measuredValue: 'x0040a300',
  measurementUnits: 'x004008ea',
  numericValue: 'x0040a30a',
  floatingPointValue: 'x0040a161',
  referencedSop: 'x00081199',
  referencedSopClassUid: 'x00081150',
  referencedSopInstanceUid: 'x00081155',
  referencedSegmentNumber: 'x0062000b',
  referencedFrameOfReferenceUid: 'x30060024',
  graphicType: 'x00700023',
  graphicData: 'x00700022',
} as const;

/** One SR content item with its children (PS3.3 C.17.3), read through an AttributeReader. */
export interface SrContentNode {
  relationship: string;
  valueType: string;
  /** Concept Name; absent on items that have none (e.g. Image Library entries). */
  concept?: CodedConcept;
  item: AttributeReader;
  children: SrContentNode[];
}

/** Every item of a sequence, in order. */
export function sequenceItems(ds: AttributeReader | undefined, tag: string): AttributeReader[] {
  const out: AttributeReader[] = [];
  for (let n = 0; ds; n++) {
    const item = ds.item(tag, n);
    if (!item) break;
    out.push(item);
  }
  return out;
}

/** The content tree below a data set or content item: its Content Sequence, recursively. */
export function readSrContentTree(ds: AttributeReader, text: TextDecoding): SrContentNode[] {
  return sequenceItems(ds, SR_TAG.contentSequence).map((item) => ({
    relationship: item.str(SR_TAG.relationshipType),
    valueType: item.str(SR_TAG.valueType),
    concept: readCode(item, SR_TAG.conceptName, text),
    item,
    children: readSrContentTree(item, text),
  }));
}

/** The children of a node with a concept name (code value and scheme) and, when given, a value type. */
export function childrenNamed(node: { children: SrContentNode[] }, concept: CodedConcept, valueType?: string): SrContentNode[] {
  return node.children.filter((c) => c.concept?.value === concept.value && c.concept.scheme === concept.scheme && (!valueType || c.valueType === valueType));
}

/** The first child with a concept name (and value type), or undefined. */
export function childNamed(node: { children: SrContentNode[] }, concept: CodedConcept, valueType?: string): SrContentNode | undefined {
  return childrenNamed(node, concept, valueType)[0];
}
