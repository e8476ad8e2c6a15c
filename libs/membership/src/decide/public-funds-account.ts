import { assertNoViolations, toZenginKana } from '@kenpo/kernel';
import type { RegisterPublicFundsAccount, RemovePublicFundsAccount } from '../member.commands.js';
import { INSURED, type AccountType, type MemberEvent, type PublicFundsAccount } from '../member.events.js';
import type { MemberState } from '../member.state.js';
import { requireEnrolled, today } from './context.js';
import { digits, oneOf, requiredText } from './fields.js';

const ACCOUNT_TYPES: readonly AccountType[] = ['ordinary', 'current', 'savings'];

/** A bank account's formats, and a holder name the Zengin half-width set can carry (domain.md 8.4). */
export function checkedAccount(
  d: Partial<Record<keyof RegisterPublicFundsAccount['data'], unknown>>,
  prefix = '',
): PublicFundsAccount {
  const holder = typeof d.holderName === 'string' ? toZenginKana(d.holderName) : null;
  assertNoViolations([
    ...digits(`${prefix}bankCode`, d.bankCode, 4),
    ...digits(`${prefix}branchCode`, d.branchCode, 3),
    ...oneOf(`${prefix}accountType`, d.accountType, ACCOUNT_TYPES),
    ...digits(`${prefix}accountNumber`, d.accountNumber, 7),
    ...requiredText(`${prefix}holderName`, d.holderName),
    ...(holder && !holder.ok
      ? [
          {
            field: `${prefix}holderName`,
            rule: 'zengin_kana',
            message: `contains ${holder.invalidCharacters.length} character(s) that cannot be written in Zengin half-width kana`,
          },
        ]
      : []),
  ]);
  return {
    bankCode: d.bankCode as string,
    branchCode: d.branchCode as string,
    accountType: d.accountType as AccountType,
    accountNumber: d.accountNumber as string,
    holderName: d.holderName as string,
    holderNameZengin: holder && holder.ok ? holder.value : '',
  };
}

/**
 * 公金受取口座 of the insured (domain.md 7). Whether the bank and branch codes exist (zengin-code) is checked by the
 * API; here: formats and the holder name. Registering or changing the account is what releases held payouts, so
 * re-sending the same account records nothing.
 */
export function registerPublicFundsAccount(command: RegisterPublicFundsAccount, state: MemberState): MemberEvent[] {
  const account = checkedAccount(command.data);
  requireEnrolled(state);
  const current = state.account;
  if (current && (Object.keys(account) as (keyof PublicFundsAccount)[]).every((k) => current[k] === account[k]))
    return [];
  const data = { personId: INSURED, ...account, effectiveOn: today(command) };
  return [current ? { type: 'PublicFundsAccountChanged', data } : { type: 'PublicFundsAccountRegistered', data }];
}

export function removePublicFundsAccount(command: RemovePublicFundsAccount, state: MemberState): MemberEvent[] {
  requireEnrolled(state);
  if (!state.account) return [];
  return [{ type: 'PublicFundsAccountRemoved', data: { personId: INSURED, effectiveOn: today(command) } }];
}
