import { uidFromName } from './uidFromName.ts';

/** A new UID: 2.25.<a random UUID> (PS3.5 B.2), through uidFromName of random bytes; `kind` only separates the name spaces. */
export function randomUid(kind: string): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return uidFromName(`voxa/${kind}/${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`);
}
