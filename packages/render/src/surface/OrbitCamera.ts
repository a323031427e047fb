import { OrthographicCamera, PerspectiveCamera, Vector3 } from 'three';
import { cross, normalize, type Vec3 } from '@voxa/core';

/** The six standard views, named after the side of the patient the viewer looks from. */
export type CameraPreset = 'anterior' | 'posterior' | 'left' | 'right' | 'superior' | 'inferior';

export const CAMERA_PRESETS: CameraPreset[] = ['anterior', 'posterior', 'left', 'right', 'superior', 'inferior'];

/**
 * A 3D view's camera in patient LPS millimetres: it looks at `target` from `direction` (unit,
 * target → eye) with `up` on screen. The three.js scene is in LPS too (no axis swap), so a
 * preset's direction is the side it is named after: anterior is −y, left is +x, superior is +z.
 */
export interface OrbitCamera {
  target: Vec3;
  direction: Vec3;
  up: Vec3;
  /** Height of the view at the target (mm): the zoom, for both projections. */
  heightMm: number;
  projection: 'perspective' | 'orthographic';
}

const PRESET_AXES: Record<CameraPreset, { direction: Vec3; up: Vec3 }> = {
  anterior: { direction: [0, -1, 0], up: [0, 0, 1] },
  posterior: { direction: [0, 1, 0], up: [0, 0, 1] },
  left: { direction: [1, 0, 0], up: [0, 0, 1] },
  right: { direction: [-1, 0, 0], up: [0, 0, 1] },
  superior: { direction: [0, 0, 1], up: [0, -1, 0] },
  inferior: { direction: [0, 0, -1], up: [0, -1, 0] },
};

/** Vertical field of view of the perspective projection (degrees). */
const FOV_DEG = 30;

/** A preset view of a box (LPS bounds), the whole box in view. */
export function presetCamera(preset: CameraPreset, lo: Vec3, hi: Vec3, projection: OrbitCamera['projection'] = 'perspective'): OrbitCamera {
  const target: Vec3 = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
  const diagonal = Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
  return { target, ...PRESET_AXES[preset], heightMm: 1.1 * Math.max(diagonal, 1), projection };
}

/** Rotate about the target: `yaw` about the screen's vertical, `pitch` about its horizontal (radians). */
export function orbitCamera(c: OrbitCamera, yaw: number, pitch: number): OrbitCamera {
  const right = normalize(cross(c.up, c.direction));
  let direction = rotate(c.direction, c.up, yaw);
  const r = rotate(right, c.up, yaw);
  direction = rotate(direction, r, pitch);
  const up = normalize(cross(direction, r));
  return { ...c, direction: normalize(direction), up };
}

/** Move the target along the screen (mm right and up). */
export function panCamera(c: OrbitCamera, rightMm: number, upMm: number): OrbitCamera {
  const right = normalize(cross(c.up, c.direction));
  return { ...c, target: [0, 1, 2].map((i) => c.target[i] + rightMm * right[i] + upMm * c.up[i]) as Vec3 };
}

/** The three.js camera for a viewport of this aspect (width / height). */
export function threeCamera(c: OrbitCamera, aspect: number): PerspectiveCamera | OrthographicCamera {
  const distance = c.heightMm / 2 / Math.tan((FOV_DEG * Math.PI) / 360);
  const eye = new Vector3(...c.target).addScaledVector(new Vector3(...c.direction), distance);
  const far = distance + 4 * c.heightMm;
  const near = Math.max(0.1, distance - 4 * c.heightMm);
  const cam = c.projection === 'perspective'
    ? new PerspectiveCamera(FOV_DEG, aspect, near, far)
    : new OrthographicCamera((-c.heightMm * aspect) / 2, (c.heightMm * aspect) / 2, c.heightMm / 2, -c.heightMm / 2, near, far);
  cam.position.copy(eye);
  cam.up.set(...c.up);
  cam.lookAt(...c.target);
  cam.updateMatrixWorld();
  cam.updateProjectionMatrix();
  return cam;
}

/** Rodrigues' rotation of v about a unit axis. */
function rotate(v: Vec3, axis: Vec3, angle: number): Vec3 {
  const k = normalize(axis);
  const cos = Math.cos(angle), sin = Math.sin(angle);
  const kv = cross(k, v);
  const kd = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
  return [0, 1, 2].map((i) => v[i] * cos + kv[i] * sin + k[i] * kd * (1 - cos)) as Vec3;
}
