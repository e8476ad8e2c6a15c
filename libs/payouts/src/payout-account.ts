import { toZenginKana } from '@kenpo/kernel';
import type { Violation } from '@kenpo/kernel';
import type { PayoutAccount, PayoutAccountSource } from './payout.events.js';
import type { PayoutState } from './payout.state.js';
import { RECIPIENT_ACCOUNT_TYPES } from './zengin/zengin-layout.js';

/** A member's registered 公金受取口座; `holderNameZengin` is used when present (membership stores both forms). */
export type MemberAccount = PayoutAccount & { holderNameZengin?: string };

export type ResolvedPayoutAccount =
  | { kind: 'account'; source: PayoutAccountSource; account: PayoutAccount }
  | { kind: 'hold'; reason: 'no_account' | 'invalid_account'; detail: string };

/**
 * What a Zengin data record needs from an account (domain.md 8.2, 8.4). Returns the account with the holder
 * name in Zengin form, or the violations (field and rule only: no account data in messages).
 */
export function checkPayoutAccount(
  account: MemberAccount,
  field = 'account',
): { account: PayoutAccount } | { violations: Violation[] } {
  const violations: Violation[] = [];
  const fail = (key: string, rule: string, message: string) =>
    violations.push({ field: `${field}.${key}`, rule, message });
  if (!/^\d{4}$/.test(account.bankCode)) fail('bankCode', 'digits_exact', 'bank code must be 4 digits');
  if (!/^\d{3}$/.test(account.branchCode)) fail('branchCode', 'digits_exact', 'branch code must be 3 digits');
  if (!RECIPIENT_ACCOUNT_TYPES.includes(account.accountType))
    fail('accountType', 'account_type', `account type must be one of ${RECIPIENT_ACCOUNT_TYPES.join(', ')}`);
  if (!/^\d{1,7}$/.test(account.accountNumber))
    fail('accountNumber', 'digits_max', 'account number must be 1 to 7 digits');
  const name = toZenginKana(account.holderNameZengin ?? account.holderName);
  if (!name.ok)
    fail('holderName', 'zengin_charset', 'holder name has characters outside the Zengin set (domain.md 8.4)');
  else if (name.value.trim() === '') fail('holderName', 'required', 'holder name is required');
  if (violations.length > 0 || !name.ok) return { violations };
  const { bankCode, branchCode, accountType, accountNumber } = account;
  return { account: { bankCode, branchCode, accountType, accountNumber, holderName: name.value } };
}

/**
 * The account a payout run pays into (architecture.md 6): the member's registered public-funds account where the
 * member opted in on the claim (domain.md 7), otherwise the account on the claim; with neither, the payout is held.
 * The caller passes the member account registered at the time of application (domain.md 7: later changes are not
 * applied automatically).
 */
export function resolvePayoutAccount(
  payout: Pick<PayoutState, 'accountSource' | 'claimAccount'>,
  memberAccount: MemberAccount | null,
): ResolvedPayoutAccount {
  const candidates: [PayoutAccountSource, MemberAccount | undefined][] =
    payout.accountSource === 'public-funds'
      ? [
          ['public-funds', memberAccount ?? undefined],
          ['claim', payout.claimAccount],
        ]
      : [['claim', payout.claimAccount]];
  const found = candidates.find(([, account]) => account !== undefined);
  if (!found) {
    const detail =
      payout.accountSource === 'public-funds'
        ? 'no registered public-funds account and no account on the claim'
        : 'no account on the claim';
    return { kind: 'hold', reason: 'no_account', detail };
  }
  const [source, account] = found;
  const checked = checkPayoutAccount(account!);
  if ('violations' in checked) {
    return {
      kind: 'hold',
      reason: 'invalid_account',
      detail: `${source} account: ${checked.violations.map((v) => `${v.field} ${v.rule}`).join(', ')}`,
    };
  }
  return { kind: 'account', source, account: checked.account };
}
