import type { TextureFormat } from '../volume/textureFormat.ts';

/**
 * GLSL of the MPR pass. Every pixel is resampled from the 3D texture exactly as core's CPU
 * `reslice` does (the tests compare the two): output pixel (x, y) of a plane lies at
 * origin + x·spacing.x·row + y·spacing.y·column (LPS mm, pixel centres, y down); trilinear
 * interpolation on voxel centres from 8 texelFetch (integer textures cannot be filtered); a point
 * more than half a voxel outside the grid, or touching a slice not loaded yet, is "outside".
 * Slabs take `samples` points along the normal at offsets first + m·delta and combine them
 * (MIP, MinIP, mean of the inside samples). Curved mode takes each image row's point, centre
 * column and lateral direction from a path texture (rows of a straightened or stretched CPR,
 * from core's curved reformat geometry); between rows it interpolates linearly, like core's
 * `curvedPixelToWorld`. Segmentation label layers are drawn over the image (nearest voxel, fill
 * plus outline); in value mode the third channel carries layer 0's label.
 */
export const RESLICE_VERTEX = /* glsl */ `
in vec3 position;
void main() { gl_Position = vec4(position.xy, 0.0, 1.0); }
`;

/** Trilinear sample of one volume; `name` prefixes the uniforms so a fusion volume can share it. */
function samplerFunctions(name: string, format: TextureFormat): string {
  return /* glsl */ `
uniform highp ${format.sampler} ${name};
uniform mat4 ${name}WorldToTex;
uniform ivec3 ${name}Dims;
uniform sampler2D ${name}Loaded;
float ${name}Voxel(ivec3 p) { return float(texelFetch(${name}, p, 0).r); }
bool ${name}Loaded2(int k0, int k1) {
  return texelFetch(${name}Loaded, ivec2(k0, 0), 0).r > 0.5 && texelFetch(${name}Loaded, ivec2(k1, 0), 0).r > 0.5;
}
bool ${name}Sample(vec3 world, out float value) {
  vec3 c = (${name}WorldToTex * vec4(world, 1.0)).xyz;
  vec3 n = vec3(${name}Dims);
  if (any(lessThan(c, vec3(-0.500001))) || any(greaterThan(c, n - 0.499999))) return false;
  c = clamp(c, vec3(0.0), n - 1.0);
  vec3 f = floor(c);
  ivec3 a = ivec3(f);
  ivec3 b = min(a + 1, ${name}Dims - 1);
  vec3 t = c - f;
  // A plane through slice centres (scrolling an acquired plane) needs one slice, not two: 4 fetches.
  // Within 1e-5 voxel of a centre the other slice's weight is below float precision anyway.
  if (t.z < 1e-5 || t.z > 1.0 - 1e-5) {
    int k = t.z < 0.5 ? a.z : b.z;
    if (texelFetch(${name}Loaded, ivec2(k, 0), 0).r < 0.5) return false;
    float s0 = mix(${name}Voxel(ivec3(a.x, a.y, k)), ${name}Voxel(ivec3(b.x, a.y, k)), t.x);
    float s1 = mix(${name}Voxel(ivec3(a.x, b.y, k)), ${name}Voxel(ivec3(b.x, b.y, k)), t.x);
    value = mix(s0, s1, t.y);
    return true;
  }
  if (!${name}Loaded2(a.z, b.z)) return false;
  float c00 = mix(${name}Voxel(ivec3(a.x, a.y, a.z)), ${name}Voxel(ivec3(b.x, a.y, a.z)), t.x);
  float c10 = mix(${name}Voxel(ivec3(a.x, b.y, a.z)), ${name}Voxel(ivec3(b.x, b.y, a.z)), t.x);
  float c01 = mix(${name}Voxel(ivec3(a.x, a.y, b.z)), ${name}Voxel(ivec3(b.x, a.y, b.z)), t.x);
  float c11 = mix(${name}Voxel(ivec3(a.x, b.y, b.z)), ${name}Voxel(ivec3(b.x, b.y, b.z)), t.x);
  value = mix(mix(c00, c10, t.y), mix(c01, c11, t.y), t.z);
  return true;
}
`;
}

