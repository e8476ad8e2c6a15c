import { describe, expect, it } from '@jest/globals';
import { resolvePayoutAccount } from './payout-account.js';
import type { MemberAccount } from './payout-account.js';
import type { PayoutAccount } from './payout.events.js';

const claimAccount: PayoutAccount = {
  bankCode: '0009',
  branchCode: '001',
  accountType: 'current',
  accountNumber: '765',
  holderName: 'スズキ ハナコ',
};
const memberAccount: MemberAccount = {
  bankCode: '0005',
  branchCode: '123',
  accountType: 'ordinary',
  accountNumber: '1234567',
  holderName: 'ヤマダ タロウ',
  holderNameZengin: 'ﾔﾏﾀﾞ ﾀﾛｳ',
};

describe('resolvePayoutAccount (domain.md 7, architecture.md 6)', () => {
  it('domain.md 7: opted in to 公金受取口座 → the registered account, holder name in Zengin form', () => {
    expect(resolvePayoutAccount({ accountSource: 'public-funds', claimAccount }, memberAccount)).toEqual({
      kind: 'account',
      source: 'public-funds',
      account: {
        bankCode: '0005',
        branchCode: '123',
        accountType: 'ordinary',
        accountNumber: '1234567',
        holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
      },
    });
  });

  it('domain.md 7: not registered → the account written on the claim form', () => {
    expect(resolvePayoutAccount({ accountSource: 'public-funds', claimAccount }, null)).toMatchObject({
      kind: 'account',
      source: 'claim',
      account: { bankCode: '0009', holderName: 'ｽｽﾞｷ ﾊﾅｺ' },
    });
  });

  it('claim form chosen → the claim account even when a public-funds account is registered', () => {
    expect(resolvePayoutAccount({ accountSource: 'claim', claimAccount }, memberAccount)).toMatchObject({
      kind: 'account',
      source: 'claim',
    });
  });

  it('public-funds chosen, none registered and no claim account → held, no_account', () => {
    expect(resolvePayoutAccount({ accountSource: 'public-funds' }, null)).toMatchObject({
      kind: 'hold',
      reason: 'no_account',
    });
  });

  it('domain.md 8.2/8.4: a kanji holder name or a malformed code → held, invalid_account, without the account in the detail', () => {
    const bad = { ...memberAccount, holderNameZengin: undefined, holderName: '山田 太郎', branchCode: '12' };
    const resolved = resolvePayoutAccount({ accountSource: 'public-funds' }, bad);
    expect(resolved).toEqual({
      kind: 'hold',
      reason: 'invalid_account',
      detail: 'public-funds account: account.branchCode digits_exact, account.holderName zengin_charset',
    });
  });
});
