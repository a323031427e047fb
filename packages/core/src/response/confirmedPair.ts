import { daysBetween } from './validateResponseInput.ts';

/** An assessment in a best-response sequence: what it was called and when. */
export interface DatedCategory {
  category: string;
  dateIso: string;
}

/**
 * The first assessment i in `first` with a later j in `last`, at least `minDays` on, every
 * assessment between them in `between`: a response and its confirmation (RECIST 1.1 'confirmation').
 */
export function confirmedPair<T extends DatedCategory>(seq: readonly T[], first: ReadonlySet<string>, last: ReadonlySet<string>, between: ReadonlySet<string>, minDays: number): [T, T] | null {
  for (let i = 0; i < seq.length; i++) {
    if (!first.has(seq[i].category)) continue;
    for (let j = i + 1; j < seq.length && between.has(seq[j].category); j++) {
      if (last.has(seq[j].category) && daysBetween(seq[i].dateIso, seq[j].dateIso) >= minDays) return [seq[i], seq[j]];
    }
  }
  return null;
}
