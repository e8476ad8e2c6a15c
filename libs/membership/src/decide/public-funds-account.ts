import { assertNoViolations, toZenginKana } from '@kenpo/kernel';
import type { RegisterPublicFundsAccount, RemovePublicFundsAccount } from '../member.commands.js';
import { INSURED, type AccountType, type MemberEvent, type PublicFundsAccount } from '../member.events.js';
import type { MemberState } from '../member.state.js';
import { requireEnrolled, today } from './context.js';
import { digits, oneOf, requiredText } from './fields.js';

const ACCOUNT_TYPES: readonly AccountType[] = ['ordinary', 'current', 'savings'];

/**
 * 公金受取口座 of the insured (domain.md 7). Whether the bank and branch codes exist (zengin-code) is checked by the
 * API; here: formats, and a holder name the Zengin half-width set can carry (domain.md 8.4). Registering or
 * changing the account is what releases held payouts, so re-sending the same account records nothing.
 */
export function registerPublicFundsAccount(command: RegisterPublicFundsAccount, state: MemberState): MemberEvent[] {
  const d = command.data;
  const holder = typeof d.holderName === 'string' ? toZenginKana(d.holderName) : null;
  assertNoViolations([
    ...digits('bankCode', d.bankCode, 4),
    ...digits('branchCode', d.branchCode, 3),
    ...oneOf('accountType', d.accountType, ACCOUNT_TYPES),
    ...digits('accountNumber', d.accountNumber, 7),
    ...requiredText('holderName', d.holderName),
    ...(holder && !holder.ok
      ? [
          {
            field: 'holderName',
            rule: 'zengin_kana',
            message: `contains ${holder.invalidCharacters.length} character(s) that cannot be written in Zengin half-width kana`,
          },
        ]
      : []),
  ]);
  requireEnrolled(state);
  const account: PublicFundsAccount = {
    bankCode: d.bankCode,
    branchCode: d.branchCode,
    accountType: d.accountType,
    accountNumber: d.accountNumber,
    holderName: d.holderName,
    holderNameZengin: holder && holder.ok ? holder.value : '',
  };
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
