import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InstanceInfo, SliceRef } from '../../../src/dicom/InstanceInfo.ts';
import type { DicomJsonDataSet, DicomJsonElement } from '../../../src/dicom/dicomJson/DicomJson.ts';
import { instanceFromDicomJson, type InstanceFromDicomJsonOptions } from '../../../src/dicom/dicomJson/instanceFromDicomJson.ts';
import { parseDicom } from '../../../src/dicom/parseDicom.ts';
import { TS } from '../../../src/dicom/pixel/PixelDescription.ts';
import { readInstance } from '../../../src/dicom/readInstance.ts';
import { loadVrDictionary } from '../../../src/dicom/vrForTag.ts';
import { writePart10 } from '../../../src/dicom/write/writePart10.ts';
import { encodePhantomSlice, phantomCtSeriesInfo } from '../../../src/phantom/phantomDicom.ts';
import { groupSlices } from '../../../src/series/groupSlices.ts';
import { planVolume } from '../../../src/series/planVolume.ts';
import type { VolumePlan } from '../../../src/series/VolumePlan.ts';
import { smallTimePoint } from '../../phantom/phantomFixtures.ts';
import { HAS_SHARED, sharedData } from '../../util/shared.ts';
import { thrown } from '../../util/thrown.ts';
import { dicomJsonFromPart10, type DicomJsonFromPart10Options, type Part10Json } from '../../../src/dicom/dicomJson/dicomJsonFromPart10.ts';

type Read = { instance: InstanceInfo; slices: SliceRef[] };

interface FileAndMetadata {
  fromFile: Read;
  metadata: Part10Json;
  transferSyntaxUid: string;
}

/** readInstance of the file, and its metadata as the Voxa server builds it. */
function fileAndMetadata(bytes: Uint8Array, file: string, metadata: Partial<DicomJsonFromPart10Options> = {}): FileAndMetadata {
  const parsed = parseDicom(bytes, file);
  const part10Json = dicomJsonFromPart10(bytes, `http://voxa.test/dicom-web/instances/${encodeURIComponent(file)}`, metadata);
  return { fromFile: readInstance(parsed), metadata: part10Json, transferSyntaxUid: parsed.transferSyntaxUid };
}

type BothWays = FileAndMetadata & { fromJson: Read };

/**
 * The same data set as another archive may send it (PS3.18 F.2.3): IS and DS as strings (allowed
 * to keep their exact text), AT as eight hex digits (dcmjs, and so the Voxa server, writes a number).
 */
function asStrictDicomJson(json: DicomJsonDataSet): DicomJsonDataSet {
  const out: DicomJsonDataSet = {};
  for (const [tag, el] of Object.entries(json)) {
    const copy: DicomJsonElement = { ...el };
    if (el.Value && el.vr === 'SQ') copy.Value = el.Value.map((item) => asStrictDicomJson(item as DicomJsonDataSet));
    else if (el.Value && (el.vr === 'IS' || el.vr === 'DS')) copy.Value = el.Value.map((v) => (typeof v === 'number' ? String(v) : v));
    else if (el.Value && el.vr === 'AT') copy.Value = el.Value.map((v) => (typeof v === 'number' ? (v >>> 0).toString(16).toUpperCase().padStart(8, '0') : v));
    out[tag] = copy;
  }
  return out;
}

/** Expects both paths to agree for every file, in the Voxa server's and the strict JSON form; returns the pairs. */
function expectSameInstances(files: { name: string; bytes: Uint8Array }[], options: (b: Part10Json) => InstanceFromDicomJsonOptions = () => ({})): BothWays[] {
  return files.map(({ name, bytes }) => {
    const pair = fileAndMetadata(bytes, name);
    const extra = options(pair.metadata);
    const fromJson = instanceFromDicomJson(pair.metadata.json, { transferSyntaxUid: pair.transferSyntaxUid, file: name, ...extra });
    expect(fromJson, `${name}: Voxa server metadata`).toStrictEqual(pair.fromFile);
    const strict = instanceFromDicomJson(asStrictDicomJson(pair.metadata.json), { transferSyntaxUid: pair.transferSyntaxUid, file: name, ...extra });
    expect(strict, `${name}: IS/DS as strings, AT as hex`).toStrictEqual(pair.fromFile);
    return { ...pair, fromJson };
  });
}

