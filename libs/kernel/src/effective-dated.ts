import type { BusinessDate } from './business-date.js';

/** A value that applies from a date on (inclusive), until the next entry's date. */
export interface EffectiveDated<T> {
  from: string;
  value: T;
}

/** Picks the entry in force on `on`; entries may be in any order. Throws when none applies (a data gap is a bug). */
export function inForceOn<T>(table: readonly EffectiveDated<T>[], on: BusinessDate, what = 'reference data'): T {
  let best: EffectiveDated<T> | undefined;
  for (const entry of table) {
    if (entry.from <= on && (!best || entry.from > best.from)) best = entry;
  }
  if (!best) throw new Error(`no ${what} in force on ${on}`);
  return best.value;
}
