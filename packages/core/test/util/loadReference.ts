import { readFileSync } from 'node:fs';
import { readNifti } from '../../src/io/nifti/readNifti.ts';
import { parseNiftiHeader } from '../../src/io/nifti/NiftiHeader.ts';
import { niftiIndexToWorld } from '../../src/io/nifti/niftiAffine.ts';
import { gunzipSync } from 'fflate';
import type { Mat4, Volume } from '../../src/index.ts';

/** A dcm2niix reference NIfTI: its volumes (scaled values) and, on request, its qform geometry. */
export function loadReference(path: string, geometry: 'sform' | 'qform' = 'sform'): { volumes: Volume[]; indexToWorld: Mat4 } {
  const bytes = new Uint8Array(readFileSync(path));
  const { volumes } = readNifti(bytes, { file: path });
  if (geometry === 'sform') return { volumes, indexToWorld: volumes[0].indexToWorld };
  const raw = path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  const h = parseNiftiHeader(raw, path);
  return { volumes, indexToWorld: niftiIndexToWorld({ ...h, sformCode: 0 }).indexToWorld };
}