function plans(slices: SliceRef[]): VolumePlan[] {
  return groupSlices(slices).groups.map(planVolume);
}

/** groupSlices + planVolume on both paths: same volumes, dimensions, grids, time axes and findings. */
function expectSamePlans(pairs: BothWays[]): VolumePlan[] {
  const fromFiles = plans(pairs.flatMap((p) => p.fromFile.slices));
  const fromJson = plans(pairs.flatMap((p) => p.fromJson.slices));
  expect(fromJson.map((p) => p.dimensions)).toEqual(fromFiles.map((p) => p.dimensions));
  expect(fromJson.map((p) => Array.from(p.indexToWorld))).toEqual(fromFiles.map((p) => Array.from(p.indexToWorld)));
  expect(fromJson.map((p) => [p.slices.length, p.timeAxis, p.tiltDeg, p.evenlySpaced])).toEqual(fromFiles.map((p) => [p.slices.length, p.timeAxis, p.tiltDeg, p.evenlySpaced]));
  expect(fromJson.map((p) => p.warnings)).toEqual(fromFiles.map((p) => p.warnings));
  return fromFiles;
}

function readShared(...parts: string[]): { name: string; bytes: Uint8Array } {
  return { name: parts.join('/'), bytes: new Uint8Array(readFileSync(sharedData(...parts))) };
}

function readSharedDir(dir: string, filter: (name: string) => boolean = (n) => n !== 'DIRFILE'): { name: string; bytes: Uint8Array }[] {
  return readdirSync(sharedData(dir)).filter(filter).sort().map((n) => readShared(dir, n));
}

beforeAll(async () => {
  // Implicit VR files are typed from the dictionary, as scanDicom does before reading them.
  await loadVrDictionary();
});

