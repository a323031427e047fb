import type { AttributeReader } from '../../dicom/AttributeReader.ts';
import { SEGMENT_CATEGORY, SEGMENT_TYPE, sameConcept } from '../CodedConcept.ts';
import type { Segment, SegmentAlgorithmType } from '../Segment.ts';
import { dicomLabToRgb } from './cieLab.ts';
import { readCode } from './codeSequences.ts';
import { SEG_CODES } from './segConstants.ts';
import type { TextDecoding } from './textDecoding.ts';

/** A segment as a SEG describes it: everything of {@link Segment} but where its voxels live. */
export type SegmentDescription = Omit<Segment, 'layer' | 'value'> & {
  /** True for the background segment of a LABELMAP SEG (number 0 or type DCM 125040). */
  background: boolean;
};

const ALGORITHM_TYPES = new Set(['MANUAL', 'SEMIAUTOMATIC', 'AUTOMATIC']);

/** Colours for segments without a recommended display colour (Slicer's first generic colours). */
const FALLBACK_COLORS: [number, number, number][] = [
  [128, 174, 128], [241, 214, 145], [177, 122, 101], [111, 184, 210], [216, 101, 79], [221, 130, 101], [144, 238, 144], [192, 104, 88],
];

/**
 * One item of the Segment Sequence (0062,0002): the Segment Description Macro (PS3.3 C.8.20.4)
 * read into the model's terms. Colour comes from Recommended Display CIELab Value (converted to
 * sRGB), else the grayscale value, else a fixed palette; missing codes and algorithm types are
 * replaced by the model's defaults and reported in `warnings`.
 */
export function readSegmentDescription(item: AttributeReader, index: number, warnings: string[], text: TextDecoding = (s) => s): SegmentDescription {
  const number = item.uint16('x00620004') ?? index + 1;
  const where = `segment ${number}`;
  const label = text(item.str('x00620005')) || `Segment ${number}`;
  const category = readCode(item, 'x00620003', text);
  const typeItem = item.item('x0062000f');
  const type = readCode(item, 'x0062000f', text);
  if (!category) warnings.push(`${where}: Segmented Property Category Code Sequence (0062,0003) missing; 'Tissue' assumed`);
  if (!type) warnings.push(`${where}: Segmented Property Type Code Sequence (0062,000F) missing; 'Tissue' assumed`);
  let algorithmType = item.str('x00620008').toUpperCase() as SegmentAlgorithmType;
  if (!ALGORITHM_TYPES.has(algorithmType)) {
    warnings.push(`${where}: Segment Algorithm Type (0062,0008) '${algorithmType}' is not MANUAL, SEMIAUTOMATIC or AUTOMATIC; MANUAL assumed`);
    algorithmType = 'MANUAL';
  }
  const algorithm = item.item('x00620007');
  const lab = item.nums('x0062000d');
  const grey = item.num('x0062000c');
  const color: [number, number, number] = lab.length === 3
    ? dicomLabToRgb(lab as [number, number, number])
    : grey !== undefined ? [grey >> 8, grey >> 8, grey >> 8] : FALLBACK_COLORS[index % FALLBACK_COLORS.length];
  const segment: SegmentDescription = {
    number,
    label,
    description: text(item.str('x00620006')) || undefined,
    color,
    category: category ?? SEGMENT_CATEGORY.tissue,
    type: type ?? SEGMENT_TYPE.tissue,
    typeModifier: readCode(typeItem, 'x00620011', text) ?? readCode(item, 'x00620011', text),
    anatomicRegion: readCode(item, 'x00082218', text),
    algorithmType,
    algorithmName: text(item.str('x00620009') || (algorithm ? algorithm.str('x00660036') : '')) || undefined,
    algorithmVersion: text(algorithm ? algorithm.str('x00660031') : '') || undefined,
    review: { status: algorithmType === 'MANUAL' ? 'draft' : 'proposal' },
    visible: true,
    locked: false,
    opacity: 1,
    background: number === 0 || sameConcept(type, SEG_CODES.background),
  };
  return segment;
}
