import type { Measurement } from '@voxa/core';

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

/** Create or replace one measurement. */
export async function saveMeasurement(studyUid: string, m: Measurement): Promise<Measurement> {
  const r = await check(await fetch(`${base(studyUid)}/${m.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m) }));
  return (await r.json()) as Measurement;
}

export async function deleteMeasurement(studyUid: string, id: string): Promise<void> {
  await check(await fetch(`${base(studyUid)}/${id}`, { method: 'DELETE' }));
}