describe('instanceFromDicomJson on files Voxa writes', () => {
  it('reads phantom CT slices exactly as readInstance reads the files, and plans the same volume', () => {
    const tp = smallTimePoint(0);
    const info = phantomCtSeriesInfo(tp);
    const files = Array.from({ length: 12 }, (_, k) => ({ name: `IM${k + 1}.dcm`, bytes: encodePhantomSlice(tp, k, info) }));
    const pairs = expectSameInstances(files);
    const [plan] = expectSamePlans(pairs);
    // The phantom's 'small' grid: 128×128 pixels (PHANTOM_DEFAULTS); 12 slices were encoded.
    expect(plan.dimensions).toEqual([128, 128, 12]);
  });

  it('reads a PET series (SUV attributes in a sequence) exactly as the files, with the same plan', () => {
    const files = [0, 4, 8].map((z, k) => ({
      name: `pet${k}.dcm`,
      bytes: writePart10({
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.128', SOPInstanceUID: `2.25.8100${k}`, StudyInstanceUID: '2.25.8200', SeriesInstanceUID: '2.25.8300',
        FrameOfReferenceUID: '2.25.8400', Modality: 'PT', PatientID: 'PET', PatientName: 'Doe^Jane', PatientWeight: 70,
        SeriesDate: '20240101', SeriesTime: '120000', AcquisitionDate: '20240101', AcquisitionTime: '120000.5',
        Units: 'BQML', DecayCorrection: 'START', CorrectedImage: ['ATTN', 'DECY'],
        RadiopharmaceuticalInformationSequence: [{ RadiopharmaceuticalStartTime: '110000', RadionuclideTotalDose: 370e6, RadionuclideHalfLife: 6586.2 }],
        ImagePositionPatient: [-10, -20, z], ImageOrientationPatient: [1, 0, 0, 0, 1, 0], PixelSpacing: [4, 4], SliceThickness: 4,
        InstanceNumber: k + 1, Rows: 4, Columns: 4, SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2',
        BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 1, RescaleSlope: 2.5, RescaleIntercept: 0,
        PixelData: new Int16Array(16).fill(100 * k).buffer, _vrMap: { PixelData: 'OW' },
      }),
    }));
    const pairs = expectSameInstances(files);
    expect(pairs[0].fromJson.instance.pet).toMatchObject({ units: 'BQML', patientWeightKg: 70, radionuclideTotalDoseBq: 370e6, radionuclideHalfLifeS: 6586.2 });
    const [plan] = expectSamePlans(pairs);
    expect(plan.dimensions).toEqual([4, 4, 3]);
  });

  it('steps the frames of a multi-frame image along the normal when the Frame Increment Pointer (AT) names Slice Vector', () => {
    const nm = writePart10({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.20', SOPInstanceUID: '2.25.9100', StudyInstanceUID: '2.25.9200', SeriesInstanceUID: '2.25.9300',
      Modality: 'NM', PatientID: 'NM', ImagePositionPatient: [0, 0, 0], ImageOrientationPatient: [1, 0, 0, 0, 1, 0], PixelSpacing: [2, 2],
      SpacingBetweenSlices: 3, NumberOfFrames: 3, FrameIncrementPointer: 0x00540080, SliceVector: [1, 2, 3],
      Rows: 4, Columns: 4, SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', BitsAllocated: 16, BitsStored: 16, HighBit: 15,
      PixelRepresentation: 0, PixelData: new Uint16Array(48).buffer, _vrMap: { PixelData: 'OW' },
    });
    const [pair] = expectSameInstances([{ name: 'nm.dcm', bytes: nm }]);
    // Frame f lies f × Spacing Between Slices (3 mm) along the normal (0, 0, 1).
    expect(pair.fromJson.slices.map((s) => s.positionLps[2])).toEqual([0, 3, 6]);
    const [plan] = expectSamePlans([pair]);
    expect(plan.dimensions).toEqual([4, 4, 3]);
  });

  it('takes the transfer syntax from the options, else Explicit VR Little Endian, and names the instance by its SOP Instance UID', () => {
    const tp = smallTimePoint(0);
    const { metadata } = fileAndMetadata(encodePhantomSlice(tp, 0), 'IM1.dcm');
    const { instance } = instanceFromDicomJson(metadata.json);
    expect(instance.transferSyntaxUid).toBe(TS.ExplicitVRLittleEndian);
    expect(instance.pixel.transferSyntaxUid).toBe(TS.ExplicitVRLittleEndian);
    expect(instance.file).toBe(tp.uids.sopInstanceUid(0));
    const lossy = instanceFromDicomJson(metadata.json, { transferSyntaxUid: TS.JPEGBaseline }).instance;
    expect(lossy.pixel.transferSyntaxUid).toBe(TS.JPEGBaseline);
    expect(lossy.lossyCompressed).toBe(true);
  });
});

