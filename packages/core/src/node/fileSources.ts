import { open, readdir, readFile, stat } from 'node:fs/promises';
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
  const files: { name: string; size: number }[] = [];
  if (info.isFile()) files.push({ name: path, size: info.size });
  else await walk(path, files);
  return files.map(({ name, size }) => ({
    name,
    size,
    read: () => readFile(name).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
    readHead: (maxBytes: number) => readHead(name, maxBytes),
  }));
}

async function readHead(name: string, maxBytes: number): Promise<Uint8Array> {
  const fh = await open(name, 'r');
  try {
    const buf = new Uint8Array(maxBytes);
    const { bytesRead } = await fh.read(buf, 0, maxBytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function walk(dir: string, out: { name: string; size: number }[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && !IGNORED.test(e.name) && e.name.toUpperCase() !== 'DICOMDIR') out.push({ name: p, size: (await stat(p)).size });
  }
}
