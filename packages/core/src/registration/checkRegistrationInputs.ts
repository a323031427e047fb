import { VoxaError } from '../errors/VoxaError.ts';
import type { Volume } from '../volume/Volume.ts';

/**
 * What every registration needs of its inputs: two scalar volumes on 3D grids, and a pyramid of
 * shrink factors ≥ 1, coarse to fine. `what` names the registration in the message.
 */
export function checkRegistrationInputs(fixed: Volume, moving: Volume, levels: readonly number[], what: string): void {
  for (const [name, v] of [['fixed', fixed], ['moving', moving]] as const) {
    if (v.components !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `the ${name} volume has ${v.components} components; ${what} takes scalar volumes`);
    if (v.dimensions.filter((d) => d > 1).length < 3) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `the ${name} volume is ${v.dimensions.join('×')}; ${what} needs a 3D grid`);
  }
  if (!levels.length || levels.some((l) => !(l >= 1))) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `levels ${levels.join(',')}: expected shrink factors ≥ 1, coarse to fine`);
}
