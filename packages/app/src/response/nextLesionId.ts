import type { LesionKind } from '@voxa/core';

/** The id prefix readers use for each kind of lesion: T1 …, NT1 …, N1 …. */
export const LESION_ID_PREFIX: Readonly<Record<LesionKind, string>> = { target: 'T', 'non-target': 'NT', new: 'N' };

/** The next free id of a kind after the ones in use anywhere in the assessment (T3 after T1, T2; gaps are not reused). */
export function nextLesionId(kind: LesionKind, usedIds: Iterable<string>): string {
  const prefix = LESION_ID_PREFIX[kind];
  // 'N' and 'NT' share a letter: the digits must follow the prefix directly.
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let max = 0;
  for (const id of usedIds) {
    const m = pattern.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${max + 1}`;
}
