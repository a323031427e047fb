import { readFileSync } from 'node:fs';
import { parseDicom, readPart10Layout } from '@voxa/core';

/** A test file as sent: its bytes, its UIDs and its data set bytes (what DIMSE must keep intact). */
export interface Original {
  path: string;
  bytes: Buffer;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  dataset: Buffer;
}

export function original(path: string): Original {
  const bytes = readFileSync(path);
  const { dataSet } = parseDicom(bytes, path);
  return {
    path, bytes,
    sopInstanceUid: dataSet.string('x00080018')!,
    studyInstanceUid: dataSet.string('x0020000d')!,
    seriesInstanceUid: dataSet.string('x0020000e')!,
    dataset: datasetOf(bytes, path),
  };
}

/** The data set bytes of a Part 10 file: everything after its File Meta Information. */
export function datasetOf(bytes: Uint8Array, origin = ''): Buffer {
  const { datasetOffset } = readPart10Layout(bytes, origin);
  return Buffer.from(bytes.buffer, bytes.byteOffset + datasetOffset, bytes.byteLength - datasetOffset);
}
