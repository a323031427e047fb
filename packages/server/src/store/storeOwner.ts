import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The file naming the process that owns a data folder (its PID). */
export const OWNER_FILE = 'owner.pid';

/** Whether this process owns the data folder, and how to give it up. */
export interface StoreOwnership {
  /** True when no other live process has the folder open as its owner. */
  exclusive: boolean;
  /** The other owner's PID when not exclusive. */
  otherPid?: number;
  /** Give the folder up (synchronous: stores close synchronously). */
  release(): void;
}

/**
 * Claim a data folder for this process. The first process to open a folder (`voxa serve`)
 * owns it; another one opening it meanwhile (`voxa import`, `voxa export`) shares the index
 * (SQLite WAL allows it) but must not delete files it does not know (the owner's puts write the
 * file before its index row), so repair skips orphan files unless ownership is exclusive. A PID
 * left by a process that died (a crash, SIGKILL) is taken over.
 */
export async function claimStore(dataDir: string): Promise<StoreOwnership> {
  const file = join(dataDir, OWNER_FILE);
  const mine = String(process.pid);
  const owned = { exclusive: true, release: () => {
    try {
      if (readFileSync(file, 'utf8').trim() === mine) unlinkSync(file);
    } catch {
      // Already gone: nothing to give up.
    }
  } };
  try {
    await writeFile(file, mine, { flag: 'wx' });
    return owned;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const other = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(other) && other > 0 && other !== process.pid && processIsAlive(other)) {
    return { exclusive: false, otherPid: other, release: () => undefined };
  }
  await writeFile(file, mine);
  return owned;
}

/** Whether a process with this PID runs (EPERM: it does, as another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
