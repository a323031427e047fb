import { LPS_SPACE_TAG } from './exportFrame.ts';
import { checkMeshSegments, type MeshSegment } from './MeshSegment.ts';
import { shortestFloat32 as num } from './shortestFloat32.ts';

/** Options of `writeObj`. */
export interface WriteObjOptions {
  /** File name of the material library as the OBJ refers to it (`mtllib`); none when absent. */
  mtlFileName?: string;
}

/** What `writeObj` returns: the OBJ text and the MTL text its `usemtl` lines name. */
export interface ObjFiles {
  obj: string;
  mtl: string;
}

/**
 * Segments as one Wavefront OBJ: per segment an object (`o`) with its vertices, vertex normals
 * when the mesh has them, and faces (1-based, numbered across the file) using a material named
 * after it; the MTL gives each material its colour (`Kd`, 0–1) and opacity (`d`). Patient LPS mm;
 * the first comment carries 3D Slicer's `SPACE=LPS` tag (see `exportFrame.ts`). Numbers are
 * the shortest decimals that read back as the same float32 (`shortestFloat32`).
 */
export function writeObj(segments: readonly MeshSegment[], options: WriteObjOptions = {}): ObjFiles {
  checkMeshSegments(segments, 'writeObj');
  const materials = uniqueNames(segments.map((s) => s.name));
  const obj: string[] = [`# Voxa OBJ ${LPS_SPACE_TAG} units=mm`];
  if (options.mtlFileName) obj.push(`mtllib ${options.mtlFileName}`);
  const mtl: string[] = ['# Voxa materials (Kd: display colour, d: opacity)'];
  let base = 1;
  segments.forEach((s, n) => {
    const { positions: p, indices, normals } = s.mesh;
    obj.push(`o ${oneLine(s.name) || materials[n]}`);
    for (let v = 0; v < p.length; v += 3) obj.push(`v ${num(p[v])} ${num(p[v + 1])} ${num(p[v + 2])}`);
    if (normals) for (let v = 0; v < normals.length; v += 3) obj.push(`vn ${num(normals[v])} ${num(normals[v + 1])} ${num(normals[v + 2])}`);
    obj.push(`usemtl ${materials[n]}`);
    for (let t = 0; t < indices.length; t += 3) {
      const a = indices[t] + base, b = indices[t + 1] + base, c = indices[t + 2] + base;
      obj.push(normals ? `f ${a}//${a} ${b}//${b} ${c}//${c}` : `f ${a} ${b} ${c}`);
    }
    base += p.length / 3;
    const [r, g, b] = s.color;
    mtl.push('', `newmtl ${materials[n]}`, `Kd ${unit(r)} ${unit(g)} ${unit(b)}`, 'Ka 0 0 0', 'Ks 0.1 0.1 0.1', 'Ns 10', `d ${num(s.opacity ?? 1)}`, 'illum 2');
  });
  return { obj: `${obj.join('\n')}\n`, mtl: `${mtl.join('\n')}\n` };
}

/** A 0–255 channel as 0–1 with 4 decimals (finer than 1/255). */
function unit(c: number): string {
  return String(Number((c / 255).toFixed(4)));
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

/** Material names without spaces (MTL names are one token), made unique with a numeric suffix. */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name, n) => {
    const base = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '') || `segment${n + 1}`;
    let unique = base;
    for (let k = 2; seen.has(unique); k++) unique = `${base}_${k}`;
    seen.add(unique);
    return unique;
  });
}
