import { ValidationError } from './errors.js';

/** Money is whole yen, never fractions: a branded integer. */
export type Yen = number & { readonly __brand: 'Yen' };

export function yen(amount: number, field = 'amount'): Yen {
  if (!Number.isSafeInteger(amount)) {
    throw ValidationError.of(field, 'integer_yen', 'must be a whole number of yen');
  }
  return amount as Yen;
}

export type RoundingMode = 'half_up' | 'floor' | 'ceil';

/** Rounds a (possibly fractional) yen figure to a multiple of `unit` yen with the given mode. */
export function roundYen(amount: number, unit = 1, mode: RoundingMode = 'half_up'): Yen {
  const scaled = amount / unit;
  // Guard against binary artefacts such as 6886.999999999 for an exact 6887.
  const nudged = Math.round(scaled * 1e9) / 1e9;
  const rounded =
    mode === 'floor' ? Math.floor(nudged) : mode === 'ceil' ? Math.ceil(nudged) : Math.floor(nudged + 0.5);
  return (rounded * unit) as Yen;
}

export function sumYen(amounts: readonly number[]): Yen {
  return yen(amounts.reduce((total, a) => total + a, 0));
}
