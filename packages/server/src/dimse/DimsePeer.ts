/** A remote DICOM application entity Voxa talks DIMSE to (PS3.8 §9.3.1: AE title, host, port). */
export interface DimsePeer {
  aeTitle: string;
  host: string;
  port: number;
}

/**
 * Parse a peer written `AE@host:port` (as `voxa serve --peer` takes it). Throws a plain Error
 * saying what was expected; the CLI reports it as a usage error.
 */
export function parseDimsePeer(text: string): DimsePeer {
  const m = /^([^@]{1,16})@(.+):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !isAeTitle(m[1]) || port < 1 || port > 65535) {
    throw new Error(`peer "${text}": expected AE@host:port, an AE title of 1-16 characters without backslash or control characters and a port 1-65535`);
  }
  return { aeTitle: m[1].trim(), host: m[2].replace(/^\[(.*)\]$/, '$1'), port };
}

/** An AE title as PS3.5 §6.2 allows it: 1-16 characters of the default repertoire, no backslash, not all spaces. */
export function isAeTitle(text: string): boolean {
  return text.length >= 1 && text.length <= 16 && text.trim().length > 0 && /^[\x20-\x7e]+$/.test(text) && !text.includes('\\');
}
