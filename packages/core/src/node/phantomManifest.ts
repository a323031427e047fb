import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { PhantomOptions } from '../phantom/PhantomOptions.ts';
import type { PhantomTimePointKind } from '../phantom/phantomLesions.ts';
import type { WritePhantomSummary } from './writePhantom.ts';

/**
 * The file `writePhantomStudies` writes last in its output folder: a folder holds a complete
 * phantom exactly when it has this manifest (an interrupted run leaves none).
 */
export const PHANTOM_MANIFEST_FILE = 'voxa-phantom.json';

/** The content of `voxa-phantom.json`: what was written, with folders relative to the manifest. */
export interface PhantomManifest {
  generator: 'voxa-phantom';
  version: 1;
  options: PhantomOptions;
  /** Files and bytes of the studies and truth (the manifest itself not counted). */
  files: number;
  bytes: number;
  timePoints: { index: number; kind: PhantomTimePointKind; dicomDir: string; truthDir: string; slices: number; studyInstanceUid: string; petDir?: string; petSlices?: number }[];
}

/** The manifest of a finished `writePhantomStudies` run. */
export function phantomManifestOf(summary: WritePhantomSummary, options: PhantomOptions): PhantomManifest {
  const rel = (dir: string): string => relative(summary.outDir, dir).split(sep).join('/');
  return {
    generator: 'voxa-phantom',
    version: 1,
    options,
    files: summary.files,
    bytes: summary.bytes,
    timePoints: summary.timePoints.map((tp) => ({
      index: tp.index, kind: tp.kind, dicomDir: rel(tp.dicomDir), truthDir: rel(tp.truthDir), slices: tp.slices, studyInstanceUid: tp.studyInstanceUid,
      ...(tp.petDir ? { petDir: rel(tp.petDir), petSlices: tp.petSlices } : {}),
    })),
  };
}

/**
 * The phantom manifest in `dir`, or undefined when `dir` holds no complete phantom: no manifest
 * (nothing written yet, or an interrupted run), or a file of that name that is not a Voxa phantom
 * manifest. Other read errors (permissions) are thrown.
 */
export async function readPhantomManifest(dir: string): Promise<PhantomManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, PHANTOM_MANIFEST_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  try {
    const doc = JSON.parse(text) as Partial<PhantomManifest>;
    return doc?.generator === 'voxa-phantom' && doc.version === 1 && Array.isArray(doc.timePoints) ? (doc as PhantomManifest) : undefined;
  } catch {
    return undefined;
  }
}
