import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's admesh (ADMesh 0.98), the STL checker; installed by .ci/run. */
export const ADMESH = '/usr/bin/admesh';

export function hasAdmesh(): boolean {
  return existsSync(ADMESH);
}

/** What admesh reports about an STL file, before any repair (its "Original" column) unless said. */
export interface AdmeshReport {
  fileType: string;
  header: string;
  facets: number;
  disconnectedFacets: number;
  parts: number;
  volume: number;
  degenerateFacets: number;
  backwardsEdges: number;
  /** Repairs admesh made on its own copy: facets added to fill holes, reversed, normals fixed. */
  facetsAdded: number;
  facetsReversed: number;
  normalsFixed: number;
  /** The whole output, for failure messages. */
  text: string;
}

/** Run admesh's default check (exact edge matching, hole filling, normal checks) and parse its results. */
export function admesh(file: string): AdmeshReport {
  const r = spawnSync(ADMESH, [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`admesh exited ${r.status}: ${r.stderr}`);
  const text = r.stdout;
  const field = (label: string) => {
    const m = new RegExp(`${label}\\s*:\\s*(-?[\\d.]+)`).exec(text);
    if (!m) throw new Error(`admesh output has no "${label}":\n${text}`);
    return Number(m[1]);
  };
  return {
    fileType: /File type\s*:\s*(.*)/.exec(text)?.[1].trim() ?? '',
    header: /Header\s*:\s*(.*)/.exec(text)?.[1].trim() ?? '',
    facets: field('Number of facets'),
    disconnectedFacets: field('Total disconnected facets'),
    parts: field('Number of parts'),
    volume: field('Volume'),
    degenerateFacets: field('Degenerate facets'),
    backwardsEdges: field('Backwards edges'),
    facetsAdded: field('Facets added'),
    facetsReversed: field('Facets reversed'),
    normalsFixed: field('Normals fixed'),
    text,
  };
}
