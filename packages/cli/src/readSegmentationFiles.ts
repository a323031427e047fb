import { readFile } from 'node:fs/promises';
import { readDicomSeg, readVolumeBytes, segmentationFromLabelVolume, VoxaError, type Segmentation, type Volume } from '@voxa/core';
import { readLabelTable } from './labelMapFiles.ts';
import { UsageError } from './args.ts';

/** A DICOM Part 10 file: "DICM" after the 128-byte preamble. */
export function isDicom(bytes: Uint8Array): boolean {
  return bytes.length > 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** What `readSegmentationFiles` read, and the warnings to show. */
export interface SegmentationFiles {
  segmentation: Segmentation;
  /** 'DICOM SEG' or 'label map'. */
  source: string;
  warnings: string[];
}

/**
 * A segmentation from a DICOM SEG (on its own frames' grid) or from label maps (.nii/.nii.gz/
 * .nrrd; several = several layers) with their label table: `tablePath`, else `<stem>.labels.json`
 * beside the first file when present.
 */
export async function readSegmentationFiles(inputs: string[], tablePath?: string): Promise<SegmentationFiles> {
  const first = new Uint8Array(await readFile(inputs[0]));
  if (isDicom(first)) {
    if (inputs.length > 1) throw new UsageError('a DICOM SEG is read one at a time');
    const seg = await readDicomSeg(first, { file: inputs[0] });
    return { segmentation: seg, source: `${seg.segmentationType} DICOM SEG`, warnings: seg.warnings };
  }
  const volumes: Volume[] = [];
  for (const [n, input] of inputs.entries()) {
    const read = readVolumeBytes(n === 0 ? first : new Uint8Array(await readFile(input)), { file: input });
    if (read.volumes.length !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: input }, `a label map must be 3D; this file holds ${read.volumes.length} volumes`);
    volumes.push(read.volumes[0]);
  }
  const table = await readLabelTable(inputs[0], tablePath);
  return { segmentation: segmentationFromLabelVolume(volumes, table), source: 'label map', warnings: [] };
}
