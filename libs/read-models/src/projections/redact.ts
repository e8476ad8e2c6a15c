import type { RecordedEvent } from '@kenpo/kernel';
import { type MemberEvent, protectedNumberOf, type RecordedIndividualNumber } from '@kenpo/membership';

/**
 * What a read model keeps of a protected Individual Number: its opaque vault reference only (domain.md 9). No digits,
 * not even the last four: the masked form is asked of the vault when answering, so it dies with the member's key.
 */
const isProtectedNumber = (value: unknown): value is RecordedIndividualNumber =>
  typeof value === 'object' && value !== null && 'ciphertext' in value && ('ref' in value || 'keyedHash' in value);

// Runs for every member event of a rebuild: a plain loop, not Object.entries/fromEntries (issue 16.3's profile).
function redactValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(redactValue);
  if (isProtectedNumber(value)) return { ref: protectedNumberOf(value).ref, ciphertext: '' };
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = redactValue((value as Record<string, unknown>)[key]);
    // A parsed "__proto__" key is data: assigning it would set the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: inner, enumerable: true, writable: true });
    else copy[key] = inner;
  }
  return copy;
}

/** Whether an Individual Number is anywhere in `value`: most member events hold none and need no copy. */
function holdsProtectedNumber(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsProtectedNumber);
  if (isProtectedNumber(value)) return true;
  for (const key in value) if (holdsProtectedNumber((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** `***1234`: the public-funds account number as every view shows it. */
export const maskAccountNumber = (accountNumber: string): string => `***${accountNumber.slice(-4)}`;

const ACCOUNT_EVENTS: ReadonlySet<string> = new Set([
  'PublicFundsAccountRegistered',
  'PublicFundsAccountChanged',
  'AutomaticBenefitPaymentChosen',
]);

/**
 * The member event as read models may see it: of an Individual Number only its vault reference (no ciphertext, no
 * keyed hash or digits that events of the legacy form still carry), and the account number masked. Structural, so a future event carrying a number is covered too.
 */
export function redactMemberEvent(event: RecordedEvent): MemberEvent {
  // Nothing to redact (most events of a rebuild): the event's own data, not a copy, since the fold never changes it.
  if (!ACCOUNT_EVENTS.has(event.type) && !holdsProtectedNumber(event.data))
    return { type: event.type, data: event.data } as MemberEvent;
  const data = redactValue(event.data) as Record<string, unknown>;
  if (
    (event.type === 'PublicFundsAccountRegistered' || event.type === 'PublicFundsAccountChanged') &&
    typeof data.accountNumber === 'string'
  ) {
    data.accountNumber = maskAccountNumber(data.accountNumber);
  }
  const payment = data.payment as { account?: { accountNumber?: unknown } } | undefined;
  if (event.type === 'AutomaticBenefitPaymentChosen' && typeof payment?.account?.accountNumber === 'string') {
    data.payment = {
      ...payment,
      account: { ...payment.account, accountNumber: maskAccountNumber(payment.account.accountNumber) },
    };
  }
  return { type: event.type, data } as MemberEvent;
}
