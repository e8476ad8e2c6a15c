import type { RecoveryEvent, RecoveryOpened } from '@kenpo/payouts';
import type { Projection } from '@kenpo/read-models';
import type { Recorded } from './payouts.projection.js';

/**
 * One recovery (返納金, issue 13.6) for operators, clerks and compliance: what the claim paid too much, what was kept
 * back from which payout and what was repaid, until nothing is outstanding. `refund-due` only when a repayment
 * crossed a run's offset.
 */
export type RecoveryView = RecoveryOpened['data'] & {
  id: string;
  offsets: { runId: string; payoutId: string; amount: number }[];
  repayments: { amount: number; receivedOn: string; note: string; recordedBy: string }[];
  outstanding: number;
  status: 'outstanding' | 'recovered' | 'refund-due';
  updatedAt: string;
  /** The recovery stream's revision: send it as If-Match with a repayment. */
  revision: number;
};

type RecoveryRecorded = Recorded<RecoveryEvent>;

function settled(view: RecoveryView): RecoveryView {
  const kept = view.offsets.reduce((sum, o) => sum + o.amount, 0);
  const outstanding = view.amount - kept - view.repayments.reduce((sum, r) => sum + r.amount, 0);
  const status = outstanding > 0 ? 'outstanding' : outstanding === 0 ? 'recovered' : 'refund-due';
  return { ...view, outstanding, status };
}

function next(view: RecoveryView | null, event: RecoveryRecorded): RecoveryView | null {
  const at = event.metadata.recordedAt;
  const revision = event.revision;
  if (event.type === 'RecoveryOpened') {
    const { recoveryId, amount } = event.data;
    return settled({
      id: recoveryId,
      ...event.data,
      offsets: [],
      repayments: [],
      outstanding: amount,
      status: 'outstanding',
      updatedAt: at,
      revision,
    });
  }
  if (!view) return null;
  switch (event.type) {
    case 'RecoveryOffset': {
      const { runId, payoutId, amount } = event.data;
      return settled({ ...view, offsets: [...view.offsets, { runId, payoutId, amount }], updatedAt: at, revision });
    }
    case 'RecoveryOffsetReversed': {
      const { runId, payoutId } = event.data;
      const offsets = view.offsets.filter((o) => !(o.runId === runId && o.payoutId === payoutId));
      return settled({ ...view, offsets, updatedAt: at, revision });
    }
    case 'RecoveryRepaid': {
      const { amount, receivedOn, note } = event.data;
      const repayment = { amount, receivedOn, note, recordedBy: event.metadata.actor.id };
      return settled({ ...view, repayments: [...view.repayments, repayment], updatedAt: at, revision });
    }
  }
}

export const recoveriesProjection: Projection<RecoveryView, RecoveryRecorded> = {
  name: 'recoveries',
  collection: { name: 'recoveries', indexes: ['status', 'memberId', 'payeeKey', 'claimId', 'recordedOn'] },
  eventTypes: ['RecoveryOpened', 'RecoveryOffset', 'RecoveryOffsetReversed', 'RecoveryRepaid'],
  streamPrefixes: ['recovery-'],
  idsFor: (event) => [event.data.recoveryId],
  apply: next,
};
