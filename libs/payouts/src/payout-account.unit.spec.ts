import { describe, expect, it } from '@jest/globals';
import { resolvePayoutAccount } from './payout-account.js';
import type { MemberAccount, MemberFacts } from './payout-account.js';
import type { PayoutAccount } from './payout.events.js';

const fixed: PayoutAccount = {
  bankCode: '0009',
  branchCode: '001',
  accountType: 'current',
  accountNumber: '765',
  holderName: 'ｽｽﾞｷ ﾊﾅｺ',
};
const registeredAtApplication: MemberAccount = {
  bankCode: '0005',
  branchCode: '123',
  accountType: 'ordinary',
  accountNumber: '1234567',
  holderName: 'ヤマダ タロウ',
  holderNameZengin: 'ﾔﾏﾀﾞ ﾀﾛｳ',
};
const alive: MemberFacts = { accountAtApplication: null, insuredDiedOn: null };
const on = '2025-03-07';

describe('resolvePayoutAccount (issue 13.2/13.3, domain.md 7)', () => {
  it('pays exactly the account fixed at application, whatever its source', () => {
    for (const accountSource of ['public-funds', 'claim', 'benefit-account', 'clerk'] as const)
      expect(resolvePayoutAccount({ accountSource, account: fixed }, alive, on)).toEqual({
        kind: 'account',
        source: accountSource,
        account: fixed,
      });
  });

  it('domain.md 7: a payout recorded before accounts were fixed uses the 公金受取口座 registered at its claim’s submission', () => {
    const facts = { accountAtApplication: registeredAtApplication, insuredDiedOn: null };
    expect(resolvePayoutAccount({ accountSource: 'public-funds' }, facts, on)).toEqual({
      kind: 'account',
      source: 'public-funds',
      account: {
        ...fixed,
        bankCode: '0005',
        branchCode: '123',
        accountType: 'ordinary',
        accountNumber: '1234567',
        holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
      },
    });
    expect(resolvePayoutAccount({ accountSource: 'public-funds' }, alive, on)).toMatchObject({
      kind: 'hold',
      reason: 'no_account',
    });
  });

  it('issue 13.3: a deceased insured’s 公金受取口座 is not used for a transfer after the death date; another account is', () => {
    const died = (insuredDiedOn: string): MemberFacts => ({ accountAtApplication: null, insuredDiedOn });
    expect(
      resolvePayoutAccount({ accountSource: 'public-funds', account: fixed }, died('2025-03-06'), on),
    ).toMatchObject({
      kind: 'hold',
      reason: 'payee_deceased',
    });
    expect(
      resolvePayoutAccount({ accountSource: 'public-funds', account: fixed }, died('2025-03-07'), on),
    ).toMatchObject({
      kind: 'account',
    });
    expect(resolvePayoutAccount({ accountSource: 'clerk', account: fixed }, died('2025-01-01'), on)).toMatchObject({
      kind: 'account',
      source: 'clerk',
    });
  });

  it('domain.md 8.2/8.4: a kanji holder name or a malformed code → held, invalid_account, without the account in the detail', () => {
    const bad = { ...registeredAtApplication, holderNameZengin: undefined, holderName: '山田 太郎', branchCode: '12' };
    const resolved = resolvePayoutAccount({ accountSource: 'claim', account: bad }, alive, on);
    expect(resolved).toEqual({
      kind: 'hold',
      reason: 'invalid_account',
      detail: 'claim account: account.branchCode digits_exact, account.holderName zengin_charset',
    });
  });
});
