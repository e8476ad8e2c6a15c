import type { BankResultOutcome, PayoutInstructed, TransferBatchEvent } from '@kenpo/payouts';
import type { Projection } from '@kenpo/read-models';
import type { PayoutRunFoundNothingToPay } from '../run/payout-run-record.js';
import { payoutsProjection, type Recorded } from './payouts.projection.js';

/** One payout run: its transfer file (name, sha256, count, total), instruction progress and bank results. */
export interface PayoutRunView {
  id: string;
  runId: string;
  status: 'created' | 'settled' | 'nothing-to-pay';
  transferDate: string;
  fileName: string | null;
  sha256: string | null;
  count: number;
  total: number;
  /** Payouts whose PayoutInstructed for this run is recorded (equals `count` once the run finished). */
  instructed: number;
  /** Held by an empty run (a run with transfers leaves its holds on the payouts). */
  held: number;
  /** The latest bank result per payout id. */
  results: Record<string, BankResultOutcome>;
  accepted: number;
  returned: number;
  createdAt: string;
  settledOn: string | null;
}

type RunEvent = Recorded<TransferBatchEvent | PayoutInstructed | PayoutRunFoundNothingToPay>;

function counted(results: Record<string, BankResultOutcome>, outcome: BankResultOutcome): number {
  return Object.values(results).filter((o) => o === outcome).length;
}

function next(view: PayoutRunView | null, event: RunEvent): PayoutRunView | null {
  const at = event.metadata.recordedAt;
  const empty = {
    fileName: null,
    sha256: null,
    count: 0,
    total: 0,
    instructed: 0,
    held: 0,
    results: {},
    accepted: 0,
    returned: 0,
    settledOn: null,
  };
  switch (event.type) {
    case 'TransferBatchCreated': {
      const { runId, fileName, sha256, count, total, transferDate } = event.data;
      return {
        ...empty,
        id: runId,
        runId,
        status: 'created',
        transferDate,
        fileName,
        sha256,
        count,
        total,
        createdAt: at,
      };
    }
    case 'PayoutRunFoundNothingToPay': {
      const { runId, transferDate, held } = event.data;
      return { ...empty, id: runId, runId, status: 'nothing-to-pay', transferDate, held, createdAt: at };
    }
    case 'PayoutInstructed':
      return view && { ...view, instructed: view.instructed + 1 };
    case 'BankResultsRecorded': {
      if (!view) return null;
      const results = { ...view.results };
      for (const r of event.data.results) results[r.payoutId] = r.outcome;
      return { ...view, results, accepted: counted(results, 'accepted'), returned: counted(results, 'returned') };
    }
    case 'TransferBatchSettled':
      return view && { ...view, status: 'settled', settledOn: event.data.settledOn };
  }
}

export const payoutRunsProjection: Projection<PayoutRunView, RunEvent> = {
  name: 'payout-runs',
  collection: { name: 'payout_runs', indexes: ['status', 'transferDate', 'createdAt'] },
  eventTypes: [
    'TransferBatchCreated',
    'BankResultsRecorded',
    'TransferBatchSettled',
    'PayoutInstructed',
    'PayoutRunFoundNothingToPay',
  ],
  streamPrefixes: ['transfer-batch-', 'payout-'],
  idsFor: (event) => [event.data.runId],
  apply: next,
};

export const PAYOUT_PROJECTIONS = [payoutsProjection, payoutRunsProjection] as const;
