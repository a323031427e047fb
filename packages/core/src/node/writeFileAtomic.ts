import { withTempFile } from './tempFile.ts';

/** Write a file atomically and durably (see `withTempFile`): readers see nothing or all of it. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await withTempFile(path, (fh) => fh.writeFile(data));
}
