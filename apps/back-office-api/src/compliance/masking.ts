/**
 * What compliance answers show of protected values: an Individual Number only as `********1234` (its ciphertext and
 * keyed hash are dropped: the keyed hash would let a reader link people across systems), an account number as
 * `***1234`. Structural, so an event type added later that carries a protected number is masked too.
 */
export const maskIndividualNumber = (last4: string): string => `********${last4}`;
export const maskAccountNumber = (accountNumber: string): string => `***${accountNumber.slice(-4)}`;

const isProtectedNumber = (value: object): value is { last4: string } =>
  'ciphertext' in value &&
  'keyedHash' in value &&
  'last4' in value &&
  typeof (value as { last4: unknown }).last4 === 'string';

/** A deep copy of `value` with every protected Individual Number and account number masked. */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value === null || typeof value !== 'object') return value;
  if (isProtectedNumber(value)) return maskIndividualNumber(value.last4);
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === 'accountNumber' && typeof inner === 'string'
        ? maskAccountNumber(inner)
        : key === 'keyedHash' || key === 'ciphertext'
          ? '********'
          : maskPersonalData(inner),
    ]),
  );
}

const KEYED_STREAM = /^(individual-number-)(.+)$/;

/** `individual-number-<keyedHash>` streams are named after the keyed hash: shown with the hash elided. */
export function maskStreamId(streamId: string): string {
  return streamId.replace(KEYED_STREAM, '$1********');
}
