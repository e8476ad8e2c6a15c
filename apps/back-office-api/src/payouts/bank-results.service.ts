import { Injectable } from '@nestjs/common';
import { assertNoViolations, Clock, japanDateOf, NotFoundError, ValidationError, type Violation } from '@kenpo/kernel';
import { EventStore, handleCommand } from '@kenpo/event-store';
import {
  type BankResult,
  type TransferBatchCreated,
  transferBatchDecider,
  transferBatchStreamId,
} from '@kenpo/payouts';
import { type CommandContext, metadataOf } from '../commands/command-context.js';
import type { BankResultsDto } from './payout.dto.js';

/**
 * Records the bank's results for a run's file (RecordBankResults on `transfer-batch-<runId>`). The payout reactor
 * turns the recorded results into PayoutSettled / PayoutReturned, so a crash after this append loses nothing.
 */
@Injectable()
export class BankResults {
  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
  ) {}

  async record(runId: string, dto: BankResultsDto, context: CommandContext) {
    const batch = await this.batchOf(runId);
    const results = dto.results.map((r, i) => resultOf(r, i, batch.payoutIds));
    const now = this.clock.now();
    const outcome = await handleCommand(this.events, transferBatchStreamId(runId), transferBatchDecider, {
      type: 'RecordBankResults',
      metadata: metadataOf(context, now),
      data: { runId, receivedOn: dto.receivedOn ?? japanDateOf(now), results },
    });
    const recorded = outcome.events.find((e) => e.type === 'BankResultsRecorded');
    return {
      runId,
      revision: outcome.nextExpectedRevision,
      position: outcome.position,
      events: outcome.events.map((e) => e.type),
      recorded: recorded ? (recorded.data as { results: BankResult[] }).results.length : 0,
      settled: outcome.events.some((e) => e.type === 'TransferBatchSettled'),
    };
  }

  private async batchOf(runId: string): Promise<TransferBatchCreated['data']> {
    const created = (await this.events.readStreamOrEmpty(transferBatchStreamId(runId))).find(
      (e) => e.type === 'TransferBatchCreated',
    );
    if (created) return created.data as TransferBatchCreated['data'];
    throw new NotFoundError('transfer_batch_not_found', 'no transfer file was created for this run', [
      { field: 'runId', rule: 'transfer_batch_not_found', message: 'no transfer file was created for this run' },
    ]);
  }
}

/** A result names its data record (recordIndex, in file order) or its payout, not both differently. */
function resultOf(dto: BankResultsDto['results'][number], index: number, payoutIds: readonly string[]): BankResult {
  const violations: Violation[] = [];
  const field = `results[${index}]`;
  const byIndex = dto.recordIndex === undefined ? undefined : payoutIds[dto.recordIndex];
  if (dto.recordIndex !== undefined && byIndex === undefined)
    violations.push({
      field: `${field}.recordIndex`,
      rule: 'in_file',
      message: 'no data record with this index in the file',
    });
  if (dto.recordIndex === undefined && dto.payoutId === undefined)
    violations.push({ field, rule: 'record_or_payout', message: 'give recordIndex or payoutId' });
  if (byIndex !== undefined && dto.payoutId !== undefined && dto.payoutId !== byIndex) {
    violations.push({
      field: `${field}.payoutId`,
      rule: 'record_mismatch',
      message: 'recordIndex and payoutId name different records',
    });
  }
  assertNoViolations(violations);
  const payoutId = byIndex ?? dto.payoutId!;
  if (dto.outcome === 'returned' && !dto.reasonCode)
    throw ValidationError.of(`${field}.reasonCode`, 'required', 'a returned transfer needs the bank reason code');
  return { payoutId, outcome: dto.outcome, ...(dto.outcome === 'returned' ? { reasonCode: dto.reasonCode! } : {}) };
}
