import { assertNoViolations, businessDate, ConflictError, NotFoundError, ValidationError } from '@kenpo/kernel';
import type { Decider, Violation } from '@kenpo/kernel';
import type {
  CompleteTransferBatch,
  CreateTransferBatch,
  RecordBankResults,
  TransferBatchCommand,
  VoidTransferBatch,
} from './transfer-batch.commands.js';
import type { BankResult, TransferBatchEvent } from './transfer-batch.events.js';
import { evolveTransferBatch, initialTransferBatchState } from './transfer-batch.state.js';
import type { TransferBatchState } from './transfer-batch.state.js';
import { MAX_FILE_TOTAL } from './zengin/build-transfer-file.js';

function create(command: CreateTransferBatch, state: TransferBatchState): TransferBatchEvent[] {
  const { runId, fileName, sha256, count, total, payoutIds, offsets = [], offsetSettledIds = [] } = command.data;
  if (state.status !== 'none') {
    // A crashed run rebuilds the same file from the same instructions: identical bytes are the same batch.
    if (state.sha256 === sha256) return [];
    throw new ConflictError('transfer_batch_exists', 'a different file was already recorded for this run', [
      { field: 'sha256', rule: 'transfer_batch_exists', message: 'a different file was already recorded for this run' },
    ]);
  }
  const transferDate = businessDate(command.data.transferDate, 'transferDate');
  const violations: Violation[] = [];
  const fail = (field: string, rule: string, message: string) => violations.push({ field, rule, message });
  if (!/^[0-9a-f]{64}$/.test(sha256)) fail('sha256', 'sha256_hex', 'sha256 must be 64 lower-case hex digits');
  if (fileName.trim() === '') fail('fileName', 'required', 'fileName is required');
  if (payoutIds.length === 0 && offsetSettledIds.length === 0)
    fail('payoutIds', 'not_empty', 'a batch needs at least one payout');
  const named = [...payoutIds, ...offsetSettledIds];
  if (new Set(named).size !== named.length) fail('payoutIds', 'unique', 'a payout appears once per batch');
  if (count !== payoutIds.length)
    fail('count', 'count_mismatch', 'count must equal the number of payouts (domain.md 8.3 合計件数)');
  if (!Number.isSafeInteger(total) || total < payoutIds.length || total > MAX_FILE_TOTAL) {
    fail(
      'total',
      'total_range',
      `total must be a whole number of yen of at least 1 per record and at most ${MAX_FILE_TOTAL} (domain.md 8.4)`,
    );
  }
  if (offsets.some((o) => !named.includes(o.payoutId) || !Number.isSafeInteger(o.amount) || o.amount < 1))
    fail('offsets', 'offset_of_batch', 'each offset is a positive amount kept back from a payout of the batch');
  assertNoViolations(violations);
  const extra = {
    ...(offsets.length > 0 ? { offsets } : {}),
    ...(offsetSettledIds.length > 0 ? { offsetSettledIds } : {}),
  };
  return [
    {
      type: 'TransferBatchCreated',
      data: { runId, fileName, sha256, count, total, transferDate, payoutIds, ...extra },
    },
  ];
}

function conflict(rule: string, field: string, message: string): ConflictError {
  return new ConflictError(rule, message, [{ field, rule, message }]);
}

function requireBatch(state: TransferBatchState): void {
  if (state.status === 'none') {
    throw new NotFoundError('transfer_batch_not_found', 'no transfer batch was created for this run', [
      { field: 'runId', rule: 'transfer_batch_not_found', message: 'no transfer batch was created for this run' },
    ]);
  }
}

function complete(command: CompleteTransferBatch, state: TransferBatchState): TransferBatchEvent[] {
  requireBatch(state);
  if (state.status === 'voided') throw conflict('transfer_batch_voided', 'runId', 'the transfer batch was voided');
  if (state.status !== 'planned') return [];
  return [
    { type: 'TransferBatchCompleted', data: { runId: command.data.runId, count: state.count, total: state.total } },
  ];
}

