import { UnrecoverableError } from 'bullmq';
import { fold } from '@kenpo/kernel';
import { type EventStore } from '@kenpo/event-store';
import {
  payoutRunDecider,
  type PayoutRunEvent,
  type PayoutRunState,
  payoutRunStreamId,
  type TransferBatchCreated,
  transferBatchDecider,
  type TransferBatchEvent,
  type TransferBatchState,
  type TransferBatchVoided,
  transferBatchStreamId,
} from '@kenpo/payouts';

/** A run's plan as recorded: TransferBatchCreated, the log position its snapshot was read at, the batch's state. */
export interface RecordedPlan {
  batch: TransferBatchCreated['data'];
  planPosition: number;
  status: TransferBatchState['status'];
  voided: TransferBatchVoided['data'] | null;
}

export async function recordedPlan(events: EventStore, runId: string): Promise<RecordedPlan | null> {
  const history = await events.readStreamOrEmpty(transferBatchStreamId(runId));
  const created = history.find((e) => e.type === 'TransferBatchCreated');
  if (!created) return null;
  const planPosition = created.metadata.planPosition;
  if (typeof planPosition !== 'number')
    throw new UnrecoverableError(`run ${runId}: the batch does not record its plan position`);
  const { status } = fold(transferBatchDecider, history as unknown as TransferBatchEvent[]);
  const voided = history.find((e) => e.type === 'TransferBatchVoided');
  return {
    batch: created.data as TransferBatchCreated['data'],
    planPosition,
    status,
    voided: voided ? (voided.data as TransferBatchVoided['data']) : null,
  };
}

/** The run's request and end as recorded on `payout-run-<runId>` (status `none` when nothing is). */
export async function recordedRun(events: EventStore, runId: string): Promise<PayoutRunState> {
  return fold(
    payoutRunDecider,
    (await events.readStreamOrEmpty(payoutRunStreamId(runId))) as unknown as PayoutRunEvent[],
  );
}
