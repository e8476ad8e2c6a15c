import { describe, expect, it } from '@jest/globals';
import type { Event, RecordedEvent } from '@kenpo/kernel';
import { applyEvents, projectAll, type StoredView } from '@kenpo/read-models';
import type { PayoutEvent, TransferBatchEvent } from '@kenpo/payouts';
import { payoutRunsProjection, type PayoutRunView } from './payout-runs.projection.js';
import { payoutsProjection, type PayoutView } from './payouts.projection.js';

let position = 0;
function recorded(streamId: string, event: Event): RecordedEvent {
  position += 1;
  return {
    streamId,
    revision: 0,
    position,
    type: event.type,
    data: event.data,
    metadata: {
      eventId: `e-${position}`,
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'x', role: 'system' },
      recordedAt: `2025-03-07T00:00:0${position % 10}.000Z`,
      schemaVersion: 1,
    },
  };
}
const account = {
  bankCode: '0001',
  branchCode: '001',
  accountType: 'ordinary' as const,
  accountNumber: '1234567',
  holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
};
const payout = (e: PayoutEvent) => recorded(`payout-${e.data.payoutId}`, e);
const batch = (e: TransferBatchEvent) => recorded(`transfer-batch-${e.data.runId}`, e);

const scheduled = payout({
  type: 'PayoutScheduled',
  data: {
    payoutId: 'p1',
    claimId: 'p1',
    memberId: 'm1',
    amount: 5_000,
    accountSource: 'public-funds',
    dueDate: '2025-03-07',
  },
});
const held = payout({
  type: 'PayoutHeld',
  data: { payoutId: 'p1', reason: 'no_account', detail: 'no registered public-funds account', heldOn: '2025-03-07' },
});
const released = payout({
  type: 'PayoutReleased',
  data: { payoutId: 'p1', detail: 'account registered', releasedOn: '2025-03-08' },
});
const created = batch({
  type: 'TransferBatchCreated',
  data: {
    runId: 'run-1',
    fileName: 'f',
    sha256: 'a'.repeat(64),
    count: 1,
    total: 5_000,
    transferDate: '2025-03-08',
    payoutIds: ['p1'],
  },
});
const instructed = payout({
  type: 'PayoutInstructed',
  data: {
    payoutId: 'p1',
    runId: 'run-1',
    recordIndex: 0,
    amount: 5_000,
    transferDate: '2025-03-08',
    accountSource: 'public-funds',
    account,
  },
});
const results = batch({
  type: 'BankResultsRecorded',
  data: {
    runId: 'run-1',
    receivedOn: '2025-03-09',
    results: [{ payoutId: 'p1', outcome: 'returned', reasonCode: '01' }],
  },
});
const returned = payout({
  type: 'PayoutReturned',
  data: { payoutId: 'p1', runId: 'run-1', reasonCode: '01', returnedOn: '2025-03-09' },
});
const heldAgain = payout({
  type: 'PayoutHeld',
  data: { payoutId: 'p1', reason: 'returned', detail: 'bank return code 01', heldOn: '2025-03-09' },
});
const settledBatch = batch({
  type: 'TransferBatchSettled',
  data: { runId: 'run-1', settledOn: '2025-03-09', accepted: 0, returned: 1 },
});
const history = [scheduled, held, released, created, instructed, results, returned, heldAgain, settledBatch];

describe('payout views (architecture.md 5, 6)', () => {
  it('given a payout held, released, instructed and returned, the payouts view shows it held with the return', () => {
    const view = projectAll(payoutsProjection, history).get('p1')!;
    expect(view).toMatchObject({
      status: 'held',
      memberId: 'm1',
      amount: 5_000,
      runId: 'run-1',
      recordIndex: 0,
      hold: { reason: 'returned' },
      returns: [{ runId: 'run-1', reasonCode: '01', returnedOn: '2025-03-09' }],
    });
    expect(JSON.stringify(view)).not.toContain('1234567');
  });

  it('given a run, the runs view counts instructions and bank results and settles', () => {
    const view = projectAll(payoutRunsProjection, history).get('run-1')!;
    expect(view).toMatchObject({
      status: 'settled',
      count: 1,
      total: 5_000,
      instructed: 1,
      accepted: 0,
      returned: 1,
      results: { p1: 'returned' },
    });
  });

  it('a duplicate delivery changes nothing (each view keeps the position it applied)', () => {
    for (const projection of [payoutsProjection, payoutRunsProjection] as const) {
      const views = new Map<string, StoredView<PayoutView | PayoutRunView> | null>();
      applyEvents(projection as never, views, history);
      const once = JSON.stringify([...views]);
      const again = applyEvents(projection as never, views, [instructed, results, created]);
      expect(again.applied).toBe(0);
      expect(JSON.stringify([...views])).toBe(once);
    }
  });

  it('an empty run is listed as nothing to pay', () => {
    const empty = recorded('payout-run-run-2', {
      type: 'PayoutRunFoundNothingToPay',
      data: { runId: 'run-2', transferDate: '2025-03-10', held: 2 },
    });
    expect(projectAll(payoutRunsProjection, [empty]).get('run-2')).toMatchObject({
      status: 'nothing-to-pay',
      held: 2,
      fileName: null,
      count: 0,
    });
  });
});
