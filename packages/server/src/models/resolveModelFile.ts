import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ModelHttpError } from './modelErrors.ts';
import type { ModelEntry } from './scanModelManifests.ts';

/** The model file a manifest names, as the server will send it. */
export interface ModelFile {
  /** Real path (symbolic links resolved). */
  path: string;
  bytes: number;
}

/**
 * Resolve a manifest's `file` against the manifest's folder, as core's `readModelManifestFile`
 * does, and check that it may be sent: a relative path (no absolute path, drive or URL), whose
 * name and real target both end in `.onnx` and are a regular file. The folder itself is not
 * confined: the committed manifests point at ../shared/models beside the repository. What the
 * manifest names is the administrator's choice; these checks keep a wrong or planted manifest
 * from serving anything but an ONNX file. Throws VOXA_HTTP_MODEL_FILE_REFUSED or
 * VOXA_HTTP_MODEL_FILE_MISSING.
 */
export async function resolveModelFile(entry: ModelEntry): Promise<ModelFile> {
  const { file } = entry.manifest;
  const where = `model ${entry.id} (${entry.manifestFile}), file "${file}"`;
  if (isAbsolute(file) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(file) || file.includes('\\') || file.includes('\0')) {
    throw new ModelHttpError('VOXA_HTTP_MODEL_FILE_REFUSED', `${where}: an absolute path or URL`);
  }
  if (!isOnnx(file)) throw new ModelHttpError('VOXA_HTTP_MODEL_FILE_REFUSED', `${where}: not an .onnx file name`);
  const real = await realpath(resolve(dirname(entry.manifestPath), file)).catch(() => undefined);
  const info = real === undefined ? undefined : await stat(real).catch(() => undefined);
  if (real === undefined || !info) throw new ModelHttpError('VOXA_HTTP_MODEL_FILE_MISSING', where);
  if (!isOnnx(real) || !info.isFile()) throw new ModelHttpError('VOXA_HTTP_MODEL_FILE_REFUSED', `${where}: it leads to ${info.isFile() ? 'a file not named .onnx' : 'something that is not a regular file'}`);
  return { path: real, bytes: info.size };
}

function isOnnx(path: string): boolean {
  return path.toLowerCase().endsWith('.onnx');
}
