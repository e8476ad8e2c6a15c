import { describe, expect, it } from '@jest/globals';
import { businessDate } from '@kenpo/kernel';
import { initialPayoutState, type PayoutState } from '@kenpo/payouts';
import { planRun, type PayoutSnapshot } from './run-plan.js';

const memberAccount = {
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary' as const,
  accountNumber: '1234567',
  holderName: 'ヤマダ タロウ',
  holderNameZengin: 'ﾔﾏﾀﾞ ﾀﾛｳ',
};
const claimAccount = {
  bankCode: '0005',
  branchCode: '123',
  accountType: 'savings' as const,
  accountNumber: '7654321',
  holderName: 'ｽｽﾞｷ ﾊﾅｺ',
};

function due(payoutId: string, over: Partial<PayoutState> = {}): PayoutState {
  return {
    ...initialPayoutState(),
    status: 'due',
    payoutId,
    claimId: payoutId,
    memberId: `m-${payoutId}`,
    amount: 10_000,
    accountSource: 'public-funds',
    dueDate: '2025-03-07',
    ...over,
  };
}
const on = businessDate('2025-03-07');

describe('planning a payout run (architecture.md 6, domain.md 7)', () => {
  it('takes the due payouts in payout-id order, whatever order the snapshot came in', () => {
    const snapshots: PayoutSnapshot[] = ['c', 'a', 'b'].map((id) => ({ payout: due(id), memberAccount }));
    const plan = planRun(snapshots, on);
    expect(plan.transfers.map((t) => t.payoutId)).toEqual(['a', 'b', 'c']);
    expect(planRun([...snapshots].reverse(), on)).toEqual(plan);
  });

  it('domain.md 7: the registered account where the claim opted in, the claim account otherwise; holder names in Zengin kana', () => {
    const plan = planRun(
      [
        { payout: due('a'), memberAccount },
        { payout: due('b', { accountSource: 'claim', claimAccount }), memberAccount },
      ],
      on,
    );
    expect(plan.transfers).toEqual([
      {
        payoutId: 'a',
        amount: 10_000,
        accountSource: 'public-funds',
        account: {
          ...claimAccount,
          bankCode: '0001',
          branchCode: '001',
          accountType: 'ordinary',
          accountNumber: '1234567',
          holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
        },
      },
      { payoutId: 'b', amount: 10_000, accountSource: 'claim', account: claimAccount },
    ]);
  });

  it('no account, or one the Zengin file cannot carry, holds the payout with the reason', () => {
    const plan = planRun(
      [
        { payout: due('a'), memberAccount: null },
        { payout: due('b'), memberAccount: { ...memberAccount, accountNumber: '12345678' } },
      ],
      on,
    );
    expect(plan.transfers).toEqual([]);
    expect(plan.holds).toEqual([
      { payoutId: 'a', reason: 'no_account', detail: expect.any(String) },
      { payoutId: 'b', reason: 'invalid_account', detail: expect.stringContaining('accountNumber') },
    ]);
    expect(JSON.stringify(plan.holds)).not.toContain('12345678');
  });

  it('leaves out payouts not yet due, held or already instructed', () => {
    const plan = planRun(
      [
        { payout: due('a', { dueDate: '2025-03-08' }), memberAccount },
        { payout: due('b', { status: 'held' }), memberAccount },
        { payout: due('c', { status: 'instructed', runIds: ['run-1'] }), memberAccount },
        { payout: due('d'), memberAccount },
      ],
      on,
    );
    expect(plan.transfers.map((t) => t.payoutId)).toEqual(['d']);
    expect(plan.holds).toEqual([]);
  });

  it("domain.md 8.3: past the file's record limit the rest waits for the next run", () => {
    const plan = planRun(
      ['a', 'b', 'c'].map((id) => ({ payout: due(id), memberAccount })),
      on,
      2,
    );
    expect(plan.transfers.map((t) => t.payoutId)).toEqual(['a', 'b']);
    expect(plan.deferred).toBe(1);
  });
});
