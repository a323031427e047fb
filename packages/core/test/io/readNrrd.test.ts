import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseNrrdHeader } from '../../src/io/nrrd/NrrdHeader.ts';
import { readNrrd } from '../../src/io/nrrd/readNrrd.ts';
import { spacingMm } from '../../src/volume/Volume.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';
import { plain, thrown } from '../util/thrown.ts';
import { valueBytes } from './niftiBytes.ts';

/** A NRRD file: header lines, the blank line, then the data. */
function nrrd(lines: string[], data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const head = new TextEncoder().encode(`NRRD0004\n${lines.join('\n')}\n\n`);
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  return out;
}

describe('readNrrd: encodings, byte order and space', () => {
  const values = [-300, 200, 1, -1, 32767, -32768, 5, 6];

  it('reads big-endian raw shorts and converts a RAS space to LPS', () => {
    const r = readNrrd(nrrd([
      'type: short', 'dimension: 3', 'space: right-anterior-superior', 'sizes: 2 2 2',
      'space directions: (2,0,0) (0,3,0) (0,0,4)', 'endian: big', 'encoding: raw', 'space origin: (10,20,30)',
    ], valueBytes('int16', values, false)), { file: 'ras.nrrd' });
    const v = r.volumes[0];
    expect(r.format).toBe('nrrd');
    expect(v.voxels).toBeInstanceOf(Int16Array);
    expect(Array.from(v.voxels)).toEqual(values);
    // RAS → LPS negates x and y of each direction and of the origin.
    expect(plain(v.indexToWorld)).toEqual([-2, 0, 0, 0, 0, -3, 0, 0, 0, 0, 4, 0, -10, -20, 30, 1]);
    expect(v.meta.warnings).toEqual([]);
  });

  it('reads gzip, ascii and hex encodings to the same values', () => {
    const common = ['type: int16', 'dimension: 3', 'space: LPS', 'sizes: 2 2 2', 'space directions: (1,0,0) (0,1,0) (0,0,1)', 'endian: little'];
    const le = valueBytes('int16', values, true);
    const hex = Array.from(le, (b) => b.toString(16).padStart(2, '0')).join('\n');
    const files = [
      nrrd([...common, 'encoding: gzip'], gzipSync(le)),
      nrrd([...common, 'encoding: ascii'], new TextEncoder().encode(values.join(' '))),
      nrrd([...common, 'encoding: hex'], new TextEncoder().encode(hex)),
    ];
    for (const f of files) expect(Array.from(readNrrd(f).volumes[0].voxels)).toEqual(values);
  });

  it('reads a detached header through readFile, honouring line skip and byte skip -1', () => {
    const data = new Uint8Array([...new TextEncoder().encode('junk line\n'), 9, 9, 9, ...valueBytes('float32', [1.5, -2.5])]);
    const header = nrrd(['type: float', 'dimension: 1', 'sizes: 2', 'spacings: 0.5', 'encoding: raw', 'line skip: 1', 'byte skip: -1', 'data file: ./d/x.raw']);
    const seen: string[] = [];
    const v = readNrrd(header, { file: 'x.nhdr', readFile: (n) => (seen.push(n), data) }).volumes[0];
    expect(seen).toEqual(['./d/x.raw']);
    expect(Array.from(v.voxels)).toEqual([1.5, -2.5]);
    expect(v.dimensions).toEqual([2, 1, 1]);
    expect(v.meta.sourceFiles).toEqual(['x.nhdr', './d/x.raw']);
    expect(thrown(() => readNrrd(header, { file: 'x.nhdr' })).message).toMatch(/"\.\/d\/x\.raw" is needed.*x\.nhdr/);
  });

  it('reads numbered detached data files (format min max step) in order', () => {
    const header = nrrd(['type: uchar', 'dimension: 3', 'sizes: 2 1 3', 'encoding: raw', 'data file: s%02d.raw 1 3 1']);
    const v = readNrrd(header, { readFile: (n) => new Uint8Array([Number(n.slice(1, 3)) * 10, Number(n.slice(1, 3)) * 10 + 1]) }).volumes[0];
    expect(Array.from(v.voxels)).toEqual([10, 11, 20, 21, 30, 31]);
  });

  it('places a grid without space directions from spacings, with a MISSING_GEOMETRY warning', () => {
    const v = readNrrd(nrrd(['type: uchar', 'dimension: 3', 'sizes: 1 1 1', 'spacings: 0.5 0.25 2', 'encoding: raw'], new Uint8Array(1)), { file: 'old.nrrd' }).volumes[0];
    expect(spacingMm(v)).toEqual([0.5, 0.25, 2]);
    expect(v.meta.warnings.map((w) => w.code)).toEqual(['MISSING_GEOMETRY']);
  });
});

