/**
 * Read access to the attributes of one DICOM data set, whatever its encoding: a Part 10 file parsed
 * by dicom-parser ({@link DataSetReader}) or the DICOM JSON model of PS3.18 Annex F
 * (`DicomJsonReader`). readInstance reads only through it, so both give the same InstanceInfo and
 * SliceRefs. Tags are dicom-parser keys: 'x' and eight lower-case hex digits ('x00280010').
 */
export interface AttributeReader {
  /** True when the attribute is present, even with an empty value. */
  has(tag: string): boolean;
  /** Its VR (explicit, or the dictionary's for Implicit VR), or undefined when unknown. */
  vr(tag: string): string | undefined;
  /** The whole value as text (several values joined by '\'), NULs removed, trimmed; '' when absent. */
  str(tag: string): string;
  /** Every value as trimmed text; [] when absent or empty. */
  strs(tag: string): string[];
  /** Value `index` as a number (numeric text parsed, binary numbers read), or undefined. */
  num(tag: string, index?: number): number | undefined;
  /** Every numeric value (e.g. the three of Image Position (Patient)); blank values are left out. */
  nums(tag: string): number[];
  /** Value `index` of a US or SS attribute as an unsigned 16-bit number, or undefined. */
  uint16(tag: string, index?: number): number | undefined;
  /** Value `index` of a US or SS attribute as a signed 16-bit number, or undefined. */
  int16(tag: string, index?: number): number | undefined;
  /** Item `index` of a sequence, or undefined. */
  item(tag: string, index?: number): AttributeReader | undefined;
  /** The tags an AT attribute points to (e.g. Frame Increment Pointer), as 'xggggeeee'. */
  tags(tag: string): string[];
  /** The bytes of a binary value (OB, OW, UN …); undefined when absent or empty. */
  bytes(tag: string): Uint8Array | undefined;
  /**
   * True when {@link bytes} are little endian whatever the transfer syntax (DICOM JSON and bulk
   * data, PS3.18 F.2.7 and §8.7.3.3.2); undefined when they follow the transfer syntax.
   */
  readonly littleEndianBytes?: boolean;
}