describe('instanceFromDicomJson on hand-written DICOM JSON', () => {
  const image: DicomJsonDataSet = {
    '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.4'] },
    '00080018': { vr: 'UI', Value: ['2.25.4242'] },
    '00080060': { vr: 'CS', Value: ['MR'] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎' }] },
    '00200013': { vr: 'IS', Value: ['7'] },
    '00200032': { vr: 'DS', Value: ['-1.5', 2, '3e1'] },
    '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
    '00280010': { vr: 'US', Value: [2] },
    '00280011': { vr: 'US', Value: [3] },
    '00280030': { vr: 'DS', Value: ['0.5', '0.75'] },
    '00280100': { vr: 'US', Value: [16] },
    '00281053': { vr: 'DS' },
  };

  it('reads PN component groups, IS/DS as strings or numbers, and takes absent values as absent', () => {
    const { instance, slices } = instanceFromDicomJson(image);
    expect(instance.patientName).toBe('Yamada^Tarou=山田^太郎');
    expect(instance.instanceNumber).toBe(7);
    expect(slices[0].positionLps).toEqual([-1.5, 2, 30]);
    expect(slices[0].pixelSpacingMm).toEqual([0.5, 0.75]);
    // Rescale Slope present without a value, Intercept absent: the defaults 1 and 0 (PS3.3 C.11.1.1.2).
    expect([slices[0].rescaleSlope, slices[0].rescaleIntercept]).toEqual([1, 0]);
    expect(instance.pixel).toMatchObject({ rows: 2, columns: 3, bitsAllocated: 16, bitsStored: 16, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2' });
  });

  it('refuses an object with neither pixel data nor Rows as VOXA_ERR_NO_PIXEL_DATA, as readInstance refuses an SR', () => {
    const sr: DicomJsonDataSet = { '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.22'] }, '00080060': { vr: 'CS', Value: ['SR'] } };
    expect(thrown(() => instanceFromDicomJson(sr)).code).toBe('VOXA_ERR_NO_PIXEL_DATA');
  });

  it('names the missing Columns or Bits Allocated with VOXA_ERR_DICOM_MISSING_TAG', () => {
    const { '00280011': _columns, ...noColumns } = image;
    expect(thrown(() => instanceFromDicomJson(noColumns))).toMatchObject({ code: 'VOXA_ERR_DICOM_MISSING_TAG', where: { tag: '(0028,0011) Columns', file: '2.25.4242' } });
    const { '00280100': _bits, ...noBits } = image;
    expect(thrown(() => instanceFromDicomJson(noBits))).toMatchObject({ code: 'VOXA_ERR_DICOM_MISSING_TAG', where: { tag: '(0028,0100)' } });
  });
});

