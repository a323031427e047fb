import { writePart10 } from '../../src/dicom/write/writePart10.ts';
import type { DicomSource } from '../../src/index.ts';

/** One synthetic MR slice: 4×4 pixels whose values encode (slice, index) so order can be checked. */
export interface SyntheticSlice {
  positionLps: [number, number, number];
  orientation?: [number, number, number, number, number, number];
  instanceNumber: number;
  sopInstanceUid?: string;
  seriesInstanceUid?: string;
  imageType?: string[];
  triggerTime?: number;
  value?: number;
  /** Attributes to add or override; `undefined` removes one (e.g. ImagePositionPatient). */
  extra?: Record<string, unknown>;
}

/** Encode slices as Part 10 MR images with our DICOM writer, as in-memory sources. */
export function syntheticSeries(slices: SyntheticSlice[], prefix = 'syn'): DicomSource[] {
  return slices.map((s, n) => {
    const pixels = new Uint16Array(16).fill(s.value ?? s.instanceNumber);
    const dataset: Record<string, unknown> = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.4',
      SOPInstanceUID: s.sopInstanceUid ?? `2.25.777${n}`,
      StudyInstanceUID: '2.25.700',
      SeriesInstanceUID: s.seriesInstanceUid ?? '2.25.701',
      FrameOfReferenceUID: '2.25.702',
      Modality: 'MR',
      PatientID: 'SYN',
      ImageType: s.imageType ?? ['ORIGINAL', 'PRIMARY', 'M'],
      ImagePositionPatient: s.positionLps,
      ImageOrientationPatient: s.orientation ?? [1, 0, 0, 0, 1, 0],
      PixelSpacing: [1, 1],
      SliceThickness: 2,
      InstanceNumber: s.instanceNumber,
      ...(s.triggerTime !== undefined ? { TriggerTime: s.triggerTime } : {}),
      Rows: 4,
      Columns: 4,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 0,
      PixelData: pixels.buffer,
      _vrMap: { PixelData: 'OW' },
      ...s.extra,
    };
    for (const k of Object.keys(dataset)) if (dataset[k] === undefined) delete dataset[k];
    const bytes = writePart10(dataset);
    return { name: `${prefix}${String(n).padStart(3, '0')}.dcm`, read: async () => bytes };
  });
}

/** Slices k = 0 … n−1 at z = 2k mm along +z (axial). */
export function axialStack(n: number, z0 = 0, step = 2): SyntheticSlice[] {
  return Array.from({ length: n }, (_, k) => ({ positionLps: [0, 0, z0 + step * k] as [number, number, number], instanceNumber: k + 1 }));
}
