import { describe, expect, it } from '@jest/globals';
import { businessDate } from '@kenpo/kernel';
import { initialPayoutState, type PayoutState } from '@kenpo/payouts';
import { planRun, RunPlanning, type PayoutSnapshot } from './run-plan.js';

const account = {
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary' as const,
  accountNumber: '1234567',
  holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
};
const facts = { accountAtApplication: null, insuredDiedOn: null };
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
    account,
    dueDate: '2025-03-07',
    ...over,
  };
}
const on = businessDate('2025-03-07');

describe('planning a payout run (architecture.md 6, domain.md 7)', () => {
  it('takes the due payouts in payout-id order, whatever order the snapshot came in', () => {
    const snapshots: PayoutSnapshot[] = ['c', 'a', 'b'].map((id) => ({ payout: due(id), facts }));
    const plan = planRun(snapshots, on);
    expect(plan.transfers.map((t) => t.payoutId)).toEqual(['a', 'b', 'c']);
    expect(planRun([...snapshots].reverse(), on)).toEqual(plan);
  });

  it('issue 13.2: each payout is paid to the account it recorded, whatever the member registers later', () => {
    const plan = planRun(
      [
        { payout: due('a'), facts },
        { payout: due('b', { accountSource: 'claim', account: claimAccount }), facts },
      ],
      on,
    );
    expect(plan.transfers).toEqual([
      { payoutId: 'a', amount: 10_000, accountSource: 'public-funds', account, offsets: [] },
      { payoutId: 'b', amount: 10_000, accountSource: 'claim', account: claimAccount, offsets: [] },
    ]);
  });

  it('no account, or one the Zengin file cannot carry, holds the payout with the reason', () => {
    const plan = planRun(
      [
        { payout: due('a', { account: undefined }), facts },
        { payout: due('b', { account: { ...account, accountNumber: '12345678' } }), facts },
        { payout: due('c'), facts: { accountAtApplication: null, insuredDiedOn: '2025-03-01' } },
      ],
      on,
    );
    expect(plan.transfers).toEqual([]);
    expect(plan.holds).toEqual([
      { payoutId: 'a', reason: 'no_account', detail: expect.any(String) },
      { payoutId: 'b', reason: 'invalid_account', detail: expect.stringContaining('accountNumber') },
      { payoutId: 'c', reason: 'payee_deceased', detail: expect.any(String) },
    ]);
    expect(JSON.stringify(plan.holds)).not.toContain('12345678');
  });

  it('leaves out payouts not yet due, held or already instructed', () => {
    const plan = planRun(
      [
        { payout: due('a', { dueDate: '2025-03-08' }), facts },
        { payout: due('b', { status: 'held' }), facts },
        { payout: due('c', { status: 'instructed', runIds: ['run-1'] }), facts },
        { payout: due('d'), facts },
      ],
      on,
    );
    expect(plan.transfers.map((t) => t.payoutId)).toEqual(['d']);
    expect(plan.holds).toEqual([]);
  });

  it("domain.md 8.3: past the file's record limit the rest waits for the next run", () => {
    const plan = planRun(
      ['a', 'b', 'c'].map((id) => ({ payout: due(id), facts })),
      on,
      [],
      2,
    );
    expect(plan.transfers.map((t) => t.payoutId)).toEqual(['a', 'b']);
    expect(plan.deferred).toBe(1);
  });
});

