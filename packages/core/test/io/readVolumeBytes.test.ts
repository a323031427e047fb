import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeMetaImage } from '../../src/io/metaimage/writeMetaImage.ts';
import { writeNifti } from '../../src/io/nifti/writeNifti.ts';
import { writeNrrd } from '../../src/io/nrrd/writeNrrd.ts';
import { detectVolumeFormat, readVolumeBytes } from '../../src/io/readVolumeBytes.ts';
import { HAS_SHARED, sharedData } from '../util/shared.ts';
import { obliqueInt16Volume } from './fixtures.ts';
import { nifti1Bytes } from './niftiBytes.ts';

describe('readVolumeBytes', () => {
  const v = obliqueInt16Volume();

  it('dispatches on magic bytes whatever the file is called', () => {
    expect(readVolumeBytes(writeNifti(v, { gzip: true }), { file: 'a.bin' }).format).toBe('nifti1');
    expect(readVolumeBytes(writeNifti(v, { version: 2 }), { file: 'b' }).format).toBe('nifti2');
    expect(readVolumeBytes(writeNrrd(v), { file: 'c.dat' }).format).toBe('nrrd');
    expect(readVolumeBytes(writeMetaImage(v), { file: 'd' }).format).toBe('metaimage');
    expect(detectVolumeFormat(writeNrrd(v))).toBe('nrrd');
    expect(detectVolumeFormat(new Uint8Array(10), 'x.mhd')).toBe('metaimage');
  });

  it('reads a NIfTI pair given either the .hdr or the .img, fetching the other through readFile', () => {
    const img = Uint8Array.from([1, 2, 3, 4]);
    const hdr = nifti1Bytes({ magic: 'ni1', dims: [2, 2, 1], datatype: 2, bitpix: 8, data: img });
    const files: Record<string, Uint8Array> = { 'p.hdr': hdr, 'p.img': img };
    for (const file of ['p.hdr', 'p.img']) {
      const r = readVolumeBytes(files[file], { file, readFile: (n) => files[n] });
      expect(Array.from(r.volumes[0].voxels)).toEqual([1, 2, 3, 4]);
    }
  });

  it('throws VOXA_ERR_FILE_EMPTY for no bytes and VOXA_ERR_UNKNOWN_FORMAT, naming the file, for random bytes', () => {
    expect(() => readVolumeBytes(new Uint8Array(0), { file: 'empty.nii' })).toThrow(expect.objectContaining({ code: 'VOXA_ERR_FILE_EMPTY' }));
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    for (const bytes of [random, gzipSync(random)]) {
      expect(() => readVolumeBytes(bytes, { file: 'noise.dat' })).toThrow(expect.objectContaining({
        code: 'VOXA_ERR_UNKNOWN_FORMAT',
        message: expect.stringMatching(/expected NIfTI.*NRRD.*MetaImage.*\(file noise\.dat\)/),
      }));
    }
  });
});

describe.runIf(HAS_SHARED)('readVolumeBytes on shared data', () => {
  it('reads liver_seg.nrrd and the ras.img half of a pair', () => {
    const liver = readVolumeBytes(readFileSync(sharedData('dcmqi/data/segmentations/liver_seg.nrrd')), { file: 'liver_seg.nrrd' });
    expect(liver.volumes[0].dimensions).toEqual([512, 512, 3]);
    const dir = sharedData('niivue/packages/niivue/demos/images');
    const ras = readVolumeBytes(readFileSync(`${dir}/ras.img`), { file: 'ras.img', readFile: (n) => readFileSync(`${dir}/${n}`) });
    expect(ras.volumes[0].dimensions).toEqual([62, 41, 34]);
  });
});
