import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DicomSource } from '../series/DicomSource.ts';

/** Names that are never image files (OS litter, our own sidecars). */
const IGNORED = /(^\.|^Thumbs\.db$|\.(json|txt|md|nii|nii\.gz|nrrd|png|jpg|csv|pdf|html)$)/i;

/**
 * Every file under `path` (a file or a folder, recursively, sorted by name) as a DicomSource
 * reading from disk on demand. DICOMDIR index files are skipped: their images are found anyway.
 */
export async function fileSources(path: string): Promise<DicomSource[]> {
  const info = await stat(path);
  const files: string[] = [];
  if (info.isFile()) files.push(path);
  else await walk(path, files);
  return files.map((name) => ({ name, read: () => readFile(name).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) }));
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && !IGNORED.test(e.name) && e.name.toUpperCase() !== 'DICOMDIR') out.push(p);
  }
}
