import { assertNoViolations, toZenginKana, ValidationError, type Violation } from '@kenpo/kernel';
import type { AccountType, PaymentInstruction } from '../claim.types.js';

const ACCOUNT_TYPES: readonly AccountType[] = ['ordinary', 'current', 'savings'];

function digits(field: string, value: unknown, length: number): Violation[] {
  return typeof value === 'string' && new RegExp(`^\\d{${length}}$`).test(value)
    ? []
    : [{ field, rule: 'digits', message: `must be ${length} digits` }];
}

/** Checks the payment instruction and adds the Zengin form of the holder name for the transfer file. */
export function paymentInstruction(payment: PaymentInstruction | undefined): PaymentInstruction {
  if (payment?.method === 'public-funds') return { method: 'public-funds' };
  if (payment?.method !== 'account' || typeof payment.account !== 'object' || payment.account === null) {
    throw ValidationError.of('payment.method', 'one_of', "must be 'public-funds' or 'account' with an account");
  }
  const a = payment.account;
  const holder = typeof a.holderName === 'string' && a.holderName.trim() !== '' ? toZenginKana(a.holderName) : null;
  assertNoViolations([
    ...digits('payment.account.bankCode', a.bankCode, 4),
    ...digits('payment.account.branchCode', a.branchCode, 3),
    ...(ACCOUNT_TYPES.includes(a.accountType)
      ? []
      : [
          {
            field: 'payment.account.accountType',
            rule: 'one_of',
            message: `must be one of ${ACCOUNT_TYPES.join(', ')}`,
          },
        ]),
    ...digits('payment.account.accountNumber', a.accountNumber, 7),
    ...(holder === null
      ? [{ field: 'payment.account.holderName', rule: 'required', message: 'is required' }]
      : holder.ok
        ? []
        : [
            {
              field: 'payment.account.holderName',
              rule: 'zengin_kana',
              message: `contains ${holder.invalidCharacters.length} character(s) that cannot be written in Zengin half-width kana`,
            },
          ]),
  ]);
  return {
    method: 'account',
    account: {
      bankCode: a.bankCode,
      branchCode: a.branchCode,
      accountType: a.accountType,
      accountNumber: a.accountNumber,
      holderName: a.holderName,
      holderNameZengin: holder && holder.ok ? holder.value : '',
    },
  };
}
