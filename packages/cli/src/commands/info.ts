import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { detectVolumeFormat, orientationCode, planVolumes, readVolumeBytes, scanDicom, spacingMm, voxelTypeOf, type VolumePlan } from '@voxa/core';
import { fileSources } from '@voxa/core/node';
import { parse } from '../args.ts';
import { ProgressBar } from '../ProgressBar.ts';

export const INFO_HELP = `voxa info <path> [--json]
  DICOM (file or folder): patients → studies → series → volumes (headers only), geometry, warnings.
  NIfTI / NRRD / MetaImage file: its grid, type, spacing, orientation and warnings.`;

/** `voxa info`: what is in a DICOM folder (without decoding pixels) or a volume file. */
export async function info(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, 1);
  if ((await stat(positionals[0])).isFile()) {
    const bytes = new Uint8Array(await readFile(positionals[0]));
    if (detectVolumeFormat(bytes, positionals[0])) return volumeFileInfo(positionals[0], bytes, !!values.json);
  }
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

/** NIfTI / NRRD / MetaImage: geometry and warnings of the volume(s) in one file. */
function volumeFileInfo(path: string, bytes: Uint8Array, json: boolean): number {
  const readCompanion = (name: string) => {
    const p = join(dirname(path), name);
    return existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined;
  };
  const r = readVolumeBytes(bytes, { file: path, readFile: readCompanion });
  const v = r.volumes[0];
  const line = {
    format: r.format,
    dimensions: v.dimensions,
    timePoints: r.volumes.length,
    components: v.components,
    type: voxelTypeOf(v.voxels),
    spacingMm: spacingMm(v),
    orientation: orientationCode(v.indexToWorld),
    warnings: v.meta.warnings,
  };
  if (json) console.log(JSON.stringify(line, null, 2));
  else {
    console.log(`${path}: ${line.format}, ${line.dimensions.join('×')}${line.timePoints > 1 ? ` ×${line.timePoints}` : ''}, ${line.type}${line.components === 3 ? ' RGB' : ''}, ${line.spacingMm.map((x) => x.toFixed(3)).join('×')} mm, ${line.orientation}`);
    for (const w of line.warnings) console.log(`  warning ${w.code}: ${w.message}`);
  }
  return 0;
}
