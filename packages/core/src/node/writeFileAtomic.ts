import { type TempFileOptions, withTempFile } from './tempFile.ts';

export type { TempFileOptions } from './tempFile.ts';

/**
 * Write a file atomically and durably (see `withTempFile`): readers see nothing or all of it.
 * With `{ syncFolder: false }` the caller fsyncs the folder itself, once for many files.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, options: TempFileOptions = {}): Promise<void> {
  await withTempFile(path, (fh) => fh.writeFile(data), options);
}
