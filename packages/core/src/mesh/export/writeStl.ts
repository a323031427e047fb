import { checkMesh, type Mesh } from '../Mesh.ts';
import { LPS_SPACE_TAG } from './exportFrame.ts';

/** Options of `writeStl`. */
export interface WriteStlOptions {
  /** Put in the 80-byte header (ASCII; other characters become '?'; cut to fit). */
  name?: string;
}

/** Bytes of the binary STL header, and of one facet record. */
export const STL_HEADER_BYTES = 80;
export const STL_FACET_BYTES = 50;

/**
 * A mesh as binary STL: an 80-byte header, the facet count (uint32), then per triangle its unit
 * normal, its three vertices (float32, little-endian) and a zero attribute word. The normal is the
 * right-hand one of the winding (outward), computed per facet in double precision; a degenerate
 * facet gets (0, 0, 0), which readers take as "compute it yourself". Coordinates stay patient LPS
 * mm and the header says so with 3D Slicer's `SPACE=LPS` tag (see `exportFrame.ts`). Binary STL
 * holds one solid: write one file per segment. The header never starts with "solid", which some
 * readers take for ASCII STL.
 */
export function writeStl(mesh: Mesh, options: WriteStlOptions = {}): Uint8Array {
  checkMesh(mesh, 'writeStl');
  const { positions: p, indices } = mesh;
  const facets = indices.length / 3;
  const bytes = new Uint8Array(STL_HEADER_BYTES + 4 + STL_FACET_BYTES * facets);
  bytes.set(stlHeader(options.name ?? ''));
  const view = new DataView(bytes.buffer);
  view.setUint32(STL_HEADER_BYTES, facets, true);
  let at = STL_HEADER_BYTES + 4;
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t], b = 3 * indices[t + 1], c = 3 * indices[t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    let nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz);
    if (len > 0) { nx /= len; ny /= len; nz /= len; } else { nx = ny = nz = 0; }
    view.setFloat32(at, nx, true); view.setFloat32(at + 4, ny, true); view.setFloat32(at + 8, nz, true);
    writeVertex(view, at + 12, p, a);
    writeVertex(view, at + 24, p, b);
    writeVertex(view, at + 36, p, c);
    at += STL_FACET_BYTES; // the last 2 bytes, the attribute byte count, stay 0
  }
  return bytes;
}

function writeVertex(view: DataView, at: number, p: Float32Array, v: number): void {
  view.setFloat32(at, p[v], true);
  view.setFloat32(at + 4, p[v + 1], true);
  view.setFloat32(at + 8, p[v + 2], true);
}

function stlHeader(name: string): Uint8Array {
  const tail = ` ${LPS_SPACE_TAG} units=mm`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '?');
  const room = STL_HEADER_BYTES - 'Voxa '.length - tail.length;
  const text = `Voxa ${ascii.slice(0, room)}${tail}`;
  const header = new Uint8Array(STL_HEADER_BYTES).fill(0x20);
  for (let i = 0; i < text.length; i++) header[i] = text.charCodeAt(i);
  return header;
}
