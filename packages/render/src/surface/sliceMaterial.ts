import { DoubleSide, ShaderMaterial, Matrix4, Vector2, Vector3 } from 'three';
import type { GpuVolume } from '../volume/GpuVolume.ts';

/** What a slice in the 3D scene shows: the volume's voxels under a grey window. */
export interface SliceSource {
  volume: GpuVolume;
  window: { center: number; width: number };
}

/**
 * A material that paints a flat polygon in the 3D scene with the voxels it passes through (the
 * nearest texel of the volume's own texture, windowed to grey): the MPR planes shown as slices
 * among the surfaces and the volume rendering, always the same voxels as the 2D views.
 */
export function sliceMaterial(s: SliceSource): ShaderMaterial {
  const sampler = s.volume.format.sampler;
  // three's default GLSL (compiled as ES 3.00 on WebGL2) rather than GLSL3: it then declares
  // gl_FragColor and the output encoding that colorspace_fragment needs.
  return new ShaderMaterial({
    side: DoubleSide,
    uniforms: {
      uVol: { value: s.volume.texture },
      uWorldToTex: { value: new Matrix4().fromArray(s.volume.worldToTexture) },
      uDims: { value: new Vector3(...s.volume.textureDimensions) },
      uWindow: { value: new Vector2(s.window.center - s.window.width / 2, s.window.center + s.window.width / 2) },
    },
    vertexShader: /* glsl */ `
varying vec3 vWorld;
void main() {
  vec4 w = modelMatrix * vec4(position, 1.0);
  vWorld = w.xyz;
  gl_Position = projectionMatrix * viewMatrix * w;
}`,
    fragmentShader: /* glsl */ `
precision highp ${sampler};
uniform highp ${sampler} uVol;
uniform mat4 uWorldToTex;
uniform vec3 uDims;
uniform vec2 uWindow;
varying vec3 vWorld;
void main() {
  ivec3 p = ivec3(floor((uWorldToTex * vec4(vWorld, 1.0)).xyz + 0.5));
  if (any(lessThan(p, ivec3(0))) || any(greaterThanEqual(p, ivec3(uDims)))) discard;
  float v = float(texelFetch(uVol, p, 0).r);
  float g = clamp((v - uWindow.x) / (uWindow.y - uWindow.x), 0.0, 1.0);
  // The 2D views show g as is: linearise it, and three encodes it for wherever this is drawn
  // (sRGB on the canvas; linear into the 3D view's offscreen target, which the ray caster encodes).
  vec3 lin = mix(vec3(g) / 12.92, pow((vec3(g) + 0.055) / 1.055, vec3(2.4)), step(0.04045, vec3(g)));
  gl_FragColor = vec4(lin, 1.0);
  #include <colorspace_fragment>
}`,
  });
}