describe('readNrrd: components, series and key/value pairs', () => {
  it('turns a leading RGB-color axis into 3 components', () => {
    const rgb = Array.from({ length: 12 }, (_, i) => i * 20);
    const v = readNrrd(nrrd(['type: uchar', 'dimension: 4', 'space: left-posterior-superior', 'sizes: 3 2 2 1',
      'space directions: none (1,0,0) (0,1,0) (0,0,1)', 'kinds: RGB-color domain domain domain', 'encoding: raw'], Uint8Array.from(rgb))).volumes[0];
    expect(v.components).toBe(3);
    expect(v.dimensions).toEqual([2, 2, 1]);
    expect(Array.from(v.voxels)).toEqual(rgb);
  });

  it('turns a trailing time axis into a series of volumes', () => {
    const r = readNrrd(nrrd(['type: uchar', 'dimension: 4', 'space: LPS', 'sizes: 2 1 1 3',
      'space directions: (1,0,0) (0,1,0) (0,0,1) none', 'kinds: domain domain domain time', 'encoding: raw'], Uint8Array.from([1, 2, 3, 4, 5, 6])));
    expect(r.axis).toBe('time');
    expect(r.volumes.map((v) => Array.from(v.voxels))).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('splits a leading 4-value list axis (e.g. DWI) into 4 volumes', () => {
    const r = readNrrd(nrrd(['type: uchar', 'dimension: 4', 'space: LPS', 'sizes: 4 2 1 1',
      'space directions: none (1,0,0) (0,1,0) (0,0,1)', 'kinds: list domain domain domain', 'encoding: raw'], Uint8Array.from([1, 2, 3, 4, 11, 12, 13, 14])));
    expect(r.axis).toBe('list');
    expect(r.volumes.map((v) => Array.from(v.voxels))).toEqual([[1, 11], [2, 12], [3, 13], [4, 14]]);
  });

  it('reads key:=value pairs, unescaping \\n and \\\\, into meta.extra.keyValues', () => {
    const v = readNrrd(nrrd(['type: uchar', 'dimension: 3', 'sizes: 1 1 1', 'encoding: raw',
      'Segment0_Name:=liver', 'Note:=two\\nlines and a \\\\ backslash', 'Colon: key:=a: b'], new Uint8Array(1))).volumes[0];
    expect(v.meta.extra?.keyValues).toEqual({ Segment0_Name: 'liver', Note: 'two\nlines and a \\ backslash', 'Colon: key': 'a: b' });
  });
});

describe('readNrrd: errors', () => {
  it('names the file and what was expected for bad headers and short data', () => {
    const noSizes = thrown(() => readNrrd(nrrd(['type: short', 'dimension: 3', 'encoding: raw']), { file: 'a.nrrd' }));
    expect(noSizes.code).toBe('VOXA_ERR_NRRD_INVALID');
    expect(noSizes.message).toMatch(/"sizes".*expected 3 positive integers.*a\.nrrd/);
    const short = thrown(() => readNrrd(nrrd(['type: short', 'dimension: 3', 'sizes: 4 4 4', 'encoding: raw'], new Uint8Array(100)), { file: 'b.nrrd' }));
    expect(short.message).toMatch(/truncated: 128 bytes.*100 present.*b\.nrrd/);
    expect(thrown(() => readNrrd(new TextEncoder().encode('P6\n2 2\n255\n'), { file: 'c.ppm' })).message).toMatch(/NRRD000N/);
    expect(thrown(() => readNrrd(nrrd(['type: block', 'dimension: 1', 'sizes: 1', 'encoding: raw']))).message).toMatch(/type "block"/);
  });

  it('parses the header alone, without data', () => {
    const h = parseNrrdHeader(nrrd(['type: double', 'dimension: 2', 'sizes: 3 4', 'encoding: gz', 'endian: big']));
    expect(h).toMatchObject({ type: 'float64', dimension: 2, sizes: [3, 4], encoding: 'gzip', endian: 'big', dataFiles: [] });
  });
});

describe.runIf(HAS_SHARED)('readNrrd on dcmqi label maps (MANIFEST §11)', () => {
  const SEG = (f: string) => sharedData('dcmqi/data/segmentations', f);
  const count = (a: ArrayLike<number>, label: number) => {
    let n = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === label) n++;
    return n;
  };

  it('liver_seg.nrrd: 512×512×3, 107 098 voxels of label 1, origin (−235.2, −226.8, −128.69) LPS', () => {
    const v = readNrrd(readFileSync(SEG('liver_seg.nrrd')), { file: 'liver_seg.nrrd' }).volumes[0];
    expect(v.dimensions).toEqual([512, 512, 3]);
    expect(count(v.voxels, 1)).toBe(107098);
    expect(new Set(v.voxels)).toEqual(new Set([0, 1]));
    // The header's decimal strings, read as doubles.
    expect([v.indexToWorld[12], v.indexToWorld[13], v.indexToWorld[14]]).toEqual([-235.19999999999999, -226.80000000000001, -128.69]);
    expect(spacingMm(v)).toEqual([0.810547, 0.810547, 1]);
    expect(v.meta.extra?.nrrdSpace).toBe('left-posterior-superior');
  });

  it('spine_seg.nrrd and heart_seg.nrrd hold 12 439 voxels of label 2 and 41 449 of label 3', () => {
    expect(count(readNrrd(readFileSync(SEG('spine_seg.nrrd'))).volumes[0].voxels, 2)).toBe(12439);
    expect(count(readNrrd(readFileSync(SEG('heart_seg.nrrd'))).volumes[0].voxels, 3)).toBe(41449);
  });
});