describe.runIf(HAS_SHARED)('instanceFromDicomJson on real data (../shared/data)', () => {
  it('classic CT with gantry tilt (dcm_qa_ct GE): same slices, same tilted grid and findings', () => {
    const pairs = expectSameInstances(readSharedDir('dcm_qa_ct/In/GE'));
    const [plan] = expectSamePlans(pairs);
    // MANIFEST §1: 28 slices of 512×512, GantryDetectorTilt +18.5°.
    expect(plan.dimensions).toEqual([512, 512, 28]);
    expect(plan.tiltDeg).toBeCloseTo(18.5, 1);
  });

  it('classic CT without extension or tilt (dcm_qa_ct Philips): same slices and grid', () => {
    const [plan] = expectSamePlans(expectSameInstances(readSharedDir('dcm_qa_ct/In/Philips/S21570/S2010')));
    expect(plan.dimensions).toEqual([512, 512, 28]);
  });

  it('Implicit VR Little Endian CT (dcmqi ct-3slice): same slices and grid', () => {
    const [plan] = expectSamePlans(expectSameInstances(readSharedDir('dcmqi/data/segmentations/ct-3slice')));
    expect(plan.dimensions).toEqual([512, 512, 3]);
  });

  it('enhanced MR (dcm_qa_enh XA10): per-frame functional groups give the same frames and the same 4D plan', () => {
    const pairs = expectSameInstances(readSharedDir('dcm_qa_enh/In/Siemens/XA10'));
    expect(pairs[0].fromJson.instance.enhanced).toBe(true);
    const [plan] = expectSamePlans(pairs);
    // MANIFEST §7: 64×64, 6 frames per file, 4 volumes.
    expect(plan.dimensions).toEqual([64, 64, 6]);
    expect(plan.slices).toHaveLength(4);
  });

  it('enhanced CT and MR in several transfer syntaxes (pydicom-data): same frames and plans', () => {
    for (const name of ['eCT_Supplemental.dcm', 'emri_small.dcm', 'emri_small_big_endian.dcm', 'emri_small_RLE.dcm']) {
      expectSamePlans(expectSameInstances([readShared('pydicom-data/data_store/data', name)]));
    }
  });

  it('Siemens mosaic: the CSA header is bulk data, and with its bytes supplied the tiles are the same as from the file', () => {
    for (const n of [1, 2, 3]) {
      const { name, bytes } = readShared('dcm_qa_ts/In', `${n}.dcm`);
      const { metadata, transferSyntaxUid } = fileAndMetadata(bytes, name);
      // The CSA image header (0029,1010) is ~11 kB: over the server's 1024-byte InlineBinary threshold.
      const e = thrown(() => instanceFromDicomJson(metadata.json, { transferSyntaxUid }));
      expect(e).toMatchObject({ code: 'VOXA_ERR_DICOM_MISSING_TAG', where: { tag: '(0029,1010)', uid: expect.stringMatching(/^[\d.]+$/), bulkDataUri: expect.stringContaining('/bulkdata/00291010') } });
    }
    const files = [1, 2, 3].map((n) => readShared('dcm_qa_ts/In', `${n}.dcm`));
    const pairs = expectSameInstances(files, (m) => ({ bulkData: (uri) => m.bulkData.get(uri) }));
    // MANIFEST §2: 6×6 tiles of 64×64, 35 slices.
    expect(pairs[0].fromJson.instance.mosaic).toEqual({ tiles: 35, tileRows: 64, tileColumns: 64, tilesPerRow: 6 });
    expect(pairs[0].fromJson.slices).toHaveLength(35);
  });

  it('Siemens mosaic series (dcm_qa axasc35, two volumes): the same 4D plan with the CSA headers supplied', () => {
    const files = readSharedDir('dcm_qa/In/Orientation/ax/axasc35', () => true);
    const [plan] = expectSamePlans(expectSameInstances(files, (m) => ({ bulkData: (uri) => m.bulkData.get(uri) })));
    expect(plan.dimensions).toEqual([64, 64, 35]);
    expect(plan.slices).toHaveLength(2);
  });

  it('classic multi-frame with a Frame Increment Pointer (rtdose, cine US in JPEG): the same frames', () => {
    expectSameInstances([
      readShared('pydicom/src/pydicom/data/test_files', 'rtdose.dcm'),
      readShared('pydicom/src/pydicom/data/test_files', 'examples_ybr_color.dcm'),
    ]);
  });

  it('PALETTE COLOR: reads an inline palette; fails naming the SOP Instance UID and tag when the LUT data is bulk', () => {
    const file = readShared('pydicom/src/pydicom/data/test_files', 'examples_palette.dcm');
    // 256 entries × 16 bits = 512 bytes per table: InlineBinary at the server's 1024-byte threshold.
    const [inline] = expectSameInstances([file]);
    expect(inline.fromJson.instance.pixel.palette?.entries).toBe(256);
    const bulk = fileAndMetadata(file.bytes, file.name, { bulkDataThresholdBytes: 256 }).metadata;
    const sop = bulk.json['00080018'].Value?.[0];
    const e = thrown(() => instanceFromDicomJson(bulk.json, { transferSyntaxUid: TS.ExplicitVRLittleEndian }));
    expect(e).toMatchObject({ code: 'VOXA_ERR_DICOM_MISSING_TAG', where: { uid: sop, tag: '(0028,1201)' } });
    expect(e.message).toContain(String(sop));
    const supplied = instanceFromDicomJson(bulk.json, { transferSyntaxUid: TS.ExplicitVRLittleEndian, file: file.name, bulkData: (uri) => bulk.bulkData.get(uri) });
    expect(supplied).toStrictEqual(inline.fromFile);
  });

  it('Float Pixel Data needs its element in the metadata: as a BulkDataURI it is found; left out (Voxa server) it is taken for integer Pixel Data', () => {
    const { name, bytes } = readShared('pydicom-data/data_store/data', 'parametric_map_float.dcm');
    const conformant = fileAndMetadata(bytes, name, { keepPixelData: true });
    const fromConformant = instanceFromDicomJson(conformant.metadata.json, { transferSyntaxUid: conformant.transferSyntaxUid, file: name });
    expect(fromConformant).toStrictEqual(conformant.fromFile);
    expect(fromConformant.instance.pixel.floatPixelData).toBe(true);
    const voxa = fileAndMetadata(bytes, name);
    expect(instanceFromDicomJson(voxa.metadata.json, { transferSyntaxUid: voxa.transferSyntaxUid }).instance.pixel.floatPixelData).toBeUndefined();
  });
});
