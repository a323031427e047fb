import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readMetaImage } from '../../src/io/metaimage/readMetaImage.ts';
import { valueBytes } from './niftiBytes.ts';
import { plain, thrown } from '../util/thrown.ts';

/** A MetaImage: `Key = Value` lines, ElementDataFile last, then the inline data. */
function mha(lines: string[], data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const head = new TextEncoder().encode(`${lines.join('\n')}\n`);
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  return out;
}

const base = (dims: string, type: string) => ['ObjectType = Image', `NDims = ${dims.split(' ').length}`, `DimSize = ${dims}`, `ElementType = ${type}`];

describe('readMetaImage', () => {
  it('reads TransformMatrix axis by axis (ITK), scaled by ElementSpacing, with Offset as the origin (LPS)', () => {
    const v = readMetaImage(mha([...base('2 1 1', 'MET_SHORT'), 'TransformMatrix = 0 1 0 -1 0 0 0 0 1', 'Offset = 10 20 30',
      'ElementSpacing = 2 3 4', 'Modality = MET_MOD_CT', 'ElementDataFile = LOCAL'], valueBytes('int16', [-7, 9])), { file: 'a.mha' }).volumes[0];
    // Axis i points along +y (first triple), axis j along −x (second triple).
    expect(plain(v.indexToWorld)).toEqual([0, 2, 0, 0, -3, 0, 0, 0, 0, 0, 4, 0, 10, 20, 30, 1]);
    expect(Array.from(v.voxels)).toEqual([-7, 9]);
    expect(v.meta.modality).toBe('CT');
    expect(v.meta.warnings).toEqual([]);
  });

  it('inflates CompressedData = True (zlib) and honours BinaryDataByteOrderMSB', () => {
    const be = valueBytes('float32', [1.25, -3, 1e6, 0], false);
    const z = zlibSync(be);
    const v = readMetaImage(mha([...base('2 2 1', 'MET_FLOAT'), 'BinaryDataByteOrderMSB = True', 'CompressedData = True',
      `CompressedDataSize = ${z.length}`, 'ElementDataFile = LOCAL'], z)).volumes[0];
    expect(v.voxels).toBeInstanceOf(Float32Array);
    expect(Array.from(v.voxels)).toEqual([1.25, -3, 1e6, 0]);
  });

  it('reads an .mhd whose data file comes through readFile (HeaderSize -1: data at the end)', () => {
    const raw = new Uint8Array([0xee, 0xee, 1, 2, 3, 4]);
    const header = mha([...base('2 2 1', 'MET_UCHAR'), 'HeaderSize = -1', 'ElementDataFile = img.raw']);
    const v = readMetaImage(header, { file: 'img.mhd', readFile: (n) => (n === 'img.raw' ? raw : undefined) }).volumes[0];
    expect(Array.from(v.voxels)).toEqual([1, 2, 3, 4]);
    expect(v.meta.sourceFiles).toEqual(['img.mhd', 'img.raw']);
    const e = thrown(() => readMetaImage(header, { file: 'img.mhd' }));
    expect(e.code).toBe('VOXA_ERR_METAIMAGE_INVALID');
    expect(e.message).toMatch(/"img\.raw" is needed.*img\.mhd/);
  });

  it('makes 3 channels RGB components, 2D images one slice thick and NDims 4 a time series', () => {
    const rgb = readMetaImage(mha([...base('2 1', 'MET_UCHAR'), 'ElementNumberOfChannels = 3', 'ElementDataFile = LOCAL'], Uint8Array.from([1, 2, 3, 4, 5, 6]))).volumes[0];
    expect(rgb.components).toBe(3);
    expect(rgb.dimensions).toEqual([2, 1, 1]);
    expect(Array.from(rgb.voxels)).toEqual([1, 2, 3, 4, 5, 6]);
    const t = readMetaImage(mha([...base('1 1 2 3', 'MET_UCHAR'), 'ElementDataFile = LOCAL'], Uint8Array.from([1, 2, 3, 4, 5, 6])));
    expect(t.axis).toBe('time');
    expect(t.volumes.map((v) => Array.from(v.voxels))).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('reads MET_LONG_LONG as int32 when the values fit', () => {
    const v = readMetaImage(mha([...base('2 1 1', 'MET_LONG_LONG'), 'ElementDataFile = LOCAL'], valueBytes('int64', [-1, 123456]))).volumes[0];
    expect(v.voxels).toBeInstanceOf(Int32Array);
    expect(Array.from(v.voxels)).toEqual([-1, 123456]);
    expect(v.meta.extra?.metaImageTypeConversion).toMatch(/int32/);
  });

  it('rejects a missing ElementDataFile, an unknown ElementType and short data, naming the file', () => {
    expect(thrown(() => readMetaImage(mha(base('2 1 1', 'MET_UCHAR')), { file: 'x.mha' })).message).toMatch(/ElementDataFile is missing.*x\.mha/);
    expect(thrown(() => readMetaImage(mha([...base('2 1 1', 'MET_STRING'), 'ElementDataFile = LOCAL']))).message).toMatch(/ElementType "MET_STRING"/);
    const short = thrown(() => readMetaImage(mha([...base('4 4 4', 'MET_SHORT'), 'ElementDataFile = LOCAL'], new Uint8Array(10)), { file: 's.mha' }));
    expect(short.code).toBe('VOXA_ERR_METAIMAGE_INVALID');
    expect(short.message).toMatch(/truncated: 128 bytes.*10 present.*s\.mha/);
  });
});
