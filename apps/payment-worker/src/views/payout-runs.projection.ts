import type { BankResultOutcome, PayoutInstructed, PayoutRunEvent, TransferBatchEvent } from '@kenpo/payouts';
import type { Projection } from '@kenpo/read-models';
import { payoutsProjection, type Recorded } from './payouts.projection.js';
import { recoveriesProjection } from './recoveries.projection.js';

/**
 * requested: recorded, not planned yet; planned: plan and file recorded, instructions under way (not payable);
 * created: the file is final and payable; settled: every record has a bank result; nothing-to-pay: no file;
 * voided: never to be paid from (issue 18).
 */
export type PayoutRunStatus = 'requested' | 'planned' | 'created' | 'settled' | 'nothing-to-pay' | 'voided';

/** One payout run: its request, its transfer file (name, sha256, count, total), progress, bank results, its end. */
export interface PayoutRunView {
  id: string;
  runId: string;
  status: PayoutRunStatus;
  trigger: 'operator' | 'schedule' | null;
  requestedBy: { id: string; role: string } | null;
  transferDate: string;
  fileName: string | null;
  sha256: string | null;
  count: number;
  total: number;
  /** Payouts whose PayoutInstructed for this run is recorded (equals `count` once the run finished). */
  instructed: number;
  /** Recoveries (返納金) kept back from the run's payouts, in yen, and payouts they took wholly (issue 13.6). */
  offsetTotal: number;
  offsetSettled: number;
  /** Held by an empty run (a run with transfers leaves its holds on the payouts). */
  held: number;
  /** The latest bank result per payout id. */
  results: Record<string, BankResultOutcome>;
  accepted: number;
  returned: number;
  /** Each time recovery took the run up again after a crash or a lost queue job. */
  resumed: { trigger: string; detail: string; at: string }[];
  voided: { reason: string; detail: string; voidedOn: string } | null;
  createdAt: string;
  settledOn: string | null;
}

type RunEvent = Recorded<TransferBatchEvent | PayoutInstructed | PayoutRunEvent>;

function counted(results: Record<string, BankResultOutcome>, outcome: BankResultOutcome): number {
  return Object.values(results).filter((o) => o === outcome).length;
}

function fresh(runId: string, transferDate: string, at: string): PayoutRunView {
  return {
    id: runId,
    runId,
    status: 'requested',
    trigger: null,
    requestedBy: null,
    transferDate,
    fileName: null,
    sha256: null,
    count: 0,
    total: 0,
    instructed: 0,
    offsetTotal: 0,
    offsetSettled: 0,
    held: 0,
    results: {},
    accepted: 0,
    returned: 0,
    resumed: [],
    voided: null,
    createdAt: at,
    settledOn: null,
  };
}

function next(view: PayoutRunView | null, event: RunEvent): PayoutRunView | null {
  const at = event.metadata.recordedAt;
  switch (event.type) {
    case 'PayoutRunRequested': {
      const { runId, transferDate, trigger, requestedBy } = event.data;
      return { ...(view ?? fresh(runId, transferDate, at)), trigger, requestedBy: { ...requestedBy } };
    }
    case 'TransferBatchCreated': {
      // Runs recorded before requests were start here.
      const { runId, fileName, sha256, count, total, transferDate, offsets = [], offsetSettledIds = [] } = event.data;
      const offsetTotal = offsets.reduce((sum, o) => sum + o.amount, 0);
      const file = { fileName: count > 0 ? fileName : null, sha256: count > 0 ? sha256 : null, count, total };
      const planned = { status: 'planned' as const, ...file, offsetTotal, offsetSettled: offsetSettledIds.length };
      return { ...(view ?? fresh(runId, transferDate, at)), ...planned };
    }
    case 'TransferBatchCompleted':
      return view && { ...view, status: 'created' };
    case 'PayoutRunFoundNothingToPay': {
      const { runId, transferDate, held } = event.data;
      return { ...(view ?? fresh(runId, transferDate, at)), status: 'nothing-to-pay', held };
    }
    case 'PayoutRunResumed': {
      if (!view) return null;
      const { trigger, detail } = event.data;
      return { ...view, resumed: [...view.resumed, { trigger, detail, at }] };
    }
    case 'TransferBatchVoided':
    case 'PayoutRunVoided': {
      if (!view) return null;
      const { reason, detail, voidedOn } = event.data;
      return { ...view, status: 'voided', voided: { reason, detail, voidedOn } };
    }
    case 'PayoutInstructed':
      return view && { ...view, instructed: view.instructed + 1 };
    case 'BankResultsRecorded': {
      if (!view) return null;
      const results = { ...view.results };
      for (const r of event.data.results) results[r.payoutId] = r.outcome;
      return {
        ...view,
        // Batches recorded before TransferBatchCompleted existed were final once the bank answered for them.
        status: view.status === 'planned' ? 'created' : view.status,
        results,
        accepted: counted(results, 'accepted'),
        returned: counted(results, 'returned'),
      };
    }
    case 'TransferBatchSettled':
      return view && { ...view, status: 'settled', settledOn: event.data.settledOn };
  }
}

export const payoutRunsProjection: Projection<PayoutRunView, RunEvent> = {
  name: 'payout-runs',
  collection: { name: 'payout_runs', indexes: ['status', 'transferDate', 'createdAt'] },
  eventTypes: [
    'PayoutRunRequested',
    'TransferBatchCreated',
    'TransferBatchCompleted',
    'PayoutRunFoundNothingToPay',
    'PayoutRunResumed',
    'TransferBatchVoided',
    'PayoutRunVoided',
    'BankResultsRecorded',
    'TransferBatchSettled',
    'PayoutInstructed',
  ],
  streamPrefixes: ['transfer-batch-', 'payout-'],
  idsFor: (event) => [event.data.runId],
  apply: next,
};

export const PAYOUT_PROJECTIONS = [payoutsProjection, payoutRunsProjection, recoveriesProjection] as const;
