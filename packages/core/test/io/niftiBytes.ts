/**
 * Hand-made NIfTI-1 files for tests, written field by field at the nifti1.h offsets so that the
 * reader is checked against the standard rather than against Voxa's own writer.
 */
export interface Nifti1Fields {
  littleEndian?: boolean;
  dims: number[];
  datatype: number;
  bitpix: number;
  pixdim?: number[];
  sclSlope?: number;
  sclInter?: number;
  xyztUnits?: number;
  qformCode?: number;
  sformCode?: number;
  quatern?: [number, number, number];
  qoffset?: [number, number, number];
  srow?: number[];
  intentCode?: number;
  magic?: 'n+1' | 'ni1';
  /** Raw image bytes, already in the file's byte order. */
  data: Uint8Array;
}

export function nifti1Bytes(f: Nifti1Fields): Uint8Array {
  const le = f.littleEndian ?? true;
  const single = (f.magic ?? 'n+1') === 'n+1';
  const offset = single ? 352 : 0;
  const header = new Uint8Array(352);
  const dv = new DataView(header.buffer);
  dv.setInt32(0, 348, le);
  dv.setInt16(40, f.dims.length, le);
  f.dims.forEach((d, n) => dv.setInt16(42 + 2 * n, d, le));
  for (let n = f.dims.length; n < 7; n++) dv.setInt16(42 + 2 * n, 1, le);
  dv.setInt16(68, f.intentCode ?? 0, le);
  dv.setInt16(70, f.datatype, le);
  dv.setInt16(72, f.bitpix, le);
  (f.pixdim ?? [1, 1, 1, 1, 1, 1, 1, 1]).forEach((p, n) => dv.setFloat32(76 + 4 * n, p, le));
  dv.setFloat32(108, offset, le);
  dv.setFloat32(112, f.sclSlope ?? 0, le);
  dv.setFloat32(116, f.sclInter ?? 0, le);
  header[123] = f.xyztUnits ?? 2;
  dv.setInt16(252, f.qformCode ?? 0, le);
  dv.setInt16(254, f.sformCode ?? 0, le);
  [...(f.quatern ?? [0, 0, 0]), ...(f.qoffset ?? [0, 0, 0])].forEach((q, n) => dv.setFloat32(256 + 4 * n, q, le));
  (f.srow ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]).forEach((s, n) => dv.setFloat32(280 + 4 * n, s, le));
  header.set([...(f.magic ?? 'n+1')].map((c) => c.charCodeAt(0)), 344);
  if (!single) return header.subarray(0, 348);
  const out = new Uint8Array(352 + f.data.length);
  out.set(header);
  out.set(f.data, 352);
  return out;
}

/** Typed values as bytes in the requested byte order. */
export function valueBytes(kind: 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64' | 'uint8' | 'int8' | 'int64', values: number[], littleEndian = true): Uint8Array {
  const size = { uint8: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4, float64: 8, int64: 8 }[kind];
  const out = new Uint8Array(values.length * size);
  const dv = new DataView(out.buffer);
  values.forEach((v, n) => {
    const at = n * size;
    switch (kind) {
      case 'uint8': dv.setUint8(at, v); break;
      case 'int8': dv.setInt8(at, v); break;
      case 'int16': dv.setInt16(at, v, littleEndian); break;
      case 'uint16': dv.setUint16(at, v, littleEndian); break;
      case 'int32': dv.setInt32(at, v, littleEndian); break;
      case 'uint32': dv.setUint32(at, v, littleEndian); break;
      case 'float32': dv.setFloat32(at, v, littleEndian); break;
      case 'float64': dv.setFloat64(at, v, littleEndian); break;
      case 'int64': dv.setBigInt64(at, BigInt(v), littleEndian); break;
    }
  });
  return out;
}
