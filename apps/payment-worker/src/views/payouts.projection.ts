import type { Event, RecordedEvent } from '@kenpo/kernel';
import type { PayoutAccount, PayoutAccountSource, PayoutEvent, PayoutHoldReason, PayoutPayee } from '@kenpo/payouts';
import type { Projection } from '@kenpo/read-models';

export type PayoutViewStatus = 'due' | 'held' | 'instructed' | 'settled';

/** The paying account as shown: bank and branch, the account number masked to its last 4 digits. */
export interface MaskedAccount {
  bankCode: string;
  branchCode: string;
  accountType: string;
  accountNumber: string;
}

/**
 * One payout for the run planner (due payouts), clerks (held payouts) and operators: who is paid and where (the
 * account masked; in full only in the events and the transfer file).
 */
export interface PayoutView {
  id: string;
  payoutId: string;
  claimId: string;
  memberId: string;
  amount: number;
  accountSource: PayoutAccountSource;
  payee: PayoutPayee;
  account: MaskedAccount | null;
  /** The last account a clerk gave (issue 13.2), with why. */
  accountReplaced: { reason: string; replacedOn: string; by: string } | null;
  dueDate: string;
  status: PayoutViewStatus;
  hold: { reason: PayoutHoldReason; detail: string; heldOn: string } | null;
  runId: string | null;
  recordIndex: number | null;
  transferDate: string | null;
  settledOn: string | null;
  returns: { runId: string; reasonCode: string; returnedOn: string }[];
  /** Recoveries (返納金) kept back from this payout in its run (issue 13.6); the transfer paid `paidAmount`. */
  offsets: { recoveryId: string; amount: number }[];
  paidAmount: number | null;
  scheduledAt: string;
  updatedAt: string;
  /** The payout stream's revision: send it as If-Match with PUT /payouts/{id}/account. */
  revision: number;
}

/** A recorded event narrowed by its type (RecordedEvent<A | B> alone does not discriminate). */
export type Recorded<E extends Event> = E extends Event ? RecordedEvent<E> : never;
type PayoutRecorded = Recorded<PayoutEvent>;

function masked(account: PayoutAccount | undefined): MaskedAccount | null {
  if (!account) return null;
  const { bankCode, branchCode, accountType, accountNumber } = account;
  return { bankCode, branchCode, accountType, accountNumber: `***${accountNumber.slice(-4)}` };
}

function next(view: PayoutView | null, event: PayoutRecorded): PayoutView | null {
  const after = apply(view, event);
  return after && { ...after, revision: event.revision };
}

function apply(view: PayoutView | null, event: PayoutRecorded): PayoutView | null {
  const at = event.metadata.recordedAt;
  if (event.type === 'PayoutScheduled') {
    const d = event.data;
    return {
      id: d.payoutId,
      payoutId: d.payoutId,
      claimId: d.claimId,
      memberId: d.memberId,
      amount: d.amount,
      accountSource: d.accountSource,
      payee: d.payee ?? { kind: 'insured', name: null, relationship: null },
      account: masked(d.account ?? d.claimAccount),
      accountReplaced: null,
      dueDate: d.dueDate,
      status: 'due',
      hold: null,
      runId: null,
      recordIndex: null,
      transferDate: null,
      settledOn: null,
      returns: [],
      offsets: [],
      paidAmount: null,
      scheduledAt: at,
      updatedAt: at,
      revision: event.revision,
    };
  }
  if (!view) return null; // a payout is always scheduled first in its stream
  switch (event.type) {
    case 'PayoutHeld': {
      const { reason, detail, heldOn } = event.data;
      return { ...view, status: 'held', hold: { reason, detail, heldOn }, updatedAt: at };
    }
    case 'PayoutAccountReplaced': {
      const { account, reason, replacedOn } = event.data;
      const by = event.metadata.actor.id;
      return { ...view, accountSource: 'clerk', account: masked(account), accountReplaced: { reason, replacedOn, by } };
    }
    case 'PayoutReleased':
      return { ...view, status: 'due', hold: null, updatedAt: at };
    case 'PayoutInstructed': {
      const { runId, recordIndex, transferDate, amount, offsets = [] } = event.data;
      return {
        ...view,
        status: 'instructed',
        runId,
        recordIndex,
        transferDate,
        offsets,
        paidAmount: amount,
        updatedAt: at,
      };
    }
    case 'PayoutSettledByOffset': {
      const { runId, offsets, settledOn } = event.data;
      const settled = { runId, transferDate: settledOn, settledOn, offsets, paidAmount: 0 };
      return { ...view, status: 'settled', ...settled, updatedAt: at };
    }
    case 'PayoutInstructionVoided': {
      // The voided run's file is never paid: an instruction it held is undone, the payout due again.
      if (!event.data.wasInstructed) return view;
      const undone = {
        runId: null,
        recordIndex: null,
        transferDate: null,
        settledOn: null,
        offsets: [],
        paidAmount: null,
      };
      return { ...view, status: 'due', ...undone, updatedAt: at };
    }
    case 'PayoutSettled':
      return { ...view, status: 'settled', settledOn: event.data.settledOn, updatedAt: at };
    case 'PayoutReturned': {
      const { runId, reasonCode, returnedOn } = event.data;
      // The PayoutHeld that follows in the same append sets the status.
      return { ...view, settledOn: null, returns: [...view.returns, { runId, reasonCode, returnedOn }], updatedAt: at };
    }
  }
}

export const payoutsProjection: Projection<PayoutView, PayoutRecorded> = {
  name: 'payouts',
  collection: { name: 'payouts', indexes: ['status', 'memberId', 'dueDate', 'runId', 'claimId'] },
  eventTypes: [
    'PayoutScheduled',
    'PayoutHeld',
    'PayoutAccountReplaced',
    'PayoutReleased',
    'PayoutInstructed',
    'PayoutSettledByOffset',
    'PayoutInstructionVoided',
    'PayoutSettled',
    'PayoutReturned',
  ],
  streamPrefixes: ['payout-'],
  idsFor: (event) => [event.data.payoutId],
  apply: next,
};
