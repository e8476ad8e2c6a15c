import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@kenpo/kernel';
import { payToOf, type ClaimApprovalEvent, type PayTo } from '@kenpo/benefits';
import type { BankResultsRecorded } from '@kenpo/payouts';
import { bankResultCommands, schedulePayoutFor } from './reactions.js';

const metadata = (eventId: string) => ({
  eventId,
  commandId: eventId,
  correlationId: 'corr-1',
  causationId: eventId,
  actor: { id: 'approver-1', role: 'approver' as const },
  recordedAt: '2025-03-07T01:00:00.000Z',
  schemaVersion: 1,
});

function approval(
  payment: ClaimApprovalEvent['data']['payment'],
  eventId = '0195a000-0000-7000-8000-000000000001',
  payTo: PayTo = payToOf({ payment }),
): RecordedEvent<ClaimApprovalEvent> {
  return {
    streamId: 'claim-c1',
    revision: 1,
    position: 10,
    type: 'BenefitClaimApproved',
    metadata: metadata(eventId),
    data: {
      claimId: 'c1',
      memberId: 'm1',
      personId: 'insured',
      kind: 'childbirth-grant',
      amount: 500_000,
      payment,
      payTo,
      approvedBy: 'approver-1',
      approvedOn: '2025-03-07',
    },
  };
}

describe('payout reactor reactions (architecture.md 6)', () => {
  it('an approved claim schedules one payout on the claim, due on the approval date, with a command id derived from the event', () => {
    const command = schedulePayoutFor(approval({ method: 'public-funds' }), '2025-03-07T02:00:00.000Z');
    // A claim recorded before accounts were fixed: the run reads the account registered at its submission.
    expect(command.data).toEqual({
      claimId: 'c1',
      memberId: 'm1',
      amount: 500_000,
      accountSource: 'public-funds',
      dueDate: '2025-03-07',
      payee: { kind: 'insured', name: null, relationship: null },
      payeeKey: 'm1:insured',
    });
    expect(command.metadata).toMatchObject({
      correlationId: 'corr-1',
      causationId: '0195a000-0000-7000-8000-000000000001',
      actor: { role: 'system' },
    });
    // Re-delivery: the same event gives the same command id (the store then appends nothing); another event another id.
    expect(schedulePayoutFor(approval({ method: 'public-funds' }), '2025-03-08T00:00:00.000Z').metadata.commandId).toBe(
      command.metadata.commandId,
    );
    expect(
      schedulePayoutFor(approval({ method: 'public-funds' }, '0195a000-0000-7000-8000-000000000002'), 'x').metadata
        .commandId,
    ).not.toBe(command.metadata.commandId);
  });

  it("domain.md 7: without the opt-in the claim's account is carried, its holder name in Zengin kana", () => {
    const command = schedulePayoutFor(
      approval({
        method: 'account',
        account: {
          bankCode: '0005',
          branchCode: '123',
          accountType: 'savings',
          accountNumber: '7654321',
          holderName: 'スズキ ハナコ',
          holderNameZengin: 'ｽｽﾞｷ ﾊﾅｺ',
        },
      }),
      'now',
    );
    expect(command.data).toMatchObject({
      accountSource: 'claim',
      account: { accountNumber: '7654321', holderName: 'ｽｽﾞｷ ﾊﾅｺ' },
    });
  });

  it('issue 13.2/13.3: the payee and the account fixed at application are carried exactly; a pending claim is held', () => {
    const account = {
      bankCode: '0001',
      branchCode: '001',
      accountType: 'ordinary' as const,
      accountNumber: '1111111',
      holderName: 'ヤマダ ハナコ',
      holderNameZengin: 'ﾔﾏﾀﾞ ﾊﾅｺ',
    };
    const payee = { kind: 'burial-performer' as const, name: 'ヤマダ ハナコ', relationship: 'spouse' };
    const fixed = schedulePayoutFor(
      approval({ method: 'public-funds' }, undefined, { status: 'fixed', payee, source: 'claim', account }),
      'now',
    );
    expect(fixed.data).toMatchObject({
      accountSource: 'claim',
      account: { accountNumber: '1111111', holderName: 'ﾔﾏﾀﾞ ﾊﾅｺ' },
      payee,
      payeeKey: 'm1:burial-performer:ヤマダハナコ',
    });
    const pending = schedulePayoutFor(
      approval({ method: 'public-funds' }, undefined, {
        status: 'pending',
        payee: { kind: 'insured', name: null, relationship: null },
        reason: 'no_payment_preference',
        detail: 'no preference',
      }),
      'now',
    );
    expect(pending.data).toMatchObject({ pending: { reason: 'no_payment_preference' } });
    expect(pending.data).not.toHaveProperty('account');
  });

  it('bank results become SettlePayout / ReturnPayout per payout', () => {
    const recorded: RecordedEvent<BankResultsRecorded> = {
      streamId: 'transfer-batch-run-1',
      revision: 1,
      position: 20,
      type: 'BankResultsRecorded',
      metadata: metadata('0195a000-0000-7000-8000-000000000003'),
      data: {
        runId: 'run-1',
        receivedOn: '2025-03-09',
        results: [
          { payoutId: 'p1', outcome: 'accepted' },
          { payoutId: 'p2', outcome: 'returned', reasonCode: '01' },
        ],
      },
    };
    const commands = bankResultCommands(recorded, 'now');
    expect(commands.map(({ payoutId, command }) => [payoutId, command.type, command.data])).toEqual([
      ['p1', 'SettlePayout', { runId: 'run-1', settledOn: '2025-03-09' }],
      ['p2', 'ReturnPayout', { runId: 'run-1', reasonCode: '01', returnedOn: '2025-03-09' }],
    ]);
    expect(new Set(commands.map((c) => c.command.metadata.commandId)).size).toBe(2);
  });
});
