import type { Vec3 } from '@voxa/core';

export type { Vec3 };

export function lengthOf3(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}
