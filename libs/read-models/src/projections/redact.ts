import type { RecordedEvent } from '@kenpo/kernel';
import type { MemberEvent } from '@kenpo/membership';

/** What a read model keeps of a protected Individual Number: the last 4 digits only (domain.md 9). */
export const REDACTED_NUMBER = { ciphertext: '', keyedHash: '' } as const;

const isProtectedNumber = (value: unknown): value is { last4: string } =>
  typeof value === 'object' && value !== null && 'ciphertext' in value && 'keyedHash' in value && 'last4' in value;

function redactValue(value: unknown): unknown {
  if (isProtectedNumber(value)) return { ...REDACTED_NUMBER, last4: value.last4 };
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactValue(inner)]));
  }
  return value;
}

/** `***1234`: the public-funds account number as every view shows it. */
export const maskAccountNumber = (accountNumber: string): string => `***${accountNumber.slice(-4)}`;

/**
 * The member event as read models may see it: no ciphertext nor keyed hash of an Individual Number (the keyed hash
 * would let anyone with read access link people across systems; duplicates are found through the registry
 * streams instead), and the account number masked. Structural, so a future event carrying a number is covered too.
 */
export function redactMemberEvent(event: RecordedEvent): MemberEvent {
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
