import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '@kenpo/kernel';
import type { DomainError } from '@kenpo/kernel';
import type { TransferBatchCommand } from './transfer-batch.commands.js';
import { transferBatchDecider } from './transfer-batch.decide.js';
import type { BankResult, TransferBatchEvent } from './transfer-batch.events.js';
import { given, metadata } from './testing.js';
import type { DeciderOutcome } from './testing.js';

const runId = '01956e3a-2222-7000-8000-000000000001';
const sha256 = 'a'.repeat(64);
const createData = {
  runId,
  fileName: `zengin-${runId}.txt`,
  sha256,
  count: 2,
  total: 150_000,
  transferDate: '2025-03-07',
  payoutIds: ['p-1', 'p-2'],
};
const create = {
  type: 'CreateTransferBatch',
  data: createData,
  metadata: metadata(),
} as const satisfies TransferBatchCommand;
const created: TransferBatchEvent = { type: 'TransferBatchCreated', data: createData };
const completed: TransferBatchEvent = { type: 'TransferBatchCompleted', data: { runId, count: 2, total: 150_000 } };
const voided: TransferBatchEvent = {
  type: 'TransferBatchVoided',
  data: {
    runId,
    reason: 'transfer_date_passed',
    detail: 'the run did not finish before its transfer date',
    voidedOn: '2025-03-08',
  },
};
const complete: TransferBatchCommand = { type: 'CompleteTransferBatch', data: { runId }, metadata: metadata() };
const voidCommand: TransferBatchCommand = {
  type: 'VoidTransferBatch',
  data: {
    runId,
    reason: 'transfer_date_passed',
    detail: 'the run did not finish before its transfer date',
    on: '2025-03-08',
  },
  metadata: metadata(),
};
const results = (list: BankResult[], receivedOn = '2025-03-07'): TransferBatchCommand => ({
  type: 'RecordBankResults',
  data: { runId, receivedOn, results: list },
  metadata: metadata(),
});
const recorded = (list: BankResult[], receivedOn = '2025-03-07'): TransferBatchEvent => ({
  type: 'BankResultsRecorded',
  data: { runId, receivedOn, results: list },
});

function thenEvents(outcome: DeciderOutcome<TransferBatchEvent>, events: TransferBatchEvent[]): void {
  expect(outcome).toEqual({ events });
}
function thenError(
  outcome: DeciderOutcome<TransferBatchEvent>,
  kind: abstract new (...args: never[]) => DomainError,
  code: string,
  field?: string,
): void {
  const { error } = outcome as { error: DomainError };
  expect(error).toBeInstanceOf(kind);
  expect(error.code).toBe(code);
  if (field) expect(error.violations.map((v) => v.field)).toContain(field);
}

describe('transfer batch: creation (architecture.md 6, one Zengin file per run)', () => {
  it('records the file name, hash, totals and payouts in record order', () => {
    thenEvents(given(transferBatchDecider, []).when(create), [created]);
  });
  it('the same file again is a no-op (a crashed run rebuilds identical bytes)', () => {
    thenEvents(given(transferBatchDecider, [created]).when(create), []);
  });
  it('a different file for an existing run is a conflict', () => {
    thenError(
      given(transferBatchDecider, [created]).when({ ...create, data: { ...createData, sha256: 'b'.repeat(64) } }),
      ConflictError,
      'transfer_batch_exists',
    );
  });
  it('domain.md 8.3: count must equal the payouts (合計件数); payouts appear once', () => {
    thenError(
      given(transferBatchDecider, []).when({ ...create, data: { ...createData, count: 3 } }),
      ValidationError,
      'validation_failed',
      'count',
    );
    thenError(
      given(transferBatchDecider, []).when({ ...create, data: { ...createData, count: 2, payoutIds: ['p-1', 'p-1'] } }),
      ValidationError,
      'validation_failed',
      'payoutIds',
    );
  });
  it('domain.md 8.4: the total fits N(12); the hash is sha256 hex', () => {
    thenError(
      given(transferBatchDecider, []).when({ ...create, data: { ...createData, total: 1_000_000_000_000 } }),
      ValidationError,
      'validation_failed',
      'total',
    );
    thenError(
      given(transferBatchDecider, []).when({ ...create, data: { ...createData, sha256: 'xyz' } }),
      ValidationError,
      'validation_failed',
      'sha256',
    );
  });
});

