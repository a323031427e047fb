import { computeNormals } from '../computeNormals.ts';
import { checkMesh, type Mesh } from '../Mesh.ts';
import { LPS_SPACE_TAG } from './exportFrame.ts';
import { checkRgb255, type Rgb255 } from './MeshSegment.ts';

/** Options of `writePly`. */
export interface WritePlyOptions {
  /** Colour of every vertex (default mid grey). */
  color?: Rgb255;
  /** Put in a header comment (one line). */
  name?: string;
}

/** Bytes per vertex record (x y z, nx ny nz as float32; red green blue as uchar) and per face record. */
export const PLY_VERTEX_BYTES = 27;
export const PLY_FACE_BYTES = 13;

/**
 * A mesh as binary little-endian PLY 1.0: per vertex its position, unit normal (the mesh's, or
 * computed with `computeNormals` when it has none) and colour; per face a count byte (3) and
 * three uint32 indices, wound counter-clockwise from outside. Patient LPS mm; a header comment
 * carries 3D Slicer's `SPACE=LPS` tag (see `exportFrame.ts`).
 */
export function writePly(mesh: Mesh, options: WritePlyOptions = {}): Uint8Array {
  checkMesh(mesh, 'writePly');
  const color = options.color ?? [128, 128, 128];
  checkRgb255(color, 'writePly', options.name);
  const { positions: p, indices } = mesh;
  const normals = mesh.normals ?? computeNormals(mesh).normals!;
  const vertices = p.length / 3, faces = indices.length / 3;
  const name = (options.name ?? '').replace(/[^\x20-\x7e]+/g, '?').trim();
  const header = [
    'ply',
    'format binary_little_endian 1.0',
    `comment Voxa ${LPS_SPACE_TAG} units=mm`,
    ...(name ? [`comment name ${name}`] : []),
    `element vertex ${vertices}`,
    'property float x', 'property float y', 'property float z',
    'property float nx', 'property float ny', 'property float nz',
    'property uchar red', 'property uchar green', 'property uchar blue',
    `element face ${faces}`,
    'property list uchar uint vertex_indices',
    'end_header',
    '',
  ].join('\n');
  const head = new TextEncoder().encode(header);
  const bytes = new Uint8Array(head.length + PLY_VERTEX_BYTES * vertices + PLY_FACE_BYTES * faces);
  bytes.set(head);
  const view = new DataView(bytes.buffer);
  let at = head.length;
  for (let v = 0; v < p.length; v += 3) {
    view.setFloat32(at, p[v], true); view.setFloat32(at + 4, p[v + 1], true); view.setFloat32(at + 8, p[v + 2], true);
    view.setFloat32(at + 12, normals[v], true); view.setFloat32(at + 16, normals[v + 1], true); view.setFloat32(at + 20, normals[v + 2], true);
    bytes[at + 24] = color[0]; bytes[at + 25] = color[1]; bytes[at + 26] = color[2];
    at += PLY_VERTEX_BYTES;
  }
  for (let t = 0; t < indices.length; t += 3) {
    bytes[at] = 3;
    view.setUint32(at + 1, indices[t], true); view.setUint32(at + 5, indices[t + 1], true); view.setUint32(at + 9, indices[t + 2], true);
    at += PLY_FACE_BYTES;
  }
  return bytes;
}