/**
 * Nearest-voxel lookups into `layers` label textures (segmentations): `labelN(world)` is the label
 * value of layer N at an LPS point, 0 outside the grid.
 */
function labelFunctions(layers: number): string {
  let s = /* glsl */ `
uniform mat4 uLabelWorldToIndex;
uniform ivec3 uLabelDims;
uniform sampler2D uLabelColors; // 256 × layers, RGB + opacity per label value
uniform float uLabelFill;       // fill opacity (outlines are drawn at the segment's own opacity)
uniform bool uLabelOutline;
ivec3 labelVoxel(vec3 world) { return ivec3(floor((uLabelWorldToIndex * vec4(world, 1.0)).xyz + 0.5)); }
bool labelInside(ivec3 p) { return all(greaterThanEqual(p, ivec3(0))) && all(lessThan(p, uLabelDims)); }
`;
  for (let n = 0; n < layers; n++) {
    s += /* glsl */ `
uniform highp usampler3D uLabel${n};
uint label${n}(vec3 world) { ivec3 p = labelVoxel(world); return labelInside(p) ? texelFetch(uLabel${n}, p, 0).r : 0u; }
`;
  }
  return s;
}

/** Blend each label layer's colour over rgb: a fill, and a full-opacity outline where a screen neighbour differs. */
function labelBlend(layers: number): string {
  let s = /* glsl */ `
  vec3 wl, wr, wu, wd;
  bool haveNeighbours = uLabelOutline && worldOfPixel(p - vec2(1.0, 0.0), wl) && worldOfPixel(p + vec2(1.0, 0.0), wr)
    && worldOfPixel(p - vec2(0.0, 1.0), wu) && worldOfPixel(p + vec2(0.0, 1.0), wd);`;
  for (let n = 0; n < layers; n++) {
    s += /* glsl */ `
  {
    uint v = label${n}(world);
    if (v > 0u) {
      vec4 c = texelFetch(uLabelColors, ivec2(int(v), ${n}), 0);
      bool edge = haveNeighbours && (label${n}(wl) != v || label${n}(wr) != v || label${n}(wu) != v || label${n}(wd) != v);
      rgb = mix(rgb, c.rgb, c.a * (edge ? 1.0 : uLabelFill));
    }
  }`;
  }
  return s;
}

