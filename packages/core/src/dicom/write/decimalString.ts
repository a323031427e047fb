import { VoxaError } from '../../errors/VoxaError.ts';

/**
 * A number as a DICOM Decimal String value (PS3.5 §6.2, DS: at most 16 characters): the
 * shortest round-trip form when it fits, else the most significant digits that do.
 */
export function formatDecimalString(x: number): string {
  if (!Number.isFinite(x)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { value: String(x) }, 'a DS value must be finite');
  if (x === 0) return '0';
  const s = String(x);
  if (s.length <= 16) return s;
  for (let p = 15; p >= 1; p--) {
    const t = String(Number(x.toPrecision(p)));
    if (t.length <= 16) return t;
  }
  throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { value: s }, 'the number does not fit a 16-character DS');
}
