import { findOnPeer, searchOverDicomWeb } from '@voxa/server';
import { parse } from '../args.ts';
import { parseRemote } from './remotePeer.ts';

export const QUERY_HELP = `voxa query --from URL|AE@HOST:PORT [--patient-id ID] [--patient-name NAME] [--study-date DATE|A-B]
            [--modality M] [--accession N] [--ae-title VOXA]
  Find studies on a remote archive, over DICOMweb (QIDO-RS) or DIMSE (C-FIND, Study Root, calling
  as --ae-title). Wildcards * and ? and date ranges work as in DICOM. Prints one study per line:
  Study Instance UID, date, patient ID, patient name, modalities, description.`;

/** `voxa query`: list a remote's matching studies. Exit 1 when the remote fails. */
export async function query(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    from: { type: 'string' },
    'patient-id': { type: 'string' },
    'patient-name': { type: 'string' },
    'study-date': { type: 'string' },
    modality: { type: 'string' },
    accession: { type: 'string' },
    'ae-title': { type: 'string', default: 'VOXA' },
  });
  const remote = parseRemote(values.from);
  const match: Record<string, string> = {};
  if (values['patient-id']) match.PatientID = values['patient-id'];
  if (values['patient-name']) match.PatientName = values['patient-name'];
  if (values['study-date']) match.StudyDate = values['study-date'];
  if (values.modality) match.ModalitiesInStudy = values.modality;
  if (values.accession) match.AccessionNumber = values.accession;
  const fields = ['StudyInstanceUID', 'StudyDate', 'PatientID', 'PatientName', 'ModalitiesInStudy', 'StudyDescription'];
  const rows: string[][] = [];
  if (remote.kind === 'dicomweb') {
    const tags = ['0020000D', '00080020', '00100020', '00100010', '00080061', '00081030'];
    for (const study of await searchOverDicomWeb(remote.remote, 'studies', { ...match, includefield: fields.join(',') })) {
      rows.push(tags.map((t) => study[t]?.Value?.map((v) => (typeof v === 'object' && v ? (v as { Alphabetic?: string }).Alphabetic ?? '' : String(v))).join('\\') ?? ''));
    }
  } else {
    const keys: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f, '']));
    const studies = await findOnPeer(remote.peer, { level: 'STUDY', keys: { ...keys, ...match } }, { callingAeTitle: values['ae-title'] });
    for (const study of studies) rows.push(fields.map((f) => text(study[f])));
  }
  for (const row of rows) console.log(row.join('\t'));
  console.error(`${rows.length} stud${rows.length === 1 ? 'y' : 'ies'}`);
  return 0;
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join('\\');
  if (value && typeof value === 'object') return String((value as { Alphabetic?: string }).Alphabetic ?? '');
  return value === undefined || value === null ? '' : String(value);
}
