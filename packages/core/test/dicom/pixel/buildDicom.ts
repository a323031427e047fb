import dicomParser, { type DataSet } from 'dicom-parser';

/** One data element to write: tag as 'GGGGEEEE' (hex), VR, value bytes (or numbers for US/UL). */
export interface ElementSpec {
  tag: string;
  vr: string;
  value: Uint8Array | string | number[];
}

const LONG_VRS = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'SQ', 'UN', 'UT', 'UC', 'UR']);

/**
 * Builds and parses a small Part 10 file in Explicit VR (little endian, or big endian when the
 * transfer syntax says so) for unit tests. `fragments` makes Pixel Data encapsulated (PS3.5 A.4):
 * an offset table item (`basicOffsetTable`) then one item per fragment.
 */
export function buildDicom(
  transferSyntaxUid: string,
  elements: ElementSpec[],
  encapsulated?: { basicOffsetTable?: number[]; fragments: Uint8Array[] },
): DataSet {
  const bigEndian = transferSyntaxUid === '1.2.840.10008.1.2.2';
  const body: number[] = [];
  for (const e of [...elements].sort((a, b) => a.tag.localeCompare(b.tag))) writeElement(body, e, bigEndian);
  if (encapsulated) {
    const out: number[] = [];
    pushTag(out, '7FE00010', false);
    out.push(0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff);
    const bot = encapsulated.basicOffsetTable ?? [];
    pushTag(out, 'FFFEE000', false);
    pushU32(out, bot.length * 4, false);
    for (const o of bot) pushU32(out, o, false);
    for (const f of encapsulated.fragments) {
      pushTag(out, 'FFFEE000', false);
      pushU32(out, f.length, false);
      out.push(...f);
    }
    pushTag(out, 'FFFEE0DD', false);
    pushU32(out, 0, false);
    body.push(...out);
  }
  const meta: number[] = [];
  writeElement(meta, { tag: '00020010', vr: 'UI', value: transferSyntaxUid }, false);
  const group: number[] = [];
  writeElement(group, { tag: '00020000', vr: 'UL', value: [meta.length] }, false);
  const bytes = new Uint8Array([...new Array(128).fill(0), 0x44, 0x49, 0x43, 0x4d, ...group, ...meta, ...body]);
  return dicomParser.parseDicom(bytes);
}

function writeElement(out: number[], e: ElementSpec, bigEndian: boolean): void {
  let value: number[];
  if (typeof e.value === 'string') {
    value = [...e.value].map((c) => c.charCodeAt(0));
    if (value.length % 2) value.push(e.vr === 'UI' ? 0 : 0x20);
  } else if (e.value instanceof Uint8Array) {
    value = [...e.value];
    if (value.length % 2) value.push(0);
  } else {
    value = [];
    for (const n of e.value) {
      if (e.vr === 'UL') pushU32(value, n, bigEndian);
      else pushU16(value, n & 0xffff, bigEndian);
    }
  }
  pushTag(out, e.tag, bigEndian);
  out.push(e.vr.charCodeAt(0), e.vr.charCodeAt(1));
  if (LONG_VRS.has(e.vr)) {
    out.push(0, 0);
    pushU32(out, value.length, bigEndian);
  } else {
    pushU16(out, value.length, bigEndian);
  }
  out.push(...value);
}

function pushTag(out: number[], tag: string, bigEndian: boolean): void {
  pushU16(out, Number.parseInt(tag.slice(0, 4), 16), bigEndian);
  pushU16(out, Number.parseInt(tag.slice(4), 16), bigEndian);
}

function pushU16(out: number[], v: number, bigEndian: boolean): void {
  if (bigEndian) out.push((v >> 8) & 0xff, v & 0xff);
  else out.push(v & 0xff, (v >> 8) & 0xff);
}

function pushU32(out: number[], v: number, bigEndian: boolean): void {
  const bytes = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  out.push(...(bigEndian ? bytes.reverse() : bytes));
}

/** The Image Pixel Module elements of a frame geometry, as US values. */
export function imagePixelModule(p: {
  rows: number;
  columns: number;
  bitsAllocated: number;
  samplesPerPixel?: number;
  bitsStored?: number;
  highBit?: number;
  pixelRepresentation?: number;
  photometric?: string;
  frames?: number;
  planarConfiguration?: number;
}): ElementSpec[] {
  const specs: ElementSpec[] = [
    { tag: '00280002', vr: 'US', value: [p.samplesPerPixel ?? 1] },
    { tag: '00280004', vr: 'CS', value: p.photometric ?? 'MONOCHROME2' },
    { tag: '00280010', vr: 'US', value: [p.rows] },
    { tag: '00280011', vr: 'US', value: [p.columns] },
    { tag: '00280100', vr: 'US', value: [p.bitsAllocated] },
    { tag: '00280101', vr: 'US', value: [p.bitsStored ?? p.bitsAllocated] },
    { tag: '00280102', vr: 'US', value: [p.highBit ?? (p.bitsStored ?? p.bitsAllocated) - 1] },
    { tag: '00280103', vr: 'US', value: [p.pixelRepresentation ?? 0] },
  ];
  if (p.frames !== undefined) specs.push({ tag: '00280008', vr: 'IS', value: String(p.frames) });
  if (p.planarConfiguration !== undefined) specs.push({ tag: '00280006', vr: 'US', value: [p.planarConfiguration] });
  return specs;
}
