/** A series in the archive. */
export interface SeriesRef {
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

/** The server's registration of one series onto another (POST /voxa/registrations). */
export interface RegistrationAnswer {
  kind: 'rigid' | 'affine';
  /** Fixed LPS → moving LPS, column-major 4×4. */
  fixedToMoving: number[];
  seconds: number;
  cached: boolean;
}

/** Register `moving` onto `fixed` on the server (in a worker there; cached per pair). */
export async function registerSeries(fixed: SeriesRef, moving: SeriesRef, mode: 'rigid' | 'affine' = 'rigid'): Promise<RegistrationAnswer> {
  const r = await fetch('/voxa/registrations', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ fixed, moving, mode }),
  });
  if (!r.ok) {
    const body = (await r.json().catch(() => ({}))) as { message?: string };
    throw new Error(`registration failed: HTTP ${r.status}${body.message ? `: ${body.message}` : ''}`);
  }
  return (await r.json()) as RegistrationAnswer;
}
