// A minimal DICOMweb client for benchmarks: STOW-RS bodies, QIDO-RS JSON, WADO-RS multipart counts.
// Global fetch (undici: keep-alive by default). Every request asks for identity encoding, so neither
// server spends time compressing.
const IDENTITY = { 'accept-encoding': 'identity' };

export interface StowRequest {
  body: Uint8Array;
  contentType: string;
  instances: number;
}

/** One multipart/related; type="application/dicom" body holding the given Part 10 files. */
export function stowRequest(files: Uint8Array[], boundary = `voxa-bench-${Math.random().toString(36).slice(2)}`): StowRequest {
  const enc = new TextEncoder();
  const head = enc.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`);
  const crlf = enc.encode('\r\n');
  const chunks: Uint8Array[] = [];
  for (const f of files) chunks.push(head, f, crlf);
  chunks.push(enc.encode(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`, instances: files.length };
}

export interface StowResult {
  status: number;
  /** Entries in FailedSOPSequence (0008,1198) of the response. */
  failed: number;
  /** Entries in ReferencedSOPSequence (0008,1199) of the response. */
  stored: number;
}

export async function stow(base: string, req: StowRequest): Promise<StowResult> {
  const r = await fetch(`${base}/studies`, {
    method: 'POST',
    headers: { ...IDENTITY, 'content-type': req.contentType, accept: 'application/dicom+json' },
    body: req.body,
  });
  const text = await r.text();
  let json: Record<string, { Value?: unknown[] }> = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // not JSON: counted as nothing stored
  }
  return { status: r.status, failed: json['00081198']?.Value?.length ?? 0, stored: json['00081199']?.Value?.length ?? 0 };
}

export type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

export async function qido(url: string): Promise<DicomJson[]> {
  const r = await fetch(url, { headers: { ...IDENTITY, accept: 'application/dicom+json' } });
  if (r.status === 204) return [];
  if (!r.ok) throw new Error(`GET ${url} → ${r.status} ${(await r.text()).slice(0, 200)}`);
  return (await r.json()) as DicomJson[];
}

/** The first value of a tag in a DICOM JSON object, as a string. */
export const jsonValue = (o: DicomJson, tag: string): string => String(o[tag]?.Value?.[0] ?? '');

export interface WadoResult {
  status: number;
  bytes: number;
  parts: number;
  contentType: string;
}

/** GET a multipart WADO-RS resource; counts its bytes and its parts (boundary delimiters). */
export async function wado(url: string, accept = 'multipart/related; type="application/dicom"; transfer-syntax=*'): Promise<WadoResult> {
  const r = await fetch(url, { headers: { ...IDENTITY, accept } });
  const body = Buffer.from(await r.arrayBuffer());
  const contentType = r.headers.get('content-type') ?? '';
  const boundary = contentType.match(/boundary="?([^";]+)"?/i)?.[1];
  let parts = 0;
  if (boundary) {
    const delim = Buffer.from(`--${boundary}`);
    for (let at = body.indexOf(delim); at >= 0; at = body.indexOf(delim, at + delim.length)) parts++;
    parts = Math.max(0, parts - 1); // the closing delimiter
  }
  return { status: r.status, bytes: body.length, parts, contentType };
}
