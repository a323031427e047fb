import { VoxaError } from '../../errors/VoxaError.ts';
import { type Mat4, mat4Identity } from '../../math/Mat4.ts';
import { type Dims3, type Vec3, cross, length } from '../../math/Vec3.ts';
import type { IngestWarning } from '../../volume/IngestWarning.ts';
import { missingGeometryWarning, shearWarning } from '../buildVolumes.ts';
import type { NrrdHeader } from './NrrdHeader.ts';

/** How a NRRD's axes map onto Voxa volumes. */
export interface NrrdLayout {
  dimensions: Dims3;
  /** Size of a leading non-spatial axis (1 when there is none): 3 becomes RGB components, others a series. */
  leading: number;
  /** Size of a trailing non-spatial axis (time, list): one volume each. */
  trailing: number;
  /** The kind of the non-spatial axis that makes the series ('time', 'list', …). */
  seriesAxis: string;
  /** Voxel → LPS mm. */
  indexToWorld: Mat4;
  space: string;
  warnings: IngestWarning[];
}

/** x and y signs that take each anatomical NRRD space to LPS. */
const SPACE_TO_LPS: Record<string, [number, number]> = {
  'left-posterior-superior': [1, 1], lps: [1, 1],
  'right-anterior-superior': [-1, -1], ras: [-1, -1],
  'left-anterior-superior': [1, -1], las: [1, -1],
  'left-posterior-superior-time': [1, 1], 'right-anterior-superior-time': [-1, -1], 'left-anterior-superior-time': [1, -1],
};

const SPATIAL_KINDS = new Set(['domain', 'space']);

const UNIT_MM: Record<string, number> = { mm: 1, m: 1000, cm: 10, um: 1e-3, 'µm': 1e-3, micron: 1e-3 };

/** Work out spatial axes, components, series and the LPS matrix of a NRRD header. */
export function nrrdLayout(h: NrrdHeader, file: string | undefined): NrrdLayout {
  const bad = (detail: string): never => {
    throw new VoxaError('VOXA_ERR_NRRD_INVALID', { file }, detail);
  };
  const n = h.dimension;
  let spatial: number[];
  if (h.spaceDirections) spatial = h.spaceDirections.flatMap((d, a) => (d ? [a] : []));
  else if (h.kinds) spatial = h.kinds.flatMap((k, a) => (SPATIAL_KINDS.has(k.toLowerCase()) ? [a] : []));
  else spatial = [...Array(n).keys()];
  // Without directions, four "domain" axes (or four unlabelled ones) are x, y, z and a series.
  if (!h.spaceDirections && spatial.length > 3) spatial = spatial.slice(0, 3);
  if (spatial.length === 0 || spatial.length > 3) bad(`${spatial.length} spatial axes found, expected 1 to 3`);
  const first = spatial[0], last = spatial[spatial.length - 1];
  if (last - first + 1 !== spatial.length) bad('the spatial axes are not consecutive');
  if (first > 1 || n - 1 - last > 1) bad(`axes ${first > 1 ? '0..' + (first - 1) : (last + 1) + '..' + (n - 1)} are non-spatial; at most one leading (components) and one trailing (series) axis are supported`);
  const leading = first === 1 ? h.sizes[0] : 1;
  const trailing = last < n - 1 ? h.sizes[n - 1] : 1;
  if (leading > 1 && leading !== 3 && trailing > 1) bad(`a ${leading}-value leading axis together with a trailing axis is not supported`);
  const kindOf = (a: number) => h.kinds?.[a]?.toLowerCase() ?? 'list';
  const seriesAxis = trailing > 1 ? kindOf(n - 1) : leading > 1 && leading !== 3 ? kindOf(0) : 'none';

  const dimensions: Dims3 = [1, 1, 1];
  spatial.forEach((a, i) => (dimensions[i] = h.sizes[a]));

  const warnings: IngestWarning[] = [];
  const space = h.space ?? '';
  let signs = SPACE_TO_LPS[space];
  const m = mat4Identity();
  if (h.spaceDirections) {
    if (!signs) {
      signs = [1, 1];
      warnings.push(missingGeometryWarning(`NRRD space "${space || 'none given'}" is not anatomical; its x, y, z are taken as LPS`, file));
    }
    const cols: Vec3[] = spatial.map((a) => {
      const d = h.spaceDirections![a]!;
      return [d[0] * signs![0], (d[1] ?? 0) * signs![1], d[2] ?? 0];
    });
    completeColumns(cols);
    const o = h.spaceOrigin ?? [0, 0, 0];
    setColumns(m, cols, [o[0] * signs[0], (o[1] ?? 0) * signs[1], o[2] ?? 0]);
    const unit = h.spaceUnits?.[0] ? UNIT_MM[h.spaceUnits[0].toLowerCase()] : 1;
    if (unit && unit !== 1) for (let e = 0; e < 15; e++) if (e % 4 !== 3) m[e] *= unit;
  } else {
    const cols: Vec3[] = spatial.map((a, i) => {
      const s = Math.abs(h.spacings?.[a] ?? NaN);
      const c: Vec3 = [0, 0, 0];
      c[i] = s > 0 && Number.isFinite(s) ? s : 1;
      return c;
    });
    completeColumns(cols);
    const mins = spatial.map((a) => (Number.isFinite(h.axisMins?.[a]) ? h.axisMins![a] : 0));
    setColumns(m, cols, [mins[0] ?? 0, mins[1] ?? 0, mins[2] ?? 0]);
    warnings.push(missingGeometryWarning(`NRRD has no "space directions": placed from ${h.spacings ? 'spacings' : 'unit spacing'} only, origin ${h.axisMins ? 'from axis mins' : '0'}, axes taken as LPS`, file));
  }
  const shear = shearWarning(m, file);
  if (shear) warnings.push(shear);
  return { dimensions, leading, trailing, seriesAxis, indexToWorld: m, space, warnings };
}

/** Give 1D / 2D grids a third (and second) unit column orthogonal to the given ones. */
function completeColumns(cols: Vec3[]): void {
  if (cols.length === 1) {
    const a = cols[0];
    const helper: Vec3 = Math.abs(a[0]) < 0.9 * length(a) ? [1, 0, 0] : [0, 1, 0];
    const b = cross(a, helper);
    cols.push(scaleTo(b, 1));
  }
  if (cols.length === 2) cols.push(scaleTo(cross(cols[0], cols[1]), 1));
}

function scaleTo(v: Vec3, len: number): Vec3 {
  const l = length(v) || 1;
  return [(v[0] * len) / l, (v[1] * len) / l, (v[2] * len) / l];
}

function setColumns(m: Mat4, cols: Vec3[], origin: Vec3): void {
  for (let c = 0; c < 3; c++) for (let r = 0; r < 3; r++) m[c * 4 + r] = cols[c][r];
  m[12] = origin[0];
  m[13] = origin[1];
  m[14] = origin[2];
}