/** Only a batch that never became final can be voided: a completed file may already be at the bank. */
function voidBatch(command: VoidTransferBatch, state: TransferBatchState): TransferBatchEvent[] {
  requireBatch(state);
  if (state.status === 'voided') return [];
  if (state.status !== 'planned')
    throw conflict('transfer_batch_final', 'runId', 'a completed transfer file cannot be voided');
  const { runId, reason, detail } = command.data;
  if (reason.trim() === '') throw ValidationError.of('reason', 'required', 'a void needs a reason');
  return [
    { type: 'TransferBatchVoided', data: { runId, reason, detail, voidedOn: businessDate(command.data.on, 'on') } },
  ];
}

function sameResult(a: BankResult, b: BankResult): boolean {
  return a.outcome === b.outcome && (a.reasonCode ?? '') === (b.reasonCode ?? '');
}

/** New results only: a repeated one is skipped; a return after acceptance is news; anything else contradicts. */
function newResults(command: RecordBankResults, state: TransferBatchState): BankResult[] {
  const violations: Violation[] = [];
  const fresh = new Map<string, BankResult>();
  for (const [i, result] of command.data.results.entries()) {
    const field = `results[${i}]`;
    if (!state.payoutIds.includes(result.payoutId)) {
      violations.push({ field: `${field}.payoutId`, rule: 'not_in_batch', message: 'the payout is not in this batch' });
      continue;
    }
    if (result.outcome === 'returned' && !result.reasonCode?.trim()) {
      violations.push({
        field: `${field}.reasonCode`,
        rule: 'required',
        message: 'a returned transfer needs the bank reason code',
      });
      continue;
    }
    const known = fresh.get(result.payoutId) ?? state.results[result.payoutId];
    if (known && sameResult(known, result)) continue;
    if (known && !(known.outcome === 'accepted' && result.outcome === 'returned')) {
      throw new ConflictError('bank_result_conflict', 'a result contradicts the one already recorded for this payout', [
        {
          field: `${field}.outcome`,
          rule: 'bank_result_conflict',
          message: 'a result contradicts the one already recorded for this payout',
        },
      ]);
    }
    const { payoutId, outcome, reasonCode } = result;
    fresh.set(payoutId, { payoutId, outcome, ...(outcome === 'returned' ? { reasonCode: reasonCode! } : {}) });
  }
  assertNoViolations(violations);
  return [...fresh.values()];
}

function record(command: RecordBankResults, state: TransferBatchState): TransferBatchEvent[] {
  requireBatch(state);
  if (state.status === 'voided')
    throw conflict('transfer_batch_voided', 'runId', 'the transfer file was voided and is not payable');
  if (state.status === 'planned')
    throw conflict('transfer_batch_not_final', 'runId', 'the run has not finished: its file was never payable');
  if (command.data.runId !== state.runId)
    throw ValidationError.of('runId', 'run_mismatch', 'the results name another run than this batch');
  const receivedOn = businessDate(command.data.receivedOn, 'receivedOn');
  const results = newResults(command, state);
  if (results.length === 0) return [];
  const events: TransferBatchEvent[] = [
    { type: 'BankResultsRecorded', data: { runId: state.runId, receivedOn, results } },
  ];
  const after = evolveTransferBatch(state, events[0]!);
  if (state.status === 'completed' && after.payoutIds.every((id) => after.results[id])) {
    const outcomes = after.payoutIds.map((id) => after.results[id]!.outcome);
    const accepted = outcomes.filter((o) => o === 'accepted').length;
    events.push({
      type: 'TransferBatchSettled',
      data: { runId: state.runId, settledOn: receivedOn, accepted, returned: outcomes.length - accepted },
    });
  }
  return events;
}

export function decideTransferBatch(command: TransferBatchCommand, state: TransferBatchState): TransferBatchEvent[] {
  switch (command.type) {
    case 'CreateTransferBatch':
      return create(command, state);
    case 'CompleteTransferBatch':
      return complete(command, state);
    case 'VoidTransferBatch':
      return voidBatch(command, state);
    case 'RecordBankResults':
      return record(command, state);
    default: {
      const unknown: never = command;
      throw ValidationError.of(
        'type',
        'unknown_command',
        `unknown transfer batch command ${(unknown as { type: string }).type}`,
      );
    }
  }
}

export const transferBatchDecider: Decider<TransferBatchState, TransferBatchCommand, TransferBatchEvent> = {
  decide: decideTransferBatch,
  evolve: evolveTransferBatch,
  initialState: initialTransferBatchState,
};
