import { strToU8, zipSync } from 'fflate';
import { VoxaError } from '../../errors/VoxaError.ts';
import { checkMeshSegments, type MeshSegment } from './MeshSegment.ts';
import { shortestFloat32 } from './shortestFloat32.ts';

/** 3MF core specification namespace (3MF Core Specification 1.3, §3). */
export const THREE_MF_CORE_NAMESPACE = 'http://schemas.microsoft.com/3dmanufacturing/core/2015/02';
/** Path of the model part inside the package. */
export const THREE_MF_MODEL_PATH = '3D/3dmodel.model';

/** Zip entries get this fixed date, so the same segments give the same bytes. */
const ZIP_DATE = new Date('1980-01-01T00:00:00Z');

/**
 * Segments as a 3MF package (3MF Core Specification 1.3; an OPC zip): `[Content_Types].xml`,
 * `_rels/.rels` and `3D/3dmodel.model` with unit millimeter, one `basematerials` group holding
 * each segment's display colour (`#RRGGBBAA`, alpha from the opacity), and one named mesh object
 * per segment in the build. Axes are patient LPS (see `exportFrame.ts`), but every vertex is
 * translated by one common offset so that the smallest x, y and z over all segments are 0: print
 * preparation software places models on the plate from there, and the segments keep their
 * relative positions. The offset (LPS mm to add to a vertex to get back to patient coordinates is
 * its negative) is recorded in the model's Description metadata and returned nowhere else.
 * Triangles keep their counter-clockwise-from-outside winding, which 3MF requires (§4.1.4).
 * Rejects empty meshes (an object needs triangles) and triangles naming a vertex twice (§4.1.4).
 */
export function write3mf(segments: readonly MeshSegment[]): Uint8Array {
  checkMeshSegments(segments, 'write3mf', { nonEmpty: true });
  const min = [Infinity, Infinity, Infinity];
  for (const s of segments) {
    const p = s.mesh.positions;
    for (let v = 0; v < p.length; v += 3) {
      if (p[v] < min[0]) min[0] = p[v];
      if (p[v + 1] < min[1]) min[1] = p[v + 1];
      if (p[v + 2] < min[2]) min[2] = p[v + 2];
    }
  }
  const offset = min.map((m) => -m);
  const model: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<model unit="millimeter" xml:lang="en-US" xmlns="${THREE_MF_CORE_NAMESPACE}">`,
    ' <metadata name="Application">Voxa</metadata>',
    ` <metadata name="Description">${xml(`Segments in patient LPS millimetres (+x left, +y posterior, +z superior), translated by (${offset.map((o) => o.toFixed(3)).join(', ')}) mm so that the smallest coordinate is 0`)}</metadata>`,
    ' <resources>',
    '  <basematerials id="1">',
    ...segments.map((s) => `   <base name="${xml(s.name)}" displaycolor="${displayColor(s)}"/>`),
    '  </basematerials>',
  ];
  segments.forEach((s, n) => {
    model.push(`  <object id="${n + 2}" type="model" name="${xml(s.name)}" pid="1" pindex="${n}">`, '   <mesh>', '    <vertices>');
    const { positions: p, indices } = s.mesh;
    for (let v = 0; v < p.length; v += 3) {
      model.push(`     <vertex x="${shortestFloat32(p[v] + offset[0])}" y="${shortestFloat32(p[v + 1] + offset[1])}" z="${shortestFloat32(p[v + 2] + offset[2])}"/>`);
    }
    model.push('    </vertices>', '    <triangles>');
    for (let t = 0; t < indices.length; t += 3) {
      const a = indices[t], b = indices[t + 1], c = indices[t + 2];
      if (a === b || b === c || c === a) {
        throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'write3mf', segment: s.name, triangle: t / 3 }, `the triangle names vertex ${a === b ? a : c} twice; 3MF forbids degenerate triangles`);
      }
      model.push(`     <triangle v1="${a}" v2="${b}" v3="${c}"/>`);
    }
    model.push('    </triangles>', '   </mesh>', '  </object>');
  });
  model.push(' </resources>', ' <build>', ...segments.map((_, n) => `  <item objectid="${n + 2}"/>`), ' </build>', '</model>', '');
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    [THREE_MF_MODEL_PATH]: strToU8(model.join('\n')),
  }, { level: 6, mtime: ZIP_DATE });
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
 <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
 <Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>
</Types>
`;

const RELS = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Target="/${THREE_MF_MODEL_PATH}" Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>
</Relationships>
`;

function displayColor(s: MeshSegment): string {
  const alpha = Math.round(255 * (s.opacity ?? 1));
  return `#${[...s.color, alpha].map((c) => c.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even as references.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
