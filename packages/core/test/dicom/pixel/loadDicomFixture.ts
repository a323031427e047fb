import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import dicomParser, { type DataSet } from 'dicom-parser';
import { inflateSync } from 'fflate';
import { CodecRegistry } from '../../../src/dicom/pixel/CodecRegistry.ts';
import { decodeFrame } from '../../../src/dicom/pixel/decodeFrame.ts';
import { frameBytes } from '../../../src/dicom/pixel/frameBytes.ts';
import type { DecodedFrame, PixelDescription } from '../../../src/dicom/pixel/PixelDescription.ts';
import { readPixelDescription } from '../../../src/dicom/pixel/readPixelDescription.ts';
import { sharedData } from '../../util/shared.ts';

/** One registry for the test files of this folder: each wasm codec initialises once. */
export const codecs = new CodecRegistry();

/** A parsed shared DICOM file with its pixel description. */
export interface DicomFixture {
  file: string;
  dataSet: DataSet;
  desc: PixelDescription;
}

/** Parses a file under shared/data and reads its pixel description. */
export function loadDicomFixture(...parts: string[]): DicomFixture {
  const { file, dataSet } = parseSharedDicom(...parts);
  return { file, dataSet, desc: readPixelDescription(dataSet, { file }) };
}

/** Parses a file under shared/data with dicom-parser (a Deflated Explicit VR data set is inflated with fflate). */
export function parseSharedDicom(...parts: string[]): { file: string; dataSet: DataSet } {
  const path = sharedData(...parts);
  const file = basename(path);
  const bytes = new Uint8Array(readFileSync(path));
  const dataSet = dicomParser.parseDicom(bytes, {
    inflater: (arr: Uint8Array, position: number) => {
      const inflated = inflateSync(arr.subarray(position));
      const full = new Uint8Array(position + inflated.length);
      full.set(arr.subarray(0, position));
      full.set(inflated, position);
      return full;
    },
  } as dicomParser.ParseDicomOptions);
  return { file, dataSet };
}

/** Decodes frame `index` of a fixture with the shared registry. */
export function decodeFixtureFrame(fixture: DicomFixture, index = 0): Promise<DecodedFrame> {
  return decodeFrame(frameBytes(fixture.dataSet, index, fixture.desc), fixture.desc, codecs);
}

/** Decodes every frame of a shared file. */
export async function decodeAllFrames(...parts: string[]): Promise<DecodedFrame[]> {
  const fixture = loadDicomFixture(...parts);
  const frames: DecodedFrame[] = [];
  for (let i = 0; i < (fixture.desc.numberOfFrames ?? 1); i++) frames.push(await decodeFixtureFrame(fixture, i));
  return frames;
}

/** Mean and maximum absolute difference of two equally long sample arrays. */
export function differences(a: ArrayLike<number>, b: ArrayLike<number>): { mean: number; max: number } {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max) max = d;
  }
  return { mean: sum / a.length, max };
}

/** Smallest and largest value of a sample array. */
export function valueRange(a: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < min) min = a[i];
    if (a[i] > max) max = a[i];
  }
  return { min, max };
}

/** Number of positions where two sample arrays differ (lengths must match). */
export function mismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}
