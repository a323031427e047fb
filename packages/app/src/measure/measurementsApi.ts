import type { Measurement } from '@voxa/core';
import { readerName } from '../response/readerName.ts';

const base = (studyUid: string) => `/voxa/studies/${studyUid}/measurements`;

async function check(r: Response): Promise<Response> {
  if (!r.ok) throw new Error(`measurements: HTTP ${r.status} ${(await r.text()).slice(0, 300)}`);
  return r;
}

/** The study's saved measurements. */
export async function fetchMeasurements(studyUid: string): Promise<Measurement[]> {
  const r = await check(await fetch(base(studyUid)));
  return ((await r.json()) as { measurements: Measurement[] }).measurements;
}

/** Who changes a measurement, for the server's audit trail: the reader's name when one is set. */
function user(): Record<string, string> {
  const name = readerName().trim();
  // Header values are Latin-1: a name that cannot be sent is left out (recorded as anonymous), not a failed save.
  return /^[\x20-\x7e\xa0-\xff]{1,128}$/.test(name) ? { 'x-voxa-user': name } : {};
}

/** Create or replace one measurement; the stored measurement (with the server's times) comes back. */
export async function saveMeasurement(studyUid: string, m: Measurement): Promise<Measurement> {
  const r = await check(await fetch(`${base(studyUid)}/${m.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...user() }, body: JSON.stringify(m) }));
  return ((await r.json()) as { measurement: Measurement }).measurement;
}

export async function deleteMeasurement(studyUid: string, id: string): Promise<void> {
  await check(await fetch(`${base(studyUid)}/${id}`, { method: 'DELETE', headers: user() }));
}
