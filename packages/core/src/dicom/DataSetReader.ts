import type { DataSet } from 'dicom-parser';
import type { AttributeReader } from './AttributeReader.ts';
import { item, num, nums, str, strs } from './dataSetValues.ts';

/**
 * The {@link AttributeReader} of a data set parsed by dicom-parser (see parseDicom): values are
 * read in place from the file's bytes.
 */
export class DataSetReader implements AttributeReader {
  constructor(readonly dataSet: DataSet) {}

  has(tag: string): boolean {
    return this.dataSet.elements[tag] !== undefined;
  }

  vr(tag: string): string | undefined {
    return this.dataSet.elements[tag]?.vr;
  }

  str(tag: string): string {
    return str(this.dataSet, tag);
  }

  strs(tag: string): string[] {
    return strs(this.dataSet, tag);
  }

  num(tag: string, index = 0): number | undefined {
    return num(this.dataSet, tag, index);
  }

  nums(tag: string): number[] {
    return nums(this.dataSet, tag);
  }

  uint16(tag: string, index = 0): number | undefined {
    return this.dataSet.uint16(tag, index);
  }

  int16(tag: string, index = 0): number | undefined {
    return this.dataSet.int16(tag, index);
  }

  item(tag: string, index = 0): DataSetReader | undefined {
    const ds = item(this.dataSet, tag, index);
    return ds && new DataSetReader(ds);
  }

  /** AT values (PS3.5 §6.2): pairs of 16-bit group and element numbers. */
  tags(tag: string): string[] {
    const el = this.dataSet.elements[tag];
    if (!el || el.length < 4) return [];
    const out: string[] = [];
    for (let i = 0; i + 4 <= el.length; i += 4) {
      const g = this.dataSet.uint16(tag, i / 2) ?? 0, e = this.dataSet.uint16(tag, i / 2 + 1) ?? 0;
      out.push(`x${g.toString(16).padStart(4, '0')}${e.toString(16).padStart(4, '0')}`);
    }
    return out;
  }

  bytes(tag: string): Uint8Array | undefined {
    const el = this.dataSet.elements[tag];
    if (!el || !el.length) return undefined;
    return (this.dataSet.byteArray as Uint8Array).subarray(el.dataOffset, el.dataOffset + el.length);
  }
}
