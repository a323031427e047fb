import { VoxaError } from '../../errors/VoxaError.ts';
import type { ModelManifest } from './ModelManifest.ts';

/** Lower-case hex SHA-256 of bytes (Web Crypto: browsers and Node alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Web Crypto takes ArrayBuffer-backed views only (file and network bytes always are).
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Check the model file's bytes against the manifest's `sha256`; does nothing when the manifest
 * has none. A mismatch (another export, a truncated download) throws VOXA_ERR_MODEL_MANIFEST.
 */
export async function verifyModelSha256(manifest: ModelManifest, bytes: Uint8Array, file?: string): Promise<void> {
  if (!manifest.sha256) return;
  const actual = await sha256Hex(bytes);
  if (actual !== manifest.sha256) {
    throw new VoxaError('VOXA_ERR_MODEL_MANIFEST', { file: file ?? manifest.file, field: 'sha256' },
      `the model file's SHA-256 is ${actual}, the manifest expects ${manifest.sha256} (${bytes.length} bytes read)`);
  }
}
