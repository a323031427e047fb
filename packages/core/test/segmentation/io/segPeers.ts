// Independent checkers of the SEG objects Voxa writes: dicom3tools' dciodvfy (IOD validation) and
// Debian's pydicom (another reader). CI installs both (.ci/run); in a user's clone the tests that
// need them are skipped loudly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DCIODVFY = '/usr/bin/dciodvfy';
/** Debian's python (with python3-pydicom 2.x and python3-numpy), not the pyenv python on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

function available(what: string, ok: boolean, install: string): boolean {
  if (ok) return true;
  const message = `${what} not installed (apt-get install ${install})`;
  if (process.env.CI) throw new Error(`${message}; CI must run the SEG interoperability tests`);
  console.warn(`\n!!! ${message}: these tests are SKIPPED !!!\n`);
  return false;
}

/** True when dciodvfy is installed. */
export function hasDciodvfy(): boolean {
  return available('dciodvfy', existsSync(DCIODVFY), 'dicom3tools');
}

/** True when Debian's python3 has pydicom and numpy. */
export function hasPydicom(): boolean {
  const ok = existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ['-c', 'import pydicom, numpy'], { encoding: 'utf8' }).status === 0;
  return available('pydicom/numpy for /usr/bin/python3', ok, 'python3-pydicom python3-numpy');
}

/** dciodvfy's verdict on a file: its lines sorted into errors and warnings. */
export function dciodvfy(path: string): { errors: string[]; warnings: string[]; output: string } {
  const r = spawnSync(DCIODVFY, [path], { encoding: 'utf8' });
  const output = `${r.stdout}${r.stderr}`;
  const lines = output.split('\n');
  return { errors: lines.filter((l) => l.includes('Error')), warnings: lines.filter((l) => l.startsWith('Warning')), output };
}

/** True when Debian's python3 has nibabel (the NIfTI peer of the displacement-field files). */
export function hasNibabel(): boolean {
  const ok = existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ['-c', 'import nibabel'], { encoding: 'utf8' }).status === 0;
  return available('nibabel for /usr/bin/python3', ok, 'python3-nibabel');
}

/** What pydicom sees in a SEG: pixel_array shape and voxels per segment. */
export interface PydicomSegSummary {
  sopClassUid: string;
  segmentationType: string;
  shape: number[];
  /** Segment number → voxels in it (FRACTIONAL: values ≥ the threshold's cut; LABELMAP: pixels with that value). */
  counts: Record<string, number>;
  /** Segment number → sum of its stored values (FRACTIONAL). */
  sums: Record<string, number>;
  /** Image Position (Patient) of every frame. */
  positions: number[][];
  labels: Record<string, string>;
}

const SUMMARY_SCRIPT = `
import json, math, sys
import numpy as np
import pydicom
ds = pydicom.dcmread(sys.argv[1])
threshold = float(sys.argv[2])
a = ds.pixel_array
frames = a.reshape((int(ds.get('NumberOfFrames', 1)), ds.Rows, ds.Columns))
shared = ds.SharedFunctionalGroupsSequence[0] if 'SharedFunctionalGroupsSequence' in ds else None
def group(f, key):
    pf = ds.PerFrameFunctionalGroupsSequence[f]
    if key in pf: return pf[key].value[0]
    return shared[key].value[0] if shared is not None and key in shared else None
counts, sums, positions = {}, {}, []
kind = ds.SegmentationType
cut = max(1, math.ceil(threshold * int(ds.get('MaximumFractionalValue', 1)) - 1e-9)) if kind == 'FRACTIONAL' else 1
for f in range(frames.shape[0]):
    pos = group(f, 'PlanePositionSequence')
    positions.append([float(x) for x in pos.ImagePositionPatient] if pos is not None else [])
    if kind == 'LABELMAP':
        for v in np.unique(frames[f]):
            counts[str(int(v))] = counts.get(str(int(v)), 0) + int((frames[f] == v).sum())
        continue
    n = str(int(group(f, 'SegmentIdentificationSequence').ReferencedSegmentNumber))
    counts[n] = counts.get(n, 0) + int((frames[f] >= cut).sum())
    sums[n] = sums.get(n, 0) + int(frames[f].astype(np.int64).sum())
labels = {str(int(s.SegmentNumber)): str(s.SegmentLabel) for s in ds.SegmentSequence}
print(json.dumps({'sopClassUid': str(ds.SOPClassUID), 'segmentationType': kind, 'shape': list(a.shape),
                  'counts': counts, 'sums': sums, 'positions': positions, 'labels': labels}))
`;

/** Read a SEG with pydicom (Debian's python3) and summarise it. Throws with pydicom's message if it cannot. */
export function pydicomSegSummary(path: string, threshold = 0.5): PydicomSegSummary {
  const r = spawnSync(SYSTEM_PYTHON, ['-c', SUMMARY_SCRIPT, path, String(threshold)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pydicom could not read ${path}: ${r.stderr}`);
  return JSON.parse(r.stdout) as PydicomSegSummary;
}
