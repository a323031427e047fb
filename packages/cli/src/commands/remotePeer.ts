import { parseDimsePeer, type DimsePeer, type DicomWebRemote } from '@voxa/server';
import { UsageError } from '../args.ts';

/** A remote archive as `--from` names it: a DICOMweb root URL, or a DIMSE peer AE@HOST:PORT. */
export type RemoteArchive = { kind: 'dicomweb'; remote: DicomWebRemote } | { kind: 'dimse'; peer: DimsePeer };

/** Parse `--from`; UsageError saying both accepted forms otherwise. */
export function parseRemote(text: string | undefined): RemoteArchive {
  if (!text) throw new UsageError('--from is required: a DICOMweb URL (http://host:port/dicom-web) or a DIMSE peer AE@HOST:PORT');
  if (/^https?:\/\//i.test(text)) return { kind: 'dicomweb', remote: { base: text } };
  try {
    return { kind: 'dimse', peer: parseDimsePeer(text) };
  } catch (e) {
    throw new UsageError(`--from: ${(e as Error).message}, or a DICOMweb URL`);
  }
}
