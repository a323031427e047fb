import { BRICK } from './FilteredVolume.ts';
import { MAX_CLIP_PLANES } from './VolumeRenderSettings.ts';

/**
 * GLSL shared by the ray caster and the path tracer: the view ray of a fragment, its span inside
 * the volume (crop box, clip planes, opaque surfaces in front), the value of a filtered
 * sample, the transfer function, the occupancy grid and the gradient.
 *
 * Conventions: `world` is patient LPS mm; `tex` is the volume texture's normalised coordinate;
 * ray parameters t are millimetres along the world ray, so steps and opacities are in mm whatever
 * the voxel spacing.
 */
export const volumeSamplingGlsl = /* glsl */ `
precision highp float;
precision highp int;
precision highp sampler3D;
precision highp usampler3D;

uniform sampler3D uVol;        // R16F or R32F codes (see FilteredVolume), linear filtering
uniform vec3 uTexDims;
uniform vec2 uCodeToValue;     // value = code * x + y
uniform vec2 uCodeToTf;        // transfer table coordinate = code * x + y
uniform sampler2D uTf;         // RGBA per table entry (opacity per uUnitMm)
uniform sampler3D uOcc;        // R8 per brick: 1 where the transfer function shows something
uniform ivec3 uBricks;
uniform mat4 uInvViewProj;     // clip → world
uniform mat4 uWorldToTex;
uniform mat3 uGradToWorld;     // gradient per texel → per mm (inverse transpose of texel → world)
uniform vec3 uCropLo;
uniform vec3 uCropHi;
uniform vec4 uClip[${MAX_CLIP_PLANES}]; // normal, offset: removed where dot(normal, x) > offset
uniform int uClipCount;
uniform vec4 uViewport;        // the pass's pixels in the framebuffer: x, y, width, height
uniform sampler2D uDepth;      // opaque surfaces drawn before (depth 1: none)
uniform bool uHasSurfaces;

float codeAt(vec3 p) { return texture(uVol, p).r; }
float valueAt(vec3 p) { return codeAt(p) * uCodeToValue.x + uCodeToValue.y; }
vec4 tfOfCode(float code) {
  float u = clamp(code * uCodeToTf.x + uCodeToTf.y, 0.0, 1.0);
  return textureLod(uTf, vec2(u, 0.5), 0.0);
}
/** The brick under a point; its occupancy, and where the ray leaves it. */
ivec3 brickOf(vec3 p) { return clamp(ivec3(floor((p * uTexDims - 0.5) / ${BRICK}.0)), ivec3(0), uBricks - 1); }
bool occupied(ivec3 b) { return texelFetch(uOcc, b, 0).r > 0.5; }
float brickExit(ivec3 b, vec3 p, vec3 d) {
  vec3 lo = (vec3(b) * ${BRICK}.0 + 0.5) / uTexDims;
  vec3 hi = (vec3(b + 1) * ${BRICK}.0 + 0.5) / uTexDims;
  vec3 inv = 1.0 / d;
  vec3 t = max((lo - p) * inv, (hi - p) * inv);
  return min(t.x, min(t.y, t.z));
}
/** Gradient of the value (per mm, world axes) by central differences one texel apart. */
vec3 gradientAt(vec3 p) {
  vec3 h = 1.0 / uTexDims;
  vec3 g = vec3(
    codeAt(p + vec3(h.x, 0.0, 0.0)) - codeAt(p - vec3(h.x, 0.0, 0.0)),
    codeAt(p + vec3(0.0, h.y, 0.0)) - codeAt(p - vec3(0.0, h.y, 0.0)),
    codeAt(p + vec3(0.0, 0.0, h.z)) - codeAt(p - vec3(0.0, 0.0, h.z))) * 0.5 * uCodeToValue.x;
  return uGradToWorld * g;
}

struct Ray { vec3 origin; vec3 dir; vec3 o; vec3 d; float t0; float t1; vec2 ndc; };

vec3 unproject(vec2 ndc, float z) {
  vec4 w = uInvViewProj * vec4(ndc, z, 1.0);
  return w.xyz / w.w;
}

/** The ray through a point of the viewport (in pixels of the pass), clipped to what is drawn of the volume. */
Ray viewRay(vec2 pixel) {
  Ray r;
  r.ndc = pixel / uViewport.zw * 2.0 - 1.0;
  vec3 nearW = unproject(r.ndc, -1.0), farW = unproject(r.ndc, 1.0);
  r.origin = nearW;
  r.dir = normalize(farW - nearW);
  r.o = (uWorldToTex * vec4(r.origin, 1.0)).xyz;
  r.d = mat3(uWorldToTex) * r.dir;
  vec3 inv = 1.0 / r.d;
  vec3 ta = (uCropLo - r.o) * inv, tb = (uCropHi - r.o) * inv;
  vec3 tmin = min(ta, tb), tmax = max(ta, tb);
  r.t0 = max(max(tmin.x, tmin.y), max(tmin.z, 0.0));
  r.t1 = min(min(tmax.x, tmax.y), tmax.z);
  for (int i = 0; i < ${MAX_CLIP_PLANES}; i++) {
    if (i >= uClipCount) break;
    float s = dot(uClip[i].xyz, r.origin) - uClip[i].w, ds = dot(uClip[i].xyz, r.dir);
    if (abs(ds) < 1e-12) { if (s > 0.0) r.t1 = -1.0; }
    else if (ds > 0.0) r.t1 = min(r.t1, -s / ds);
    else r.t0 = max(r.t0, -s / ds);
  }
  if (uHasSurfaces) {
    float z = texture(uDepth, pixel / uViewport.zw).r;
    if (z < 1.0) r.t1 = min(r.t1, dot(unproject(r.ndc, z * 2.0 - 1.0) - r.origin, r.dir));
  }
  return r;
}

/** A hash of a pixel and a frame number → [0, 1) (PCG). */
uint pcg(uint v) {
  uint s = v * 747796405u + 2891336453u;
  uint w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
float hash01(uvec3 v) { return float(pcg(v.x ^ pcg(v.y ^ pcg(v.z)))) * (1.0 / 4294967296.0); }
`;
