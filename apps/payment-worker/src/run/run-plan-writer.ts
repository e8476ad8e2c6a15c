import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import iconv from 'iconv-lite';
import type { BusinessDate } from '@kenpo/kernel';
import { TransferFileEncoder, type ZenginSender } from '@kenpo/payouts';
import type { PendingFile, TransferFileStore } from './transfer-file-store.js';
import type { PlannedHold, PlannedSettlement, PlannedTransfer, RunPlan } from './run-plan.js';
import { sha256Hex } from './transfer-file.js';

export interface PayoutOffset {
  payoutId: string;
  recoveryId: string;
  amount: number;
}

/** One payout to instruct: a transfer (data record `recordIndex` of the file) or a settlement by offsets. */
export type Step = { transfer: PlannedTransfer; recordIndex: number } | { settlement: PlannedSettlement };

/** What a run's plan comes to once every page is written: what TransferBatchCreated records, and the files. */
export interface WrittenPlan {
  payoutIds: string[];
  /** Every offset of the plan: the transfers' in file order, then the settlements'. */
  offsets: PayoutOffset[];
  settlements: PlannedSettlement[];
  holds: PlannedHold[];
  deferred: number;
  count: number;
  total: number;
  sha256: string;
  /** The transfer file under its temporary name (null when there is no data record, hence no file). */
  file: PendingFile | null;
  /** The steps to instruct, one JSON line each, transfers in file order then settlements (scratch). */
  steps: PendingFile;
}

/**
 * Writes a run's plan as it is decided, page by page (issue 16.5): each transfer's data record goes to the transfer
 * file (Shift_JIS, hashed as it is written) and its instruction to a scratch file of steps, so that a run of 100,000
 * payouts holds neither its payouts nor its file in memory, only their ids (which the plan records).
 */
export class PlanWriter {
  private readonly encoder: TransferFileEncoder;
  private readonly payoutIds: string[] = [];
  private readonly offsets: PayoutOffset[] = [];
  private readonly settlements: PlannedSettlement[] = [];
  private readonly holds: PlannedHold[] = [];
  private deferred = 0;
  private headerWritten = false;

  private constructor(
    private readonly file: PendingFile,
    private readonly steps: PendingFile,
    sender: ZenginSender,
    transferDate: BusinessDate,
  ) {
    this.encoder = new TransferFileEncoder({ sender, transferDate });
  }

  static async open(
    files: TransferFileStore,
    runId: string,
    sender: ZenginSender,
    transferDate: BusinessDate,
  ): Promise<PlanWriter> {
    const file = await files.pending(runId);
    try {
      return new PlanWriter(file, await files.scratch(runId, 'steps'), sender, transferDate);
    } catch (error) {
      await file.discard();
      throw error;
    }
  }

  async page(plan: RunPlan): Promise<void> {
    this.holds.push(...plan.holds);
    this.settlements.push(...plan.settlements);
    this.deferred += plan.deferred;
    if (plan.transfers.length === 0) return;
    let records = this.headerWritten ? '' : this.encoder.header();
    this.headerWritten = true;
    let steps = '';
    for (const transfer of plan.transfers) {
      steps += `${JSON.stringify({ transfer, recordIndex: this.payoutIds.length } satisfies Step)}\n`;
      this.payoutIds.push(transfer.payoutId);
      for (const { recoveryId, amount } of transfer.offsets)
        this.offsets.push({ payoutId: transfer.payoutId, recoveryId, amount });
      records += this.encoder.record({ ...transfer.account, amount: transfer.amount });
    }
    // JIS X 0201 single-byte content: one byte per character (domain.md 8.4).
    await this.file.write(iconv.encode(records, 'Shift_JIS'));
    await this.steps.write(Buffer.from(steps));
  }

  /** The trailer and end record; throws (one ValidationError naming every field) if a record broke a rule. */
  async finish(): Promise<WrittenPlan> {
    let steps = '';
    for (const settlement of this.settlements) steps += `${JSON.stringify({ settlement } satisfies Step)}\n`;
    await this.steps.write(Buffer.from(steps));
    await this.steps.finish(false);
    const common = {
      payoutIds: this.payoutIds,
      offsets: [
        ...this.offsets,
        ...this.settlements.flatMap(({ payoutId, offsets }) =>
          offsets.map(({ recoveryId, amount }) => ({ payoutId, recoveryId, amount })),
        ),
      ],
      settlements: this.settlements,
      holds: this.holds,
      deferred: this.deferred,
      steps: this.steps,
    };
    if (this.payoutIds.length === 0) {
      // A run whose payouts the recoveries took wholly writes no file: its batch names no data record.
      await this.file.discard();
      return { ...common, count: 0, total: 0, sha256: sha256Hex(Buffer.alloc(0)), file: null };
    }
    const end = this.encoder.end();
    await this.file.write(iconv.encode(end.content, 'Shift_JIS'));
    const sha256 = await this.file.finish();
    return { ...common, count: end.count, total: end.total, sha256, file: this.file };
  }

  async discard(): Promise<void> {
    await Promise.all([this.file.discard(), this.steps.discard()]);
  }
}

/** The steps written by PlanWriter, in chunks of `size`, read as a stream. */
export async function* stepChunks(steps: PendingFile, size: number): AsyncGenerator<Step[]> {
  const lines = createInterface({ input: createReadStream(steps.path), crlfDelay: Infinity });
  let chunk: Step[] = [];
  for await (const line of lines) {
    if (line === '') continue;
    chunk.push(JSON.parse(line) as Step);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
