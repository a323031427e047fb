import { VoxaError } from '@voxa/core';
import type { InstanceRef, InstanceStore } from '../store/InstanceStore.ts';
import { naturalToText, queryLevelOf, type NaturalIdentifier, type QrModel } from './queryIdentifier.ts';

/** The unique key a C-MOVE/C-GET identifier must carry at each level (PS3.4 C.4.2.2.1, C.6.1.1). */
const UNIQUE_KEY = { PATIENT: 'PatientID', STUDY: 'StudyInstanceUID', SERIES: 'SeriesInstanceUID', IMAGE: 'SOPInstanceUID' } as const;

/**
 * The stored instances a C-MOVE or C-GET identifier names (PS3.4 C.4.2.2.1): the unique key of
 * its level (a single value or a UID list) and any unique keys above it. A retrieve without its
 * level's unique key would mean "everything"; it throws VOXA_ERR_BAD_ARGUMENT instead.
 */
export function retrieveTargets(store: InstanceStore, identifier: NaturalIdentifier, model: QrModel): InstanceRef[] {
  const level = queryLevelOf(identifier, model);
  const match: Record<string, string> = {};
  for (const key of Object.values(UNIQUE_KEY)) {
    const value = naturalToText(identifier[key]);
    if (value !== '') match[key] = value;
  }
  if (!match[UNIQUE_KEY[level]]) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { tag: UNIQUE_KEY[level] }, `a ${level}-level retrieve must name the ${UNIQUE_KEY[level]} to retrieve`);
  }
  if (/[*?]/.test(Object.values(match).join(''))) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { tag: UNIQUE_KEY[level] }, 'retrieve keys are unique keys: wildcards are not allowed (PS3.4 C.4.2.2.1)');
  }
  return store.search('instance', { match }).map((row) => ({
    studyInstanceUid: String(row.StudyInstanceUID),
    seriesInstanceUid: String(row.SeriesInstanceUID),
    sopInstanceUid: String(row.SOPInstanceUID),
    sopClassUid: row.SOPClassUID === undefined ? undefined : String(row.SOPClassUID),
    transferSyntaxUid: row.TransferSyntaxUID === undefined ? undefined : String(row.TransferSyntaxUID),
  }));
}
