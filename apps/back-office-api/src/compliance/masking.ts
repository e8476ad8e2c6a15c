import { protectedNumberOf, type RecordedIndividualNumber } from '@kenpo/membership';
import { maskedNumberOf } from '@kenpo/security';

/**
 * What compliance answers show of protected values: an Individual Number only as the vault's masked form
 * (`********1234` while the member's key lives, `[erased]` after; its ref and ciphertext are dropped, and so are the
 * keyed hash and digits of events of the legacy form), an account number as `***1234`. Structural, so an event type
 * added later that carries a protected number is masked too.
 */
export const maskAccountNumber = (accountNumber: string): string => `***${accountNumber.slice(-4)}`;

const isProtectedNumber = (value: object): value is RecordedIndividualNumber =>
  'ciphertext' in value && typeof value.ciphertext === 'string' && ('ref' in value || 'keyedHash' in value);

/** The vault references of every protected number in `value`, to ask the vault for their masked forms. */
export function numberRefsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(numberRefsIn);
  if (value === null || typeof value !== 'object') return [];
  if (isProtectedNumber(value)) return [protectedNumberOf(value).ref];
  return Object.values(value).flatMap(numberRefsIn);
}

/** A deep copy of `value` with every protected Individual Number and account number masked. */
export function maskPersonalData(value: unknown, masks: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((inner) => maskPersonalData(inner, masks));
  if (value === null || typeof value !== 'object') return value;
  if (isProtectedNumber(value)) return maskedNumberOf(masks, protectedNumberOf(value).ref);
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === 'accountNumber' && typeof inner === 'string'
        ? maskAccountNumber(inner)
        : key === 'keyedHash' || key === 'ciphertext' || key === 'last4'
          ? '********'
          : maskPersonalData(inner, masks),
    ]),
  );
}

const REGISTRY_STREAM = /^(individual-number-)(.+)$/;

/**
 * `individual-number-<id>` registry streams: the legacy ones are named after the keyed hash, the current ones after
 * a random id; both are shown with the id elided.
 */
export function maskStreamId(streamId: string): string {
  return streamId.replace(REGISTRY_STREAM, '$1********');
}