/** The fragment shader for a volume of this format, optionally with a fusion volume and label layers. */
export function resliceFragment(format: TextureFormat, fusion?: TextureFormat, labelLayers = 0): string {
  return /* glsl */ `
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp isampler3D;
precision highp usampler3D;
precision highp sampler3D;
${samplerFunctions('uVolume', format)}
${fusion ? samplerFunctions('uFusion', fusion) : ''}
${labelLayers > 0 ? labelFunctions(labelLayers) : ''}
uniform vec4 uViewport;      // left, bottom, width, height in device pixels
uniform vec3 uOrigin;        // LPS of pixel (0, 0)'s centre
uniform vec3 uRow;
uniform vec3 uColumn;
uniform vec3 uNormal;
uniform vec2 uSpacing;       // mm per pixel along row, column
uniform int uSlabSamples;
uniform float uSlabFirst;
uniform float uSlabDelta;
uniform int uSlabMode;       // 0 MIP, 1 MinIP, 2 mean
uniform bool uCurved;
uniform sampler2D uPath;     // row 0: points (xyz) and centre column (w), row 1: lateral directions (LPS)
uniform int uPathSamples;
uniform vec2 uCurvedOffset;  // image pixel shown at screen pixel (0, 0)
uniform float uCurvedScale;  // image pixels per screen pixel
uniform bool uOutputValues;
uniform vec2 uWindow;        // low, high
uniform bool uInvert;
uniform sampler2D uLut;
uniform vec2 uFusionWindow;
uniform sampler2D uFusionLut;
uniform float uFusionOpacity;
uniform int uFusionMode;       // 0 blend, 1 checkerboard, 2 difference (see FusionSettings)
uniform float uFusionTileMm;
out vec4 outColor;

bool slabValue(vec3 centre, out float value) {
  if (uSlabSamples <= 1) return uVolumeSample(centre, value);
  float acc = uSlabMode == 0 ? -3.4e38 : (uSlabMode == 1 ? 3.4e38 : 0.0);
  int inside = 0;
  for (int m = 0; m < 1024; m++) {
    if (m >= uSlabSamples) break;
    float v;
    if (!uVolumeSample(centre + (uSlabFirst + float(m) * uSlabDelta) * uNormal, v)) continue;
    inside++;
    if (uSlabMode == 0) acc = max(acc, v);
    else if (uSlabMode == 1) acc = min(acc, v);
    else acc += v;
  }
  if (inside == 0) return false;
  value = uSlabMode == 2 ? acc / float(inside) : acc;
  return true;
}

bool worldOfPixel(vec2 p, out vec3 world) {
  if (!uCurved) {
    world = uOrigin + p.x * uSpacing.x * uRow + p.y * uSpacing.y * uColumn;
    return true;
  }
  vec2 img = uCurvedOffset + p * uCurvedScale;
  if (img.y < -0.5 || img.y > float(uPathSamples) - 0.5) return false;
  float s = clamp(img.y, 0.0, float(uPathSamples - 1));
  int s0 = int(floor(s));
  int s1 = min(s0 + 1, uPathSamples - 1);
  float t = s - float(s0);
  vec4 a = texelFetch(uPath, ivec2(s0, 0), 0), b = texelFetch(uPath, ivec2(s1, 0), 0);
  vec3 la = texelFetch(uPath, ivec2(s0, 1), 0).xyz, lb = texelFetch(uPath, ivec2(s1, 1), 0).xyz;
  world = mix(a.xyz + (img.x - a.w) * uSpacing.x * la, b.xyz + (img.x - b.w) * uSpacing.x * lb, t);
  return true;
}

void main() {
  // Pixel indices with y down, as in the CPU reslice.
  vec2 p = vec2(gl_FragCoord.x - uViewport.x - 0.5, uViewport.w - 1.0 - (gl_FragCoord.y - uViewport.y - 0.5));
  vec3 world;
  float value;
  bool inside = worldOfPixel(p, world) && slabValue(world, value);
  if (uOutputValues) {
    outColor = vec4(inside ? value : 0.0, inside ? 1.0 : 0.0, ${labelLayers > 0 ? 'float(label0(world))' : '0.0'}, 1.0);
    return;
  }
  vec3 rgb = vec3(0.0);
  if (inside) {
    float g = clamp((value - uWindow.x) / max(uWindow.y - uWindow.x, 1e-6), 0.0, 1.0);
    if (uInvert) g = 1.0 - g;
    rgb = texture(uLut, vec2(g, 0.5)).rgb;
  }
  ${fusion ? /* glsl */ `
  float f;
  if (uFusionMode == 1 && uFusionSample(world, f)) {
    // Squares fixed in the patient (they do not move with pan): odd ones show the second volume.
    if (mod(floor(dot(world, uRow) / uFusionTileMm) + floor(dot(world, uColumn) / uFusionTileMm), 2.0) > 0.5) {
      float g = clamp((f - uWindow.x) / max(uWindow.y - uWindow.x, 1e-6), 0.0, 1.0);
      if (uInvert) g = 1.0 - g;
      rgb = texture(uLut, vec2(g, 0.5)).rgb;
    }
  } else if (uFusionMode == 2) {
    bool both = inside && uFusionSample(world, f);
    rgb = vec3(both ? clamp(0.5 + (f - value) / max(uWindow.y - uWindow.x, 1e-6), 0.0, 1.0) : 0.0);
  } else if (uFusionMode == 0 && uFusionOpacity > 0.0 && uFusionSample(world, f)) {
    float g = clamp((f - uFusionWindow.x) / max(uFusionWindow.y - uFusionWindow.x, 1e-6), 0.0, 1.0);
    rgb = mix(rgb, texture(uFusionLut, vec2(g, 0.5)).rgb, uFusionOpacity * step(1e-6, g));
  }` : ''}
  ${labelLayers > 0 ? labelBlend(labelLayers) : ''}
  outColor = vec4(rgb, 1.0);
}
`;
}
