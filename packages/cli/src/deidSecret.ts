import { readFile } from 'node:fs/promises';
import { UsageError } from './args.ts';

/**
 * The de-identification site secret, if one is configured: the bytes of `file` (one trailing
 * newline, LF or CRLF, dropped), else the environment variable VOXA_DEID_SECRET; undefined when
 * neither is given. A given file that is empty is a UsageError, never "no secret".
 */
export async function loadDeidSecret(file: string | undefined): Promise<Uint8Array | undefined> {
  if (file) {
    const bytes = new Uint8Array(await readFile(file));
    let end = bytes.length;
    if (end && bytes[end - 1] === 0x0a) end--;
    if (end && bytes[end - 1] === 0x0d) end--;
    if (end === 0) throw new UsageError(`the secret file ${file} is empty`);
    return bytes.subarray(0, end);
  }
  const env = process.env.VOXA_DEID_SECRET ?? '';
  return env ? new TextEncoder().encode(env) : undefined;
}

/** {@link loadDeidSecret}, required: a UsageError naming `command` when no secret is configured. */
export async function requireDeidSecret(file: string | undefined, command: string): Promise<Uint8Array> {
  const secret = await loadDeidSecret(file);
  if (!secret) throw new UsageError(`${command} needs a non-empty site secret: --secret-file FILE or VOXA_DEID_SECRET`);
  return secret;
}
