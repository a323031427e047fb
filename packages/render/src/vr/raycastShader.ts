import { volumeSamplingGlsl } from './volumeSamplingGlsl.ts';

export const RAYCAST_VERTEX = 'in vec3 position;\nvoid main() { gl_Position = vec4(position.xy, 0.0, 1.0); }';

/**
 * The ray caster: front-to-back compositing of transfer-function samples with Blinn–Phong
 * shading by a headlight (optional ambient occlusion), opacity corrected for the step,
 * empty-space skipping over the occupancy grid, jittered starts, early termination; or the
 * maximum, minimum or mean value along the ray. Segments of up to `labelLayers` label layers
 * are drawn inside the volume in their colours. With `fusion` a second volume on its own grid
 * (PET on CT) is sampled at the same points through its own transfer function and the two
 * media are mixed (opacities combine, colours weigh by opacity). Opaque surfaces drawn before
 * end the rays and show through what is transparent in front of them.
 */
export function raycastFragmentShader(labelLayers: number, fusion = false): string {
  const layers = Array.from({ length: labelLayers }, (_, n) => n);
  return /* glsl */ `${volumeSamplingGlsl}
uniform sampler2D uSurfaceColor;
uniform float uStepMm;
uniform float uUnitMm;
uniform int uMode;             // 0 composite, 1 MIP, 2 MinIP, 3 average
uniform bool uShade;
uniform vec4 uShading;         // ambient, diffuse, specular, shininess
uniform bool uAo;
uniform float uGradRef;        // gradient (value per mm) at which a sample counts as a surface
uniform vec2 uWindow;          // projection modes: value → grey
uniform bool uJitter;
uniform uint uFrame;
uniform bool uOutputValues;    // write the projected value or opacity (r), whether the ray met the volume (g), the pick depth (b, mm)
uniform float uLabelOpacity;
uniform mat4 uTexToLabel;
uniform ivec3 uLabelDims;
uniform sampler2D uLabelColors;
${layers.map((n) => `uniform highp usampler3D uLabel${n};`).join('\n')}
${fusion ? `uniform sampler3D uVol2;
uniform mat4 uTexToTex2;
uniform vec2 uCodeToTf2;
uniform sampler2D uTf2;
/** The second volume's medium at a point (transparent outside its grid). */
vec4 fusedAt(vec3 p) {
  vec3 q = (uTexToTex2 * vec4(p, 1.0)).xyz;
  if (any(lessThan(q, vec3(0.0))) || any(greaterThan(q, vec3(1.0)))) return vec4(0.0);
  return textureLod(uTf2, vec2(clamp(texture(uVol2, q).r * uCodeToTf2.x + uCodeToTf2.y, 0.0, 1.0), 0.5), 0.0);
}` : ''}
out vec4 outColor;

/** The colour (rgb) and opacity per mm (a) of the segment at a point, a = 0 where none. */
vec4 labelAt(vec3 p) {
  vec4 best = vec4(0.0);
${labelLayers ? `  ivec3 v = ivec3(floor((uTexToLabel * vec4(p, 1.0)).xyz + 0.5));
  if (any(lessThan(v, ivec3(0))) || any(greaterThanEqual(v, uLabelDims))) return best;
${layers.map((n) => `  { uint l = texelFetch(uLabel${n}, v, 0).r; if (l > 0u) { vec4 c = texelFetch(uLabelColors, ivec2(int(l), ${n}), 0); if (c.a > best.a) best = c; } }`).join('\n')}` : ''}
  return best;
}

float alphaAtCode(float code) { return tfOfCode(code).a; }

vec3 shade(vec3 rgb, vec3 p, vec3 viewDir) {
  vec3 g = gradientAt(p);
  float m = length(g);
  vec3 n = m > 0.0 ? -g / m : -viewDir;
  if (dot(n, viewDir) > 0.0) n = -n; // two-sided: face the viewer
  float lambert = max(dot(n, -viewDir), 0.0);
  float spec = pow(lambert, uShading.w);
  float w = clamp(m / uGradRef, 0.0, 1.0);
  vec3 lit = rgb * (uShading.x + uShading.y * lambert) + uShading.z * spec;
  vec3 flat_ = rgb * (uShading.x + uShading.y);
  vec3 c = mix(flat_, lit, w);
  if (uAo) {
    vec3 h = 3.0 / uTexDims;
    float occ = alphaAtCode(codeAt(p + vec3(h.x, 0, 0))) + alphaAtCode(codeAt(p - vec3(h.x, 0, 0)))
      + alphaAtCode(codeAt(p + vec3(0, h.y, 0))) + alphaAtCode(codeAt(p - vec3(0, h.y, 0)))
      + alphaAtCode(codeAt(p + vec3(0, 0, h.z))) + alphaAtCode(codeAt(p - vec3(0, 0, h.z)));
    c *= 1.0 - 0.7 * clamp(occ / 6.0, 0.0, 1.0);
  }
  return c;
}

void main() {
  vec2 pixel = gl_FragCoord.xy - uViewport.xy;
  Ray r = viewRay(pixel);
  // Surfaces were drawn into a linear target; the canvas shows sRGB.
  vec3 lin = uHasSurfaces ? texture(uSurfaceColor, pixel / uViewport.zw).rgb : vec3(0.0);
  vec3 behind = mix(lin * 12.92, 1.055 * pow(lin, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, lin));
  if (r.t1 <= r.t0) {
    outColor = uOutputValues ? vec4(0.0) : vec4(behind, 1.0);
    return;
  }
  float jitter = uJitter ? hash01(uvec3(gl_FragCoord.xy, uFrame)) : 0.5;
  float t = r.t0 + jitter * uStepMm;
  if (uMode != 0) {
    float m = uMode == 2 ? 3.0e38 : uMode == 1 ? -3.0e38 : 0.0;
    float count = 0.0;
    for (int i = 0; i < 16384; i++) {
      if (t > r.t1) break;
      float v = valueAt(r.o + r.d * t);
      m = uMode == 1 ? max(m, v) : uMode == 2 ? min(m, v) : m + v;
      count += 1.0;
      t += uStepMm;
    }
    if (count == 0.0) { outColor = uOutputValues ? vec4(0.0) : vec4(behind, 1.0); return; }
    if (uMode == 3) m /= count;
    if (uOutputValues) { outColor = vec4(m, 1.0, 0.0, 1.0); return; }
    float grey = clamp((m - uWindow.x) / (uWindow.y - uWindow.x), 0.0, 1.0);
    outColor = vec4(vec3(grey), 1.0);
    return;
  }
  vec4 acc = vec4(0.0);
  float tHit = -1.0; // where the accumulated opacity first passes one half: what a click picks
  float stepRatio = uStepMm / uUnitMm;
  for (int i = 0; i < 16384; i++) {
    if (t > r.t1) break;
    vec3 p = r.o + r.d * t;
    ivec3 b = brickOf(p);
    if (!occupied(b)) {
      // Jump to the brick's exit, staying on the jittered lattice of sample positions.
      float skip = brickExit(b, p, r.d);
      t += max(ceil(skip / uStepMm), 1.0) * uStepMm;
      continue;
    }
    float code = codeAt(p);
    vec4 c = tfOfCode(code);
${fusion ? `    vec4 f = fusedAt(p);
    if (f.a > 0.0) c = vec4((c.rgb * c.a + f.rgb * f.a) / (c.a + f.a), 1.0 - (1.0 - c.a) * (1.0 - f.a));` : ''}
    vec4 seg = uLabelOpacity > 0.0 ? labelAt(p) : vec4(0.0);
    if (seg.a > 0.0) {
      float la = seg.a * uLabelOpacity;
      c = vec4(mix(c.rgb, seg.rgb, clamp(la / max(la + c.a, 1e-6), 0.0, 1.0)), max(c.a, min(la, 1.0)));
    }
    if (c.a > 0.0) {
      float a = 1.0 - pow(1.0 - min(c.a, 0.9999), stepRatio);
      vec3 rgb = uShade ? shade(c.rgb, p, r.dir) : c.rgb;
      acc.rgb += (1.0 - acc.a) * a * rgb;
      acc.a += (1.0 - acc.a) * a;
      if (tHit < 0.0 && acc.a >= 0.5) tHit = t;
      if (acc.a > 0.99) break;
    }
    t += uStepMm;
  }
  if (uOutputValues) { outColor = vec4(acc.a, 1.0, tHit, 1.0); return; }
  outColor = vec4(acc.rgb + (1.0 - acc.a) * behind, 1.0);
}
`;
}
