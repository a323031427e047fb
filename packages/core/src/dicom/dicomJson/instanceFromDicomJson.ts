import type { InstanceInfo, SliceRef } from '../InstanceInfo.ts';
import { readInstanceFrom } from '../readInstance.ts';
import { TS } from '../pixel/PixelDescription.ts';
import { PIXEL_DATA_TAGS } from '../pixel/readPixelDescription.ts';
import type { DicomJsonDataSet } from './DicomJson.ts';
import { DicomJsonReader } from './DicomJsonReader.ts';

/** Options of {@link instanceFromDicomJson}. */
export interface InstanceFromDicomJsonOptions {
  /**
   * Transfer syntax of the frames the caller will fetch. Default: (0002,0010) when the JSON has it
   * (WADO-RS metadata usually leaves File Meta Information out), else Explicit VR Little Endian —
   * what WADO-RS sends frames in when asked for application/octet-stream (PS3.18 §8.7.3).
   */
  transferSyntaxUid?: string;
  /** Name of the instance in InstanceInfo.file, warnings and errors. Default: its SOP Instance UID. */
  file?: string;
  /**
   * Values behind BulkDataURIs the caller has fetched, by URI: needed when PALETTE COLOR lookup
   * tables or a Siemens mosaic's CSA header (0029,xx10) are bulk data rather than InlineBinary.
   */
  bulkData?: (uri: string) => Uint8Array | undefined;
}

/**
 * The InstanceInfo and SliceRefs of one instance from its DICOM JSON metadata (WADO-RS, PS3.18
 * §10.4.1.1.2 and Annex F) — exactly what readInstance gives for the Part 10 file, so that
 * groupSlices and planVolume work unchanged on a series retrieved over DICOMweb. Metadata that
 * leaves Pixel Data out (as it may: frames are fetched separately) is taken to describe native
 * Pixel Data (7FE0,0010) when it has Rows. Throws what readInstance throws; also
 * VOXA_ERR_DICOM_MISSING_TAG naming the SOP Instance UID, tag and URI when a value it needs is
 * bulk data that `options.bulkData` does not supply.
 *
 * @example
 * const metadata: DicomJsonDataSet[] = await (await fetch(`${series}/metadata`)).json();
 * const slices = metadata.flatMap((json) => instanceFromDicomJson(json).slices);
 * const plans = groupSlices(slices).groups.map(planVolume);
 */
export function instanceFromDicomJson(
  json: DicomJsonDataSet,
  options: InstanceFromDicomJsonOptions = {},
): { instance: InstanceInfo; slices: SliceRef[] } {
  const file = options.file ?? new DicomJsonReader(json).str('x00080018');
  const ds = new DicomJsonReader(json, { file, bulkData: options.bulkData });
  const transferSyntaxUid = options.transferSyntaxUid ?? (ds.str('x00020010') || TS.ExplicitVRLittleEndian);
  const pixelDataTag = PIXEL_DATA_TAGS.find((tag) => ds.has(tag)) ?? (ds.has('x00280010') ? 'x7fe00010' : undefined);
  return readInstanceFrom(ds, { file, transferSyntaxUid, pixelDataTag });
}
