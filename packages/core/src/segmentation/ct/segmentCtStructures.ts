import type { Volume } from '../../volume/Volume.ts';
import { type CodedConcept, SEGMENT_CATEGORY, SEGMENT_TYPE } from '../CodedConcept.ts';
import { type Segmentation, addSegment, createSegmentation, writeSegmentMask } from '../Segmentation.ts';
import { type CtStructure, type CtStructuresOptions, ctStructureMasks } from './ctStructureMasks.ts';

/** Algorithm Name and Version written on every segment (DICOM SEG Segment Algorithm Name / Version). */
export const CT_RULES_ALGORITHM = { name: 'Voxa CT rules', version: '1.0' } as const;

/** How each structure is described: label, codes, colour, and its layer (0 body, 1 the tissue partition). */
const DESCRIPTIONS: Record<CtStructure, { label: string; category: CodedConcept; type: CodedConcept; color: [number, number, number]; layer: 0 | 1 }> = {
  body: { label: 'Body', category: SEGMENT_CATEGORY.anatomicalStructure, type: SEGMENT_TYPE.body, color: [177, 122, 101], layer: 0 },
  airway: { label: 'Airway', category: SEGMENT_CATEGORY.anatomicalStructure, type: SEGMENT_TYPE.airway, color: [182, 228, 255], layer: 1 },
  rightLung: { label: 'Right lung', category: SEGMENT_CATEGORY.anatomicalStructure, type: SEGMENT_TYPE.rightLung, color: [197, 165, 145], layer: 1 },
  leftLung: { label: 'Left lung', category: SEGMENT_CATEGORY.anatomicalStructure, type: SEGMENT_TYPE.leftLung, color: [172, 138, 115], layer: 1 },
  bones: { label: 'Bones', category: SEGMENT_CATEGORY.tissue, type: SEGMENT_TYPE.bone, color: [241, 214, 145], layer: 1 },
  skin: { label: 'Skin', category: SEGMENT_CATEGORY.tissue, type: SEGMENT_TYPE.skin, color: [253, 232, 158], layer: 1 },
  muscle: { label: 'Skeletal muscle', category: SEGMENT_CATEGORY.tissue, type: SEGMENT_TYPE.muscle, color: [192, 104, 88], layer: 1 },
  subcutaneousFat: { label: 'Subcutaneous fat', category: SEGMENT_CATEGORY.tissue, type: SEGMENT_TYPE.subcutaneousFat, color: [255, 238, 170], layer: 1 },
  visceralFat: { label: 'Visceral fat', category: SEGMENT_CATEGORY.tissue, type: SEGMENT_TYPE.visceralFat, color: [230, 220, 120], layer: 1 },
};

/** Order of writing into the tissue layer: where two masks meet, the earlier keeps the voxel. */
const PRIORITY: readonly CtStructure[] = ['body', 'airway', 'rightLung', 'leftLung', 'bones', 'skin', 'muscle', 'subcutaneousFat', 'visceralFat'];

/** Options of `segmentCtStructures`: those of `ctStructureMasks`, plus the segmentation's label. */
export interface SegmentCtStructuresOptions extends CtStructuresOptions {
  /** Content label of the segmentation (default 'CT structures'). */
  label?: string;
  /** Told what could not be found (no trachea on an abdominal scan, …). */
  onWarning?: (message: string) => void;
}

/**
 * Segment body, skin, subcutaneous and visceral fat, skeletal muscle, bones, right and left lungs
 * and the airway of a CT (HU) by rules, without a model. The body is one label layer, the tissue
 * partition (every other structure, mutually exclusive) a second one. Segments are AUTOMATIC,
 * named 'Voxa CT rules', and start as proposals for review; structures found empty are left out.
 *
 * @example
 * const seg = segmentCtStructures(ct, { structures: ['body', 'rightLung', 'leftLung'], onProgress: (p) => bar(p.fraction) });
 */
export function segmentCtStructures(ct: Volume, options: SegmentCtStructuresOptions = {}): Segmentation {
  const { masks, warnings } = ctStructureMasks(ct, options);
  for (const w of warnings) options.onWarning?.(w);
  const seg = createSegmentation({
    dimensions: ct.dimensions,
    indexToWorld: ct.indexToWorld,
    label: options.label ?? 'CT structures',
    frameOfReferenceUid: ct.meta.frameOfReferenceUid,
    referencedSeriesUid: ct.meta.seriesInstanceUid,
  });
  for (const s of PRIORITY) {
    const mask = masks[s];
    if (!mask || !mask.some((v) => v !== 0)) continue;
    const d = DESCRIPTIONS[s];
    while (seg.layers.length <= d.layer) seg.layers.push(new Uint8Array(mask.length));
    const g = addSegment(seg, {
      label: d.label,
      category: d.category,
      type: d.type,
      color: d.color,
      algorithmType: 'AUTOMATIC',
      algorithmName: CT_RULES_ALGORITHM.name,
      algorithmVersion: CT_RULES_ALGORITHM.version,
    }, d.layer);
    writeSegmentMask(seg, g.number, mask, { mode: 'replace', overwrite: false });
  }
  return seg;
}