describe('recoveries kept back when planning (issue 13.6)', () => {
  const payee = (id: string, over: Partial<PayoutState> = {}) => due(id, { payeeKey: 'm-1:insured', ...over });

  it('keeps the payee’s recoveries back from its payouts, oldest recovery first, and no one else’s', () => {
    const plan = planRun(
      [
        { payout: payee('a'), facts },
        { payout: payee('b'), facts },
        { payout: due('c'), facts },
      ],
      on,
      [
        { recoveryId: 'r-2', payeeKey: 'm-1:insured', outstanding: 4_000 },
        { recoveryId: 'r-1', payeeKey: 'm-1:insured', outstanding: 3_000 },
      ],
    );
    expect(plan.transfers.map(({ payoutId, amount, offsets }) => ({ payoutId, amount, offsets }))).toEqual([
      {
        payoutId: 'a',
        amount: 3_000,
        offsets: [
          { recoveryId: 'r-1', amount: 3_000 },
          { recoveryId: 'r-2', amount: 4_000 },
        ],
      },
      { payoutId: 'b', amount: 10_000, offsets: [] },
      { payoutId: 'c', amount: 10_000, offsets: [] },
    ]);
  });

  it('a payout the recoveries take wholly is settled without a record; a held one keeps nothing back', () => {
    const plan = planRun(
      [
        { payout: payee('a', { account: undefined }), facts },
        { payout: payee('b'), facts },
        { payout: payee('c'), facts },
      ],
      on,
      [{ recoveryId: 'r-1', payeeKey: 'm-1:insured', outstanding: 15_000 }],
    );
    expect(plan.holds.map((h) => h.payoutId)).toEqual(['a']);
    expect(plan.settlements).toEqual([{ payoutId: 'b', offsets: [{ recoveryId: 'r-1', amount: 10_000 }] }]);
    expect(plan.transfers).toMatchObject([
      { payoutId: 'c', amount: 5_000, offsets: [{ recoveryId: 'r-1', amount: 5_000 }] },
    ]);
  });

  it('a payout deferred by the file limits keeps its recoveries for the next run', () => {
    const plan = planRun(
      [
        { payout: due('a'), facts },
        { payout: payee('b'), facts },
      ],
      on,
      [{ recoveryId: 'r-1', payeeKey: 'm-1:insured', outstanding: 2_000 }],
      1,
    );
    expect(plan.transfers.map((t) => t.payoutId)).toEqual(['a']);
    expect(plan.deferred).toBe(1);
  });
});

describe('planning page by page (issue 16.5)', () => {
  const payee = (id: string, amount: number) => due(id, { payeeKey: 'm-1:insured', amount });

  it('decides exactly what one call with every snapshot decides: recoveries, record limit and holds carry over', () => {
    const snapshots: PayoutSnapshot[] = [
      { payout: payee('a', 3_000), facts },
      { payout: payee('b', 3_000), facts },
      { payout: due('c', { account: undefined }), facts },
      { payout: payee('d', 5_000), facts },
      { payout: due('e'), facts },
      { payout: due('f'), facts },
    ];
    const recoveries = [{ recoveryId: 'r-1', payeeKey: 'm-1:insured', outstanding: 7_000 }];
    const whole = planRun(snapshots, on, recoveries, 3);
    const planning = new RunPlanning(on, recoveries, 3);
    const pages = [snapshots.slice(0, 2), snapshots.slice(2, 3), snapshots.slice(3)].map((page) => planning.add(page));
    expect({
      transfers: pages.flatMap((p) => p.transfers),
      settlements: pages.flatMap((p) => p.settlements),
      holds: pages.flatMap((p) => p.holds),
      deferred: pages.reduce((n, p) => n + p.deferred, 0),
    }).toEqual(whole);
    // The recovery reaches over pages: a and b settled by it, d paid less the 1,000 left; the file's limit of 3 too.
    expect(whole.settlements.map((s) => s.payoutId)).toEqual(['a', 'b']);
    expect(whole.transfers.map((t) => [t.payoutId, t.amount])).toEqual([
      ['d', 4_000],
      ['e', 10_000],
      ['f', 10_000],
    ]);
    expect(whole.holds.map((h) => h.payoutId)).toEqual(['c']);
  });

  it('refuses a page that does not come after the previous ones in payout-id order', () => {
    const planning = new RunPlanning(on);
    planning.add([{ payout: due('b'), facts }]);
    expect(() => planning.add([{ payout: due('a'), facts }])).toThrow(/payout-id order/);
  });
});
