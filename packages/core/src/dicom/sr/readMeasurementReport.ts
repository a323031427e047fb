import { VoxaError } from '../../errors/VoxaError.ts';
import type { CodedConcept } from '../../segmentation/CodedConcept.ts';
import { readCode } from '../../segmentation/io/codeSequences.ts';
import { type TextDecoding, textDecodingOf } from '../../segmentation/io/textDecoding.ts';
import type { AttributeReader } from '../AttributeReader.ts';
import { DataSetReader } from '../DataSetReader.ts';
import { parseDicom } from '../parseDicom.ts';
import { loadVrDictionary, needsVrDictionary } from '../vrForTag.ts';
import type { MeasurementReport, SrObserver, SrSourceSeries, SrStudyContext, SrVerification } from './MeasurementReport.ts';
import { readMeasurementGroup } from './readMeasurementGroup.ts';
import { readSrEvidence, type SrInstanceLocation } from './readSrEvidence.ts';
import { SR_CONCEPT, SR_VALUE } from './srCodes.ts';
import { childNamed, childrenNamed, readSrContentTree, type SrContentNode, SR_TAG, sequenceItems } from './srContentTree.ts';
import { parseDicomDateTime } from './srDateTime.ts';

/** SR SOP Classes a TID 1500 report may be stored in (PS3.4 B.5): Enhanced, Comprehensive, Comprehensive 3D. */
export const MEASUREMENT_REPORT_SOP_CLASSES = ['1.2.840.10008.5.1.4.1.1.88.22', '1.2.840.10008.5.1.4.1.1.88.33', '1.2.840.10008.5.1.4.1.1.88.34'];

/**
 * Read a DICOM Measurement Report (PS3.16 TID 1500, in an Enhanced, Comprehensive or Comprehensive
 * 3D SR) into the model {@link writeMeasurementReport} writes: patient and study, observer,
 * language, procedure, the Image Library by series (series and study from the evidence
 * sequences), and every Measurement Group with its lesion tracking, finding, ROI and measurements.
 * Throws VoxaError for a non-SR, an SR that is not a TID 1500 report, or a malformed group.
 *
 * @example const report = await readMeasurementReport(bytes, 'report.dcm');
 */
export async function readMeasurementReport(bytes: Uint8Array, file = ''): Promise<MeasurementReport> {
  if (needsVrDictionary(bytes)) await loadVrDictionary();
  const ds = new DataSetReader(parseDicom(bytes, file).dataSet);
  const sopClassUid = ds.str('x00080016');
  if (!MEASUREMENT_REPORT_SOP_CLASSES.includes(sopClassUid)) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0008,0016) SOPClassUID' }, `${sopClassUid || 'none'}: expected an Enhanced, Comprehensive or Comprehensive 3D SR`);
  }
  const text = textDecodingOf(ds);
  const root = { children: readSrContentTree(ds, text) };
  const title = readCode(ds, SR_TAG.conceptName);
  const template = ds.item('x0040a504')?.str('x0040db00');
  const measurements = childNamed(root, SR_CONCEPT.imagingMeasurements, 'CONTAINER');
  if (!(title?.value === SR_CONCEPT.imagingMeasurementReport.value || template === '1500') || !measurements) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0040,A043) ConceptNameCodeSequence' },
      `document title ${title ? `(${title.value}, ${title.scheme}, "${title.meaning}")` : 'missing'}${measurements ? '' : ' without Imaging Measurements'}: expected a TID 1500 Imaging Measurement Report`);
  }
  const evidence = readSrEvidence(ds);
  const study = readStudy(ds, text);
  const code = (concept: CodedConcept) => {
    const node = childNamed(root, concept, 'CODE');
    return node && readCode(node.item, SR_TAG.conceptCode, text);
  };
  const observer = readObserver(root, text);
  const language = code(SR_CONCEPT.languageOfContent);
  const procedureReported = code(SR_CONCEPT.procedureReported);
  const verification = ds.str('x0040a493') === 'VERIFIED' ? readVerification(ds, text, file) : undefined;
  const library = childNamed(root, SR_CONCEPT.imageLibrary, 'CONTAINER');
  return {
    sopInstanceUid: ds.str('x00080018'),
    seriesInstanceUid: ds.str('x0020000e'),
    seriesNumber: ds.num('x00200011') ?? 0,
    instanceNumber: ds.num('x00200013') ?? 0,
    seriesDescription: text(ds.str('x0008103e')),
    contentDateTime: parseDicomDateTime(ds.str('x00080023'), ds.str('x00080033'), { file, tag: '(0008,0023) ContentDate' }),
    completion: ds.str('x0040a491') === 'COMPLETE' ? 'COMPLETE' : 'PARTIAL',
    ...(verification ? { verification } : {}),
    study,
    ...(observer ? { observer } : {}),
    ...(language ? { language } : {}),
    ...(procedureReported ? { procedureReported } : {}),
    sourceSeries: library ? readImageLibrary(library, evidence, study.studyInstanceUid, text, file) : [],
    groups: childrenNamed(measurements, SR_CONCEPT.measurementGroup, 'CONTAINER').map((g) => readMeasurementGroup(g, { file, text, evidence })),
  };
}

