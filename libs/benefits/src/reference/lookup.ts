import { inForceOn, RuleViolation, type BusinessDate, type EffectiveDated } from '@kenpo/kernel';

/** The entry in force on a date, with its start date for the breakdown; a date before every entry is refused. */
export function lookup<T>(
  table: readonly EffectiveDated<T>[],
  on: BusinessDate,
  what: string,
): { from: string; value: T } {
  try {
    const value = inForceOn(table, on, what);
    const from = table
      .filter((e) => e.from <= on)
      .map((e) => e.from)
      .sort()
      .at(-1)!;
    return { from, value };
  } catch {
    // Older rules are not held: refusing beats guessing an amount.
    throw RuleViolation.of('date', 'no_reference_data', `no ${what} is held for ${on}`);
  }
}
