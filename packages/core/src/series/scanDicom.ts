import type { InstanceInfo, SliceRef } from '../dicom/InstanceInfo.ts';
import { parseDicom } from '../dicom/parseDicom.ts';
import { loadVrDictionary, needsVrDictionary } from '../dicom/vrForTag.ts';
import { readInstance } from '../dicom/readInstance.ts';
import { isVoxaError, VoxaError } from '../errors/VoxaError.ts';
import { fileErrorCode } from './fileErrorCode.ts';
import type { IngestWarning } from '../volume/IngestWarning.ts';
import type { DicomSource } from './DicomSource.ts';

/** A file that could not be used, and why (the error's code and message). */
export interface RejectedFile {
  file: string;
  code: string;
  reason: string;
}

/** The headers of a set of files: every image instance and its slices, and what was rejected. */
export interface DicomScan {
  instances: InstanceInfo[];
  slices: SliceRef[];
  rejected: RejectedFile[];
  /** Non-image DICOM objects (SR, SEG without pixels, presentation states…) that were skipped. */
  skipped: RejectedFile[];
  warnings: IngestWarning[];
}

/** Header bytes read first; a file whose header is longer is read whole. */
const HEAD_BYTES = 64 * 1024;

/** Parse a source's header (up to the pixel data) from its first bytes when it can give them. */
async function parseHeader(source: DicomSource) {
  const full = async () => {
    const bytes = await source.read();
    if (needsVrDictionary(bytes)) await loadVrDictionary();
    return parseDicom(bytes, source.name, { untilTag: 'x7fe00010' });
  };
  if (!source.readHead || !source.size || source.size <= HEAD_BYTES) return full();
  const head = await source.readHead(HEAD_BYTES);
  if (needsVrDictionary(head)) await loadVrDictionary();
  try {
    const parsed = parseDicom(head, source.name, { untilTag: 'x7fe00010', fileSize: source.size });
    // dicom-parser may stop quietly at the end of the bytes: without the pixel data tag, read it all.
    return parsed.dataSet.elements.x7fe00010 ? parsed : full();
  } catch (e) {
    // The header runs past the first bytes (large private data, long sequences): read it all.
    if (isVoxaError(e) && (e.code === 'VOXA_ERR_DICOM_TRUNCATED' || e.code === 'VOXA_ERR_DICOM_CORRUPT')) return full();
    throw e;
  }
}

/**
 * Read the header of every source (pixel data is not decoded). Bad files are listed in
 * `rejected` with a reason and never stop the scan; duplicates (same SOP Instance UID) are
 * reported and ignored.
 */
export async function scanDicom(sources: DicomSource[], onProgress?: (done: number, total: number) => void): Promise<DicomScan> {
  const scan: DicomScan = { instances: [], slices: [], rejected: [], skipped: [], warnings: [] };
  const seen = new Map<string, string>();
  let done = 0;
  for (const source of sources) {
    try {
      const parsed = await parseHeader(source);
      const { instance, slices } = readInstance(parsed);
      const prior = instance.sopInstanceUid ? seen.get(instance.sopInstanceUid) : undefined;
      if (prior) {
        scan.warnings.push({ code: 'DUPLICATE_INSTANCE', message: `SOP Instance ${instance.sopInstanceUid} appears twice: the second copy is ignored`, files: [prior, source.name] });
      } else {
        if (instance.sopInstanceUid) seen.set(instance.sopInstanceUid, source.name);
        scan.instances.push(instance);
        for (const s of slices) scan.slices.push(s);
      }
    } catch (e) {
      // Anything a hostile or broken file makes the parser throw is a rejection, never a crash.
      const code = isVoxaError(e) ? e.code : fileErrorCode(e);
      const entry = isVoxaError(e)
        ? { file: source.name, code, reason: e.message }
        : { file: source.name, code, reason: new VoxaError(code, { file: source.name }, (e as Error)?.message ?? String(e)).message };
      (entry.code === 'VOXA_ERR_NO_PIXEL_DATA' ? scan.skipped : scan.rejected).push(entry);
    }
    onProgress?.(++done, sources.length);
  }
  return scan;
}
