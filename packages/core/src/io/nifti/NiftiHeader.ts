import { VoxaError } from '../../errors/VoxaError.ts';

/**
 * The fields of a NIfTI-1 (348-byte), NIfTI-2 (540-byte) or Analyze 7.5 header that Voxa uses,
 * widened to numbers. Layouts: nifti1.h / nifti2.h (NIfTI DFWG).
 */
export interface NiftiHeader {
  /** 1, 2, or 0 for an Analyze 7.5 header (no NIfTI magic: no qform/sform, no scaling). */
  version: 0 | 1 | 2;
  littleEndian: boolean;
  /** `n+1`/`n+2` (header and image in one file) vs `ni1`/`ni2` (a .hdr/.img pair). */
  singleFile: boolean;
  headerSize: 348 | 540;
  /** dim[0..7]: dim[0] is the number of dimensions used. */
  dim: number[];
  datatype: number;
  bitpix: number;
  /** pixdim[0..7]: pixdim[0] is qfac (±1), pixdim[1..3] voxel size, pixdim[4] time step. */
  pixdim: number[];
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  calMin: number;
  calMax: number;
  toffset: number;
  /** Spatial units in bits 0–2, temporal in bits 3–5. */
  xyztUnits: number;
  intentCode: number;
  intentName: string;
  descrip: string;
  qformCode: number;
  sformCode: number;
  /** quatern_b, quatern_c, quatern_d. */
  quatern: [number, number, number];
  /** qoffset_x, qoffset_y, qoffset_z (RAS mm). */
  qoffset: [number, number, number];
  /** srow_x, srow_y, srow_z, row-major 3×4 (RAS mm). */
  srow: number[];
}

const N1_MAGIC_SINGLE = 'n+1';
const N1_MAGIC_PAIR = 'ni1';

function ascii(bytes: Uint8Array, at: number, len: number): string {
  let s = '';
  for (let n = at; n < at + len && n < bytes.length && bytes[n] !== 0; n++) s += String.fromCharCode(bytes[n]);
  return s;
}

/** Which header this is (size field read in both byte orders), or undefined when it is not NIfTI/Analyze. */
export function sniffNiftiHeader(bytes: Uint8Array): { version: 0 | 1 | 2; littleEndian: boolean } | undefined {
  if (bytes.length < 348) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const le of [true, false]) {
    const size = dv.getInt32(0, le);
    if (size === 540 && bytes.length >= 540) {
      const magic = ascii(bytes, 4, 3);
      if (magic === 'n+2' || magic === 'ni2') return { version: 2, littleEndian: le };
    }
    if (size === 348) {
      const magic = ascii(bytes, 344, 3);
      if (magic === N1_MAGIC_SINGLE || magic === N1_MAGIC_PAIR) return { version: 1, littleEndian: le };
      // Analyze 7.5: no magic; demand a sane dim[0] so random bytes are not taken for a header.
      const d0 = dv.getInt16(40, le);
      if (d0 >= 1 && d0 <= 7) return { version: 0, littleEndian: le };
    }
  }
  return undefined;
}

/** Parse a NIfTI-1/NIfTI-2/Analyze header; throws VOXA_ERR_NIFTI_INVALID naming `file`. */
export function parseNiftiHeader(bytes: Uint8Array, file?: string): NiftiHeader {
  const sniff = sniffNiftiHeader(bytes);
  if (!sniff) {
    throw new VoxaError('VOXA_ERR_NIFTI_INVALID', { file },
      `expected a 348-byte NIfTI-1 or 540-byte NIfTI-2 header (sizeof_hdr 348/540 and magic n+1/ni1/n+2/ni2), got ${bytes.length} bytes`);
  }
  const le = sniff.littleEndian;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = sniff.version === 2 ? parseV2(dv, bytes, le) : parseV1(dv, bytes, le, sniff.version);
  const d0 = h.dim[0];
  if (!(d0 >= 1 && d0 <= 7)) throw new VoxaError('VOXA_ERR_NIFTI_INVALID', { file }, `dim[0] is ${d0}, expected 1 to 7`);
  for (let n = 1; n <= d0; n++) {
    if (!(h.dim[n] >= 1) || !Number.isSafeInteger(h.dim[n])) {
      throw new VoxaError('VOXA_ERR_NIFTI_INVALID', { file }, `dim[${n}] is ${h.dim[n]}, expected a positive size`);
    }
  }
  return h;
}

function parseV1(dv: DataView, bytes: Uint8Array, le: boolean, version: 0 | 1): NiftiHeader {
  const f32 = (at: number) => dv.getFloat32(at, le);
  const i16 = (at: number) => dv.getInt16(at, le);
  const isNifti = version === 1;
  return {
    version,
    littleEndian: le,
    singleFile: isNifti && ascii(bytes, 344, 3) === N1_MAGIC_SINGLE,
    headerSize: 348,
    dim: Array.from({ length: 8 }, (_, n) => i16(40 + 2 * n)),
    intentCode: isNifti ? i16(68) : 0,
    datatype: i16(70),
    bitpix: i16(72),
    pixdim: Array.from({ length: 8 }, (_, n) => f32(76 + 4 * n)),
    voxOffset: f32(108),
    sclSlope: isNifti ? f32(112) : 0,
    sclInter: isNifti ? f32(116) : 0,
    xyztUnits: isNifti ? bytes[123] : 0,
    calMax: f32(124),
    calMin: f32(128),
    toffset: isNifti ? f32(136) : 0,
    descrip: ascii(bytes, 148, 80),
    qformCode: isNifti ? i16(252) : 0,
    sformCode: isNifti ? i16(254) : 0,
    quatern: [f32(256), f32(260), f32(264)],
    qoffset: [f32(268), f32(272), f32(276)],
    srow: Array.from({ length: 12 }, (_, n) => f32(280 + 4 * n)),
    intentName: isNifti ? ascii(bytes, 328, 16) : '',
  };
}

