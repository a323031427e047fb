import { createPseudonymKey, deidentify, ERROR_MESSAGES, isVoxaError, pseudonymousUid, VoxaError, type VoxaErrorCode } from '@voxa/core';
import type { InstanceRef, InstanceStore } from '../store/InstanceStore.ts';

/** Options of {@link exportInstances}. */
export interface ExportInstancesOptions {
  /**
   * De-identify every instance with core `deidentify` (PS3.15 Annex E Basic Profile, Retain
   * Longitudinal Temporal Information with Modified Dates, Retain Patient Characteristics) keyed
   * by this site secret. Absent: the stored bytes as they are.
   */
  deidSecret?: Uint8Array | string;
}

/** One exported Part 10 file at `<Study>/<Series>/<SOP>.dcm`; the new UIDs when de-identified. */
export interface ExportedFile {
  kind: 'file';
  path: string;
  bytes: Uint8Array;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** De-identified, and Burned In Annotation (0028,0301) is YES or absent: the pixels may show text. */
  burnedInText: boolean;
}

/**
 * An instance left out of the export: its SOP Instance UID (the pseudonymous one when
 * de-identifying, so no original UID leaks) and why, as catalog text only (no value of the file).
 */
export interface ExportFailure {
  kind: 'failed';
  sopInstanceUid: string;
  code: VoxaErrorCode;
  reason: string;
}

export type ExportItem = ExportedFile | ExportFailure;

/**
 * The Part 10 files of `refs` for an export, one at a time (one instance in memory at once):
 * as stored, or de-identified with `deidSecret`. An instance that cannot be read or
 * de-identified is yielded as an {@link ExportFailure} and the others go on; any other error
 * (a bug, not the data) is thrown. The server's export route and `voxa export` both use it.
 *
 * @example
 * for await (const item of exportInstances(store, store.listInstances(study), { deidSecret })) {
 *   if (item.kind === 'file') await writeFileAtomic(join(out, item.path), item.bytes);
 * }
 */
export async function* exportInstances(store: InstanceStore, refs: readonly InstanceRef[], options: ExportInstancesOptions = {}): AsyncGenerator<ExportItem> {
  const secret = options.deidSecret;
  if (secret !== undefined && secret.length === 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the de-identification secret is empty');
  const key = secret === undefined ? undefined : await createPseudonymKey(secret);
  const failure = async (ref: InstanceRef, code: VoxaErrorCode): Promise<ExportFailure> => ({
    kind: 'failed',
    sopInstanceUid: key ? await pseudonymousUid(key, ref.sopInstanceUid) : ref.sopInstanceUid,
    code,
    reason: ERROR_MESSAGES[code],
  });
  for (const ref of refs) {
    const stored = await store.getInstance(ref);
    if (!stored) {
      // Indexed but its file is gone (removed behind the store's back): say so, go on.
      yield await failure(ref, 'VOXA_ERR_FILE_READ');
      continue;
    }
    if (secret === undefined) {
      yield { kind: 'file', path: instancePath(ref), bytes: stored, ...uids(ref), burnedInText: false };
      continue;
    }
    let r;
    try {
      r = await deidentify(stored, { secret });
    } catch (e) {
      if (!isVoxaError(e)) throw e;
      yield await failure(ref, e.code);
      continue;
    }
    const out = { studyInstanceUid: r.studyInstanceUid, seriesInstanceUid: r.seriesInstanceUid, sopInstanceUid: r.sopInstanceUid };
    yield { kind: 'file', path: instancePath(out), bytes: r.bytes, ...out, burnedInText: r.burnedInTextFlag };
  }
}

/** `<Study>/<Series>/<SOP>.dcm`: the store validated every UID (PS3.5 §9), so no path escapes. */
export function instancePath(ref: Pick<InstanceRef, 'studyInstanceUid' | 'seriesInstanceUid' | 'sopInstanceUid'>): string {
  return `${ref.studyInstanceUid}/${ref.seriesInstanceUid}/${ref.sopInstanceUid}.dcm`;
}

/** The UID an export gives `uid`: itself, or its pseudonym under `deidSecret` (as `deidentify` maps it). */
export async function exportedUid(uid: string, deidSecret?: Uint8Array | string): Promise<string> {
  if (deidSecret === undefined || uid.startsWith('1.2.840.10008.')) return uid;
  return pseudonymousUid(await createPseudonymKey(deidSecret), uid);
}

/** What an export did, for {@link exportNotes}. */
export interface ExportTally {
  deidentified: boolean;
  written: number;
  failed: ExportFailure[];
  /** De-identified files whose pixels may still show burned-in text. */
  burnedInText: number;
}

/**
 * A short text for the recipient of an export when something needs saying (instances left
 * out, possible burned-in text); undefined otherwise. Holds UIDs of the export and catalog text only.
 */
export function exportNotes(t: ExportTally): string | undefined {
  if (t.failed.length === 0 && t.burnedInText === 0) return undefined;
  const lines = [`Voxa export: ${t.written} instance(s) written, ${t.failed.length} left out.`];
  if (t.deidentified) lines.push('De-identified: PS3.15 Annex E Basic Profile; Retain Longitudinal Temporal Information with Modified Dates; Retain Patient Characteristics.');
  if (t.failed.length) lines.push('', 'Left out (SOP Instance UID: code, reason):', ...t.failed.map((f) => `  ${f.sopInstanceUid}: ${f.code}, ${f.reason}`));
  if (t.burnedInText) lines.push('', `Warning: ${t.burnedInText} instance(s) have Burned In Annotation (0028,0301) YES or absent: check the pixels for burned-in text before sharing.`);
  return lines.join('\n') + '\n';
}

function uids(ref: InstanceRef) {
  return { studyInstanceUid: ref.studyInstanceUid, seriesInstanceUid: ref.seriesInstanceUid, sopInstanceUid: ref.sopInstanceUid };
}
