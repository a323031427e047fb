import { orientationCode, planVolumes, scanDicom, spacingMm, type VolumePlan } from '@voxa/core';
import { fileSources } from '@voxa/core/node';
import { parse } from '../args.ts';
import { ProgressBar } from '../ProgressBar.ts';

export const INFO_HELP = `voxa info <path> [--json]
  Patients, studies, series and volumes found under <path> (headers only), with geometry and warnings.`;

/** `voxa info`: what is in a folder of DICOM, without decoding pixels. */
export async function info(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, 1);
  const sources = await fileSources(positionals[0]);
  const bar = new ProgressBar('scan');
  const scan = await scanDicom(sources, (d, n) => bar.update(d, n));
  bar.done();
  const { plans, warnings } = planVolumes(scan);
  const tree = summarise(plans);
  if (values.json) {
    console.log(JSON.stringify({ patients: tree, warnings: [...scan.warnings, ...warnings], rejected: scan.rejected, skipped: scan.skipped }, null, 2));
  } else {
    for (const p of tree) {
      console.log(`Patient ${p.patientId || '(no id)'}`);
      for (const s of p.studies) {
        console.log(`  Study ${s.studyDate || '(no date)'} ${s.description} [${s.studyInstanceUid}]`);
        for (const v of s.volumes) {
          console.log(`    Series ${v.seriesNumber ?? '-'} ${v.modality} "${v.seriesDescription}": ${v.dimensions.join('×')}${v.timePoints > 1 ? ` ×${v.timePoints} (${v.timeAxis})` : ''}, ${v.spacingMm.map((x) => x.toFixed(3)).join('×')} mm, ${v.orientation}`);
          for (const w of v.warnings) console.log(`      warning ${w.code}: ${w.message}`);
        }
      }
    }
    for (const w of [...scan.warnings, ...warnings]) console.log(`warning ${w.code}: ${w.message}`);
    for (const r of scan.rejected) console.log(`rejected ${r.file}: ${r.reason}`);
    if (scan.skipped.length) console.log(`skipped ${scan.skipped.length} non-image DICOM file(s)`);
  }
  return plans.length || !scan.rejected.length ? 0 : 1;
}

function summarise(plans: VolumePlan[]) {
  const patients = new Map<string, { patientId: string; studies: Map<string, { studyInstanceUid: string; studyDate: string; description: string; volumes: ReturnType<typeof volumeLine>[] }> }>();
  for (const plan of plans) {
    const inst = plan.slices[0][0].instance;
    let p = patients.get(inst.patientId);
    if (!p) patients.set(inst.patientId, (p = { patientId: inst.patientId, studies: new Map() }));
    let s = p.studies.get(inst.studyInstanceUid);
    if (!s) p.studies.set(inst.studyInstanceUid, (s = { studyInstanceUid: inst.studyInstanceUid, studyDate: inst.studyDate, description: inst.studyDescription, volumes: [] }));
    s.volumes.push(volumeLine(plan));
  }
  return [...patients.values()].map((p) => ({ ...p, studies: [...p.studies.values()].sort((a, b) => a.studyDate.localeCompare(b.studyDate)) }));
}

function volumeLine(plan: VolumePlan) {
  const inst = plan.slices[0][0].instance;
  const fake = { indexToWorld: plan.indexToWorld } as Parameters<typeof spacingMm>[0];
  return {
    id: plan.id,
    seriesNumber: inst.seriesNumber,
    seriesDescription: inst.seriesDescription,
    modality: inst.modality,
    dimensions: plan.dimensions,
    timePoints: plan.slices.length,
    timeAxis: plan.timeAxis,
    spacingMm: spacingMm(fake),
    orientation: orientationCode(plan.indexToWorld),
    warnings: plan.warnings,
  };
}