describe('transfer batch: bank results', () => {
  const accepted1: BankResult = { payoutId: 'p-1', outcome: 'accepted' };
  const returned2: BankResult = { payoutId: 'p-2', outcome: 'returned', reasonCode: '02' };

  it('records partial results without settling the batch', () => {
    thenEvents(given(transferBatchDecider, [created, completed]).when(results([accepted1])), [recorded([accepted1])]);
  });
  it('settles the batch once every record has a result', () => {
    thenEvents(
      given(transferBatchDecider, [created, completed, recorded([accepted1])]).when(
        results([accepted1, returned2], '2025-03-10'),
      ),
      [
        recorded([returned2], '2025-03-10'),
        { type: 'TransferBatchSettled', data: { runId, settledOn: '2025-03-10', accepted: 1, returned: 1 } },
      ],
    );
  });
  it('re-importing the same results is a no-op', () => {
    thenEvents(
      given(transferBatchDecider, [created, completed, recorded([accepted1, returned2])]).when(
        results([returned2, accepted1]),
      ),
      [],
    );
  });
  it('a return reported after acceptance is recorded; an acceptance after a return is a conflict', () => {
    const late: BankResult = { payoutId: 'p-1', outcome: 'returned', reasonCode: '09' };
    thenEvents(given(transferBatchDecider, [created, completed, recorded([accepted1])]).when(results([late])), [
      recorded([late]),
    ]);
    thenError(
      given(transferBatchDecider, [created, completed, recorded([returned2])]).when(
        results([{ payoutId: 'p-2', outcome: 'accepted' }]),
      ),
      ConflictError,
      'bank_result_conflict',
    );
  });
  it('results for a payout outside the batch, or a return without a code, are refused', () => {
    thenError(
      given(transferBatchDecider, [created, completed]).when(results([{ payoutId: 'p-9', outcome: 'accepted' }])),
      ValidationError,
      'validation_failed',
      'results[0].payoutId',
    );
    thenError(
      given(transferBatchDecider, [created, completed]).when(results([{ payoutId: 'p-2', outcome: 'returned' }])),
      ValidationError,
      'validation_failed',
      'results[0].reasonCode',
    );
  });
  it('results for a run without a batch are not found', () => {
    thenError(given(transferBatchDecider, []).when(results([accepted1])), NotFoundError, 'transfer_batch_not_found');
  });
});

describe('transfer batch: completion and void (issue 18: no orphaned runs)', () => {
  it('completes once, when the run instructed every payout', () => {
    thenEvents(given(transferBatchDecider, [created]).when(complete), [completed]);
    thenEvents(given(transferBatchDecider, [created, completed]).when(complete), []);
  });
  it('a planned batch can be voided once; a completed one cannot (its file may be at the bank)', () => {
    thenEvents(given(transferBatchDecider, [created]).when(voidCommand), [voided]);
    thenEvents(given(transferBatchDecider, [created, voided]).when(voidCommand), []);
    thenError(
      given(transferBatchDecider, [created, completed]).when(voidCommand),
      ConflictError,
      'transfer_batch_final',
    );
    thenError(given(transferBatchDecider, [created, voided]).when(complete), ConflictError, 'transfer_batch_voided');
  });
  it('bank results are refused for a voided batch and for one that never became final', () => {
    const accepted = results([{ payoutId: 'p-1', outcome: 'accepted' }]);
    thenError(given(transferBatchDecider, [created, voided]).when(accepted), ConflictError, 'transfer_batch_voided');
    thenError(given(transferBatchDecider, [created]).when(accepted), ConflictError, 'transfer_batch_not_final');
  });
});
