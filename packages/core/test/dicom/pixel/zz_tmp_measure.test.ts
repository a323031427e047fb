import { it } from 'vitest';
import { decodeAllFrames, differences, valueRange } from './loadDicomFixture.ts';
import { readFileSync } from 'node:fs';
import dicomParser from 'dicom-parser';
function ref(p: string) { const b = new Uint8Array(readFileSync(p)); const el = dicomParser.parseDicom(b).elements.x7fe00010; return new Uint16Array(b.slice(el.dataOffset, el.dataOffset + el.length).buffer); }
it('measure', async () => {
  const D = 'dwv/tests/data';
  const [jply] = await decodeAllFrames(D, 'nema-nm1_jply.dcm');
  const [jpll] = await decodeAllFrames(D, 'nema-nm1_jpll.dcm');
  const [j2kr] = await decodeAllFrames(D, 'nema-nm1_j2kr.dcm');
  console.log('nm1 jply vs jpll', differences(jply.pixels, jpll.pixels), 'jpll vs j2kr', differences(jpll.pixels, j2kr.pixels), valueRange(jpll.pixels), valueRange(jply.pixels));
  const r = ref('/tmp/ref/nema-nm1_jply.dcm');
  console.log('dcmtk nm1 vs jpll', differences(r, jpll.pixels));
  const [mr] = await decodeAllFrames(D, 'nema-mr1_jply.dcm');
  const mref = ref('/tmp/ref/nema-mr1_jply.dcm');
  let s1 = 0, s2 = 0; for (let i = 0; i < mref.length; i++) { s1 += mref[i]; s2 += mr.pixels[i]; }
  console.log('mr', mr.pixels.constructor.name, valueRange(mr.pixels), valueRange(mref), 'means', s1 / mref.length, s2 / mref.length, differences(mr.pixels, mref));
  console.log('mr row 256 cols 200..208 dcmtk', [...mref.subarray(256*512+200, 256*512+208)], 'ours', [...mr.pixels.subarray(256*512+200, 256*512+208)]);
  console.log('mr row 100 cols 300..308 dcmtk', [...mref.subarray(100*512+300, 100*512+308)], 'ours', [...mr.pixels.subarray(100*512+300, 100*512+308)]);
  const t0 = performance.now(); for (let i = 0; i < 20; i++) await decodeAllFrames(D, 'nema-mr1_jply.dcm'); console.log('mr decode ms', (performance.now() - t0) / 20);
});
