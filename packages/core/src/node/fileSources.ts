import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DicomSource } from '../series/DicomSource.ts';

/** Names that are never image files (OS litter, our own sidecars). */
const IGNORED = /(^\.|^Thumbs\.db$|\.(json|txt|md|nii|nii\.gz|nrrd|png|jpg|csv|pdf|html)$)/i;

interface Found {
  name: string;
  size: number;
}

/**
 * Every file under `path` (a file or a folder, recursively, sorted by name) as a DicomSource
 * reading from disk on demand. Symbolic links to files and folders are followed; each real file
 * and folder is visited once (the first name found wins), so links to what was already seen and
 * link loops add nothing. Links to nothing are skipped. DICOMDIR index files are skipped: their
 * images are found anyway.
 */
export async function fileSources(path: string): Promise<DicomSource[]> {
  const info = await stat(path);
  const files: Found[] = [];
  if (info.isFile()) files.push({ name: path, size: info.size });
  else {
    const real = await realpath(path);
    await walk(path, real, files, new Set([real]));
  }
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

/** What a folder entry is, once symbolic links are followed; `real` is its fs.realpath. */
interface Target {
  real: string;
  isDirectory: boolean;
  isFile: boolean;
}

/** `realDir` is the real path of `dir`; `visited` holds the real paths of the folders and files already taken. */
async function walk(dir: string, realDir: string, out: Found[], visited: Set<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const e of entries) {
    const p = join(dir, e.name);
    // Only links need realpath: any other entry's real path is its real folder's plus its name.
    const target: Target | undefined = e.isSymbolicLink()
      ? await followLink(p)
      : { real: join(realDir, e.name), isDirectory: e.isDirectory(), isFile: e.isFile() };
    if (!target || visited.has(target.real)) continue;
    if (target.isDirectory) {
      visited.add(target.real);
      await walk(p, target.real, out, visited);
    } else if (target.isFile && !IGNORED.test(e.name) && e.name.toUpperCase() !== 'DICOMDIR') {
      visited.add(target.real);
      out.push({ name: p, size: (await stat(p)).size });
    }
  }
}

/** The target of a link; undefined for a link to nothing (ENOENT) or a link loop (ELOOP): nothing to read there. */
async function followLink(path: string): Promise<Target | undefined> {
  try {
    const [info, real] = await Promise.all([stat(path), realpath(path)]);
    return { real, isDirectory: info.isDirectory(), isFile: info.isFile() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP') return undefined;
    throw e;
  }
}
