import type { PathLike } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';

/**
 * What the code under test did to the file system, in order: `open tmp`, `sync tmp`, `close tmp`,
 * `rename tmp <name>`, `open dir`, `sync dir`, `close dir` (`tmp` stands for any `*.tmp-*` name).
 */
export const fsEvents: string[] = [];

function label(path: unknown): string {
  const name = basename(String(path));
  return name.includes('.tmp-') ? 'tmp' : name;
}

/**
 * node:fs/promises with `open` (and each handle's `sync` and `close`) and `rename` recorded in
 * `fsEvents`; every call still goes to the real file system. For `vi.mock('node:fs/promises', …)`.
 */
export function recordingFs(fs: typeof FsPromises): typeof FsPromises {
  const open = async (...args: Parameters<typeof fs.open>): Promise<FileHandle> => {
    const fh = await fs.open(...args);
    const name = (await fh.stat()).isDirectory() ? 'dir' : label(args[0]);
    fsEvents.push(`open ${name}`);
    const sync = fh.sync.bind(fh);
    const close = fh.close.bind(fh);
    fh.sync = () => (fsEvents.push(`sync ${name}`), sync());
    fh.close = () => (fsEvents.push(`close ${name}`), close());
    return fh;
  };
  const rename = (from: PathLike, to: PathLike): Promise<void> => {
    fsEvents.push(`rename ${label(from)} ${label(to)}`);
    return fs.rename(from, to);
  };
  return { ...fs, open, rename };
}