function parseV2(dv: DataView, bytes: Uint8Array, le: boolean): NiftiHeader {
  const f64 = (at: number) => dv.getFloat64(at, le);
  const i64 = (at: number) => Number(dv.getBigInt64(at, le));
  const i32 = (at: number) => dv.getInt32(at, le);
  return {
    version: 2,
    littleEndian: le,
    singleFile: ascii(bytes, 4, 3) === 'n+2',
    headerSize: 540,
    datatype: dv.getInt16(12, le),
    bitpix: dv.getInt16(14, le),
    dim: Array.from({ length: 8 }, (_, n) => i64(16 + 8 * n)),
    pixdim: Array.from({ length: 8 }, (_, n) => f64(104 + 8 * n)),
    voxOffset: i64(168),
    sclSlope: f64(176),
    sclInter: f64(184),
    calMax: f64(192),
    calMin: f64(200),
    toffset: f64(216),
    descrip: ascii(bytes, 240, 80),
    qformCode: i32(344),
    sformCode: i32(348),
    quatern: [f64(352), f64(360), f64(368)],
    qoffset: [f64(376), f64(384), f64(392)],
    srow: Array.from({ length: 12 }, (_, n) => f64(400 + 8 * n)),
    xyztUnits: i32(500),
    intentCode: i32(504),
    intentName: ascii(bytes, 508, 16),
  };
}

function writeAscii(bytes: Uint8Array, at: number, len: number, s: string): void {
  for (let n = 0; n < len - 1 && n < s.length; n++) bytes[at + n] = s.charCodeAt(n) & 0x7f;
}

/**
 * Encode a header little-endian into `headerSize + 4` bytes (the 4 extension bytes are zero:
 * no extensions). `singleFile` picks the magic; `voxOffset` should be 352 (v1) or 544 (v2).
 */
export function encodeNiftiHeader(h: NiftiHeader): Uint8Array {
  const bytes = new Uint8Array(h.headerSize + 4);
  const dv = new DataView(bytes.buffer);
  if (h.version === 2) {
    dv.setInt32(0, 540, true);
    writeAscii(bytes, 4, 8, h.singleFile ? 'n+2' : 'ni2');
    bytes.set([0x0d, 0x0a, 0x1a, 0x0a], 8);
    dv.setInt16(12, h.datatype, true);
    dv.setInt16(14, h.bitpix, true);
    h.dim.forEach((d, n) => dv.setBigInt64(16 + 8 * n, BigInt(d), true));
    h.pixdim.forEach((p, n) => dv.setFloat64(104 + 8 * n, p, true));
    dv.setBigInt64(168, BigInt(h.voxOffset), true);
    dv.setFloat64(176, h.sclSlope, true);
    dv.setFloat64(184, h.sclInter, true);
    dv.setFloat64(192, h.calMax, true);
    dv.setFloat64(200, h.calMin, true);
    dv.setFloat64(216, h.toffset, true);
    writeAscii(bytes, 240, 80, h.descrip);
    dv.setInt32(344, h.qformCode, true);
    dv.setInt32(348, h.sformCode, true);
    [...h.quatern, ...h.qoffset].forEach((q, n) => dv.setFloat64(352 + 8 * n, q, true));
    h.srow.forEach((s, n) => dv.setFloat64(400 + 8 * n, s, true));
    dv.setInt32(500, h.xyztUnits, true);
    dv.setInt32(504, h.intentCode, true);
    writeAscii(bytes, 508, 16, h.intentName);
    return bytes;
  }
  dv.setInt32(0, 348, true);
  bytes[38] = 'r'.charCodeAt(0); // "regular", as Analyze readers expect
  h.dim.forEach((d, n) => dv.setInt16(40 + 2 * n, d, true));
  dv.setInt16(68, h.intentCode, true);
  dv.setInt16(70, h.datatype, true);
  dv.setInt16(72, h.bitpix, true);
  h.pixdim.forEach((p, n) => dv.setFloat32(76 + 4 * n, p, true));
  dv.setFloat32(108, h.voxOffset, true);
  dv.setFloat32(112, h.sclSlope, true);
  dv.setFloat32(116, h.sclInter, true);
  bytes[123] = h.xyztUnits;
  dv.setFloat32(124, h.calMax, true);
  dv.setFloat32(128, h.calMin, true);
  dv.setFloat32(136, h.toffset, true);
  writeAscii(bytes, 148, 80, h.descrip);
  dv.setInt16(252, h.qformCode, true);
  dv.setInt16(254, h.sformCode, true);
  [...h.quatern, ...h.qoffset].forEach((q, n) => dv.setFloat32(256 + 4 * n, q, true));
  h.srow.forEach((s, n) => dv.setFloat32(280 + 4 * n, s, true));
  writeAscii(bytes, 328, 16, h.intentName);
  writeAscii(bytes, 344, 4, h.singleFile ? N1_MAGIC_SINGLE : N1_MAGIC_PAIR);
  return bytes;
}
