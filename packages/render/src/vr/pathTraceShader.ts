import { volumeSamplingGlsl } from './volumeSamplingGlsl.ts';

/**
 * One progressive pass of the cinematic path tracer: per pixel, `uSamplesPerPass` paths through
 * the transfer function's medium added to the running sums (rgb radiance; alpha the depth of the
 * first scattering, for the denoiser).
 *
 * The medium: extinction −ln(1 − opacity) per unit distance (what the ray caster's opacity
 * stands for) times the density scale, albedo = the transfer colour. Free paths by
 * delta (Woodcock) tracking against the majorant uDensity × (largest opacity), jumping over empty
 * bricks (zero density, so the jump is exact). At a collision, a surface BRDF (Lambert with a
 * Phong lobe) with probability growing with the gradient, else the Henyey–Greenstein phase
 * function, as in Exposure Render. Light: a key area light (sampled at every scattering, with a
 * delta-tracked shadow ray: soft shadows) and an environment seen by paths that leave the
 * volume; up to uBounces scatterings; a thin lens gives depth of field.
 */
export const PATH_TRACE_FRAGMENT = /* glsl */ `${volumeSamplingGlsl}
uniform sampler2D uAccum;      // running sums of the previous passes
uniform sampler2D uSurfaceColor;
uniform int uSamplesPerPass;
uniform uint uFrame;
uniform float uDensity;        // density scale / unit distance (mm)
uniform float uMajorant;       // the largest extinction of the table (per mm)
uniform float uGradRef;
uniform float uPhaseG;
uniform int uBounces;
uniform vec3 uEye;             // camera position (perspective; the lens centre)
uniform bool uOrtho;
uniform vec3 uCamRight;
uniform vec3 uCamUp;
uniform vec3 uCamForward;
uniform float uAperture;       // lens radius (mm); 0: pinhole
uniform float uFocusMm;        // distance to the plane in focus along the view direction
uniform vec3 uKeyDir;          // towards the key light (world)
uniform float uKeyRadius;      // angular radius (radians) of the key light
uniform vec3 uKeyColor;
uniform vec3 uEnvColor;
uniform vec3 uEnvUp;
uniform vec3 uBackground;
out vec4 outColor;

uint gSeed;
float rand() { gSeed = pcg(gSeed); return float(gSeed) * (1.0 / 4294967296.0); }

const float PI = 3.14159265359;

/** Orthonormal basis around a unit vector. */
void basis(vec3 n, out vec3 t, out vec3 b) {
  t = normalize(abs(n.x) > 0.5 ? cross(n, vec3(0.0, 1.0, 0.0)) : cross(n, vec3(1.0, 0.0, 0.0)));
  b = cross(n, t);
}

vec3 sampleCosine(vec3 n) {
  float u = rand(), v = rand();
  float r = sqrt(u), phi = 2.0 * PI * v;
  vec3 t, b; basis(n, t, b);
  return normalize(t * r * cos(phi) + b * r * sin(phi) + n * sqrt(max(0.0, 1.0 - u)));
}

float hgPhase(float cosTheta) {
  float g = uPhaseG, d = 1.0 + g * g - 2.0 * g * cosTheta;
  return (1.0 - g * g) / (4.0 * PI * d * sqrt(d));
}

/** A direction from the HG phase function around the travel direction w. */
vec3 sampleHg(vec3 w) {
  float g = uPhaseG, u = rand(), cosTheta;
  if (abs(g) < 1e-3) cosTheta = 1.0 - 2.0 * u;
  else { float s = (1.0 - g * g) / (1.0 - g + 2.0 * g * u); cosTheta = (1.0 + g * g - s * s) / (2.0 * g); }
  float sinTheta = sqrt(max(0.0, 1.0 - cosTheta * cosTheta)), phi = 2.0 * PI * rand();
  vec3 t, b; basis(w, t, b);
  return normalize(t * sinTheta * cos(phi) + b * sinTheta * sin(phi) + w * cosTheta);
}

vec3 environment(vec3 dir) { return uEnvColor * (0.55 + 0.45 * dot(dir, uEnvUp)); }

/** Clip a world ray to the drawn part of the volume (as viewRay does, without the surfaces' depth). */
bool spanOf(vec3 origin, vec3 dir, out vec3 o, out vec3 d, out float t0, out float t1) {
  o = (uWorldToTex * vec4(origin, 1.0)).xyz;
  d = mat3(uWorldToTex) * dir;
  vec3 inv = 1.0 / d;
  vec3 ta = (uCropLo - o) * inv, tb = (uCropHi - o) * inv;
  vec3 tmin = min(ta, tb), tmax = max(ta, tb);
  t0 = max(max(tmin.x, tmin.y), max(tmin.z, 0.0));
  t1 = min(min(tmax.x, tmax.y), tmax.z);
  for (int i = 0; i < 4; i++) {
    if (i >= uClipCount) break;
    float s = dot(uClip[i].xyz, origin) - uClip[i].w, ds = dot(uClip[i].xyz, dir);
    if (abs(ds) < 1e-12) { if (s > 0.0) t1 = -1.0; }
    else if (ds > 0.0) t1 = min(t1, -s / ds);
    else t0 = max(t0, -s / ds);
  }
  return t1 > t0;
}

/**
 * Delta tracking from t to tEnd: the distance of the first real collision, or -1 if the ray gets
 * through. Empty bricks are jumped over.
 */
float track(vec3 o, vec3 d, float t, float tEnd) {
  for (int i = 0; i < 4096; i++) {
    t -= log(1.0 - rand()) / uMajorant;
    if (t >= tEnd) return -1.0;
    vec3 p = o + d * t;
    ivec3 b = brickOf(p);
    if (!occupied(b)) { t += brickExit(b, p, d) + 1e-4; if (t >= tEnd) return -1.0; continue; }
    float sigma = uDensity * -log(1.0 - min(tfOfCode(codeAt(p)).a, 0.999));
    if (rand() * uMajorant < sigma) return t;
  }
  return -1.0;
}

/** The key light's direction, jittered over its disc (soft shadows). */
vec3 keyLightDir() {
  vec3 t, b; basis(uKeyDir, t, b);
  float r = uKeyRadius * sqrt(rand()), phi = 2.0 * PI * rand();
  return normalize(uKeyDir + t * r * cos(phi) + b * r * sin(phi));
}

/** One path from the camera through this pixel: radiance, and the first collision's depth (0: none). */
vec4 tracePath(vec2 pixel) {
  vec2 ndc = (pixel + vec2(rand(), rand()) - 0.5) / uViewport.zw * 2.0 - 1.0;
  vec3 nearW = unproject(ndc, -1.0), farW = unproject(ndc, 1.0);
  vec3 origin = nearW, dir = normalize(farW - nearW);
  if (uAperture > 0.0 && !uOrtho) {
    // Thin lens: rays through a disc on the lens meet again on the plane in focus.
    vec3 focus = uEye + dir * (uFocusMm / max(dot(dir, uCamForward), 1e-3));
    float r = uAperture * sqrt(rand()), phi = 2.0 * PI * rand();
    origin = uEye + uCamRight * r * cos(phi) + uCamUp * r * sin(phi);
    dir = normalize(focus - origin);
  }
  vec3 o, d; float t0, t1;
  float surfaceT = 3.0e38;
  vec3 surface = uBackground;
  if (uHasSurfaces) {
    vec2 uv = pixel / uViewport.zw;
    float z = texture(uDepth, uv).r;
    if (z < 1.0) { surfaceT = dot(unproject(ndc, z * 2.0 - 1.0) - origin, dir); surface = texture(uSurfaceColor, uv).rgb; }
  }
  if (!spanOf(origin, dir, o, d, t0, t1)) return vec4(surfaceT < 3.0e38 ? surface : uBackground, 0.0);
  t1 = min(t1, surfaceT);
  vec3 radiance = vec3(0.0), throughput = vec3(1.0);
  float firstDepth = 0.0;
  for (int bounce = 0; bounce <= 8; bounce++) {
    float t = t0 < t1 ? track(o, d, t0, t1) : -1.0;
    if (t < 0.0) {
      // Out of the medium: the camera sees the background (or a surface), scattered light the environment.
      radiance += throughput * (bounce == 0 ? (surfaceT < 3.0e38 ? surface : uBackground) : environment(dir));
      break;
    }
    vec3 p = o + d * t;
    vec3 x = origin + dir * t;
    if (bounce == 0) firstDepth = t;
    if (bounce >= uBounces) break;
    vec4 c = tfOfCode(codeAt(p));
    vec3 g = gradientAt(p);
    float m = length(g);
    bool brdf = rand() < clamp(m / uGradRef, 0.0, 1.0) * 0.9;
    vec3 n = m > 0.0 ? -g / m : -dir;
    if (dot(n, dir) > 0.0) n = -n;
    // Next event: the key light through the medium.
    vec3 l = keyLightDir();
    float f = brdf ? max(dot(n, l), 0.0) / PI + 0.15 * pow(max(dot(reflect(dir, n), l), 0.0), 20.0) : hgPhase(dot(dir, l));
    if (f > 0.0) {
      vec3 so, sd; float s0, s1;
      if (!spanOf(x, l, so, sd, s0, s1) || track(so, sd, s0, s1) < 0.0) radiance += throughput * c.rgb * uKeyColor * f * (2.0 * PI * (1.0 - cos(uKeyRadius)));
    }
    // Continue the path.
    throughput *= c.rgb;
    origin = x;
    dir = brdf ? sampleCosine(n) : sampleHg(dir);
    if (!spanOf(origin, dir, o, d, t0, t1)) { radiance += throughput * environment(dir); break; }
    if (max(throughput.r, max(throughput.g, throughput.b)) < 0.01) break;
  }
  return vec4(radiance, firstDepth);
}

void main() {
  vec2 pixel = gl_FragCoord.xy - uViewport.xy;
  gSeed = pcg(uint(gl_FragCoord.x) + 65536u * uint(gl_FragCoord.y)) ^ pcg(uFrame * 9781u + 1u);
  vec4 sum = texelFetch(uAccum, ivec2(gl_FragCoord.xy), 0); // the target may hold a window of the view
  for (int i = 0; i < 64; i++) {
    if (i >= uSamplesPerPass) break;
    sum += tracePath(pixel);
  }
  outColor = sum;
}
`;
