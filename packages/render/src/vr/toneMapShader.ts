/**
 * Shows the path tracer's running mean: an optional edge-aware denoiser (a joint bilateral
 * filter whose colour tolerance shrinks as samples accumulate, guided by the depth of the first
 * scattering so that it never blurs across a silhouette), exposure, ACES filmic tone mapping and
 * the sRGB curve. With uOutputLinear it writes the mean radiance itself (tests, PSNR).
 */
export const TONE_MAP_FRAGMENT = /* glsl */ `
precision highp float;
uniform sampler2D uAccum;
uniform vec4 uViewport;
uniform float uSamples;
uniform float uExposure;
uniform bool uDenoise;
uniform bool uOutputLinear;
out vec4 outColor;

vec4 meanAt(ivec2 p) { return texelFetch(uAccum, clamp(p, ivec2(0), ivec2(uViewport.zw) - 1), 0) / uSamples; }

vec3 aces(vec3 x) {
  return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy - uViewport.xy);
  vec4 c = meanAt(p);
  if (uDenoise) {
    float sigmaC = 0.35 / sqrt(uSamples);
    float depthTol = 2.0;
    vec3 sum = vec3(0.0);
    float wsum = 0.0;
    for (int y = -3; y <= 3; y++) for (int x = -3; x <= 3; x++) {
      vec4 q = meanAt(p + ivec2(x, y));
      vec3 d = q.rgb - c.rgb;
      float w = exp(-float(x * x + y * y) / 8.0 - dot(d, d) / (2.0 * sigmaC * sigmaC) - abs(q.a - c.a) / depthTol);
      sum += q.rgb * w;
      wsum += w;
    }
    c.rgb = sum / wsum;
  }
  if (uOutputLinear) { outColor = vec4(c.rgb, 1.0); return; }
  vec3 mapped = aces(c.rgb * uExposure);
  outColor = vec4(pow(mapped, vec3(1.0 / 2.2)), 1.0);
}
`;