function readStudy(ds: AttributeReader, text: TextDecoding): SrStudyContext {
  const optional = (tag: string, decode = false) => {
    const v = ds.str(tag);
    return v ? (decode ? text(v) : v) : undefined;
  };
  const fields: Partial<SrStudyContext> = {
    patientBirthDate: optional('x00100030'),
    patientSex: optional('x00100040'),
    studyDate: optional('x00080020'),
    studyTime: optional('x00080030'),
    studyId: optional('x00200010', true),
    accessionNumber: optional('x00080050', true),
    referringPhysicianName: optional('x00080090', true),
    studyDescription: optional('x00081030', true),
  };
  return {
    patientName: text(ds.str('x00100010')),
    patientId: text(ds.str('x00100020')),
    studyInstanceUid: ds.str('x0020000d'),
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}

/** The first observer of TID 1002: a person (TID 1003) or a device (TID 1004). */
function readObserver(root: { children: SrContentNode[] }, text: TextDecoding): SrObserver | undefined {
  const value = (concept: CodedConcept, valueType: string, tag: string) => {
    const v = childNamed(root, concept, valueType)?.item.str(tag);
    return v ? text(v) : undefined;
  };
  const typeNode = childNamed(root, SR_CONCEPT.observerType, 'CODE');
  const type = typeNode && readCode(typeNode.item, SR_TAG.conceptCode, text);
  const personName = value(SR_CONCEPT.personObserverName, 'PNAME', SR_TAG.personName);
  const deviceUid = childNamed(root, SR_CONCEPT.deviceObserverUid, 'UIDREF')?.item.str(SR_TAG.uid);
  if (type?.value === SR_VALUE.device.value && deviceUid) {
    const fields = {
      name: value(SR_CONCEPT.deviceObserverName, 'TEXT', SR_TAG.textValue),
      manufacturer: value(SR_CONCEPT.deviceObserverManufacturer, 'TEXT', SR_TAG.textValue),
      modelName: value(SR_CONCEPT.deviceObserverModelName, 'TEXT', SR_TAG.textValue),
      serialNumber: value(SR_CONCEPT.deviceObserverSerialNumber, 'TEXT', SR_TAG.textValue),
    };
    return { kind: 'device', uid: deviceUid, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  }
  if (personName === undefined) return undefined;
  const organization = value(SR_CONCEPT.personObserverOrganization, 'TEXT', SR_TAG.textValue);
  return { kind: 'person', name: personName, ...(organization ? { organization } : {}) };
}

function readVerification(ds: AttributeReader, text: TextDecoding, file: string): SrVerification {
  const v = ds.item('x0040a073');
  if (!v) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: '(0040,A073) VerifyingObserverSequence' }, 'the report is VERIFIED but names no verifying observer');
  const dt = v.str('x0040a030');
  return {
    observerName: text(v.str('x0040a075')),
    organization: text(v.str('x0040a027')),
    dateTime: parseDicomDateTime(dt.slice(0, 8), dt.slice(8), { file, tag: '(0040,A030) VerificationDateTime' }),
  };
}

/**
 * The Image Library (TID 1600) as source series: each Image Library Group's images, split by the
 * series the evidence sequences put them in, with the group's Modality, Study Date and Frame of
 * Reference UID descriptors (TID 1602). The study is left out when it is the report's own.
 */
function readImageLibrary(library: SrContentNode, evidence: ReadonlyMap<string, SrInstanceLocation>, ownStudy: string, text: TextDecoding, file: string): SrSourceSeries[] {
  const out: SrSourceSeries[] = [];
  for (const group of childrenNamed(library, SR_CONCEPT.imageLibraryGroup, 'CONTAINER')) {
    const modalityNode = childNamed(group, SR_CONCEPT.modality, 'CODE');
    const modality = modalityNode && readCode(modalityNode.item, SR_TAG.conceptCode, text)?.value;
    const studyDate = childNamed(group, SR_CONCEPT.studyDate, 'DATE')?.item.str(SR_TAG.date);
    const frameOfReferenceUid = childNamed(group, SR_CONCEPT.frameOfReferenceUid, 'UIDREF')?.item.str(SR_TAG.uid);
    const bySeries = new Map<string, SrSourceSeries>();
    for (const entry of group.children.filter((c) => c.valueType === 'IMAGE')) {
      for (const ref of sequenceItems(entry.item, SR_TAG.referencedSop)) {
        const sopInstanceUid = ref.str(SR_TAG.referencedSopInstanceUid);
        const where = evidence.get(sopInstanceUid);
        if (!where) {
          throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, uid: sopInstanceUid, tag: '(0040,A375) CurrentRequestedProcedureEvidenceSequence' }, 'an Image Library image is in neither evidence sequence, so its series is unknown');
        }
        let series = bySeries.get(where.seriesInstanceUid);
        if (!series) {
          series = {
            ...(where.studyInstanceUid !== ownStudy ? { studyInstanceUid: where.studyInstanceUid } : {}),
            seriesInstanceUid: where.seriesInstanceUid,
            ...(modality ? { modality } : {}),
            ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}),
            ...(studyDate ? { studyDate } : {}),
            instances: [],
          };
          bySeries.set(where.seriesInstanceUid, series);
        }
        series.instances.push({ sopClassUid: ref.str(SR_TAG.referencedSopClassUid), sopInstanceUid });
      }
    }
    out.push(...bySeries.values());
  }
  return out;
}
