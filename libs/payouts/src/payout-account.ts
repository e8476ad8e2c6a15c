import { toZenginKana } from '@kenpo/kernel';
import type { Violation } from '@kenpo/kernel';
import type { PayoutAccount, PayoutAccountSource } from './payout.events.js';
import type { PayoutState } from './payout.state.js';
import { RECIPIENT_ACCOUNT_TYPES } from './zengin/zengin-layout.js';

/** A member's registered 公金受取口座; `holderNameZengin` is used when present (membership stores both forms). */
export type MemberAccount = PayoutAccount & { holderNameZengin?: string };

export type ResolvedPayoutAccount =
  | { kind: 'account'; source: PayoutAccountSource; account: PayoutAccount }
  | { kind: 'hold'; reason: 'no_account' | 'invalid_account' | 'payee_deceased'; detail: string };

/** What a run knows of the member at its snapshot, for the payouts that need it. */
export interface MemberFacts {
  /**
   * The 公金受取口座 registered when the claim was submitted: only for payouts scheduled before accounts were fixed at
   * application (their claims opted into public funds without recording the account).
   */
  accountAtApplication: MemberAccount | null;
  /** The insured's date of death when recorded (null while alive). */
  insuredDiedOn: string | null;
}

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
 * The account a payout run pays into (issue 13.2): exactly the account fixed at application or given by a clerk,
 * never one looked up when the run plans. A payout recorded before accounts were fixed, which opted into public
 * funds, uses the 公金受取口座 registered at its claim's submission (domain.md 7). A deceased insured's 公金受取口座 is
 * never used for a transfer dated after the death (issue 13.3): the payout is held for a clerk to give the heirs'
 * account. Without a usable account the payout is held.
 */
export function resolvePayoutAccount(
  payout: Pick<PayoutState, 'accountSource' | 'account'>,
  facts: MemberFacts,
  transferDate: string,
): ResolvedPayoutAccount {
  const source = payout.accountSource;
  const account = payout.account ?? (source === 'public-funds' ? facts.accountAtApplication : null);
  if (!account) {
    const detail =
      source === 'public-funds'
        ? 'no public-funds account was registered when the claim was submitted: a clerk gives an account'
        : 'no account was recorded for this payout: a clerk gives an account';
    return { kind: 'hold', reason: 'no_account', detail };
  }
  if (source === 'public-funds' && facts.insuredDiedOn !== null && facts.insuredDiedOn < transferDate) {
    return {
      kind: 'hold',
      reason: 'payee_deceased',
      detail:
        "the insured has died: the public-funds account is not used after the death; a clerk gives the heirs' account",
    };
  }
  const checked = checkPayoutAccount(account);
  if ('violations' in checked) {
    return {
      kind: 'hold',
      reason: 'invalid_account',
      detail: `${source} account: ${checked.violations.map((v) => `${v.field} ${v.rule}`).join(', ')}`,
    };
  }
  return { kind: 'account', source, account: checked.account };
}
