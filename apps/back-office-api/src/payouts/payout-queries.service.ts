import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ConflictError, GoneError, NotFoundError } from '@kenpo/kernel';
import { EventStore } from '@kenpo/event-store';
import { AppConfig, PagingCursors, redisCall } from '@kenpo/platform';
import { DocumentStore, withoutStorageFields } from '@kenpo/read-models';
import {
  PAYOUT_QUEUE,
  recordedPlan,
  type PayoutRunView,
  payoutRunsProjection,
  type PayoutView,
  payoutsProjection,
  TransferFileStore,
} from '@kenpo/payment-worker';
import type { PayoutRunsQueryDto, PayoutsQueryDto } from './payout.dto.js';
import { listPage } from '../http/http-shape.js';

const notFound = (what: string, code: string) =>
  new NotFoundError(code, `no ${what} with this id`, [
    { field: 'id', rule: 'exists', message: `no ${what} with this id` },
  ]);

/** The run as listed: the per-payout results stay on the run's own page. */
function summary(view: PayoutRunView) {
  const { results: _results, ...run } = withoutStorageFields(view);
  return run;
}

/** Reads of the payout and payout-run views (written by the payment worker) and of the run's transfer file. */
@Injectable()
export class PayoutQueries {
  private readonly files: TransferFileStore;

  constructor(
    private readonly documents: DocumentStore,
    private readonly events: EventStore,
    @InjectQueue(PAYOUT_QUEUE) private readonly queue: Queue,
    private readonly cursors: PagingCursors,
    config: AppConfig,
  ) {
    this.files = TransferFileStore.under(config.dataDir);
  }

  async payouts(query: PayoutsQueryDto) {
    const { status, memberId, runId, limit, cursor } = query;
    const page = await this.documents.find<PayoutView>(payoutsProjection.collection.name, {
      where: { status, memberId, runId },
      sort: { field: 'dueDate' },
      limit,
      cursor: this.cursors.open('payouts', cursor),
    });
    return listPage(page.items.map(withoutStorageFields), this.cursors.seal('payouts', page.nextCursor));
  }

  async payout(payoutId: string): Promise<PayoutView> {
    const view = await this.documents.get<PayoutView>(payoutsProjection.collection.name, payoutId);
    if (!view) throw notFound('payout', 'payout_not_found');
    return withoutStorageFields(view);
  }

  async runs(query: PayoutRunsQueryDto) {
    const page = await this.documents.find<PayoutRunView>(payoutRunsProjection.collection.name, {
      where: { status: query.status },
      sort: { field: 'createdAt', direction: 'desc' },
      limit: query.limit,
      cursor: this.cursors.open('payout-runs', query.cursor),
    });
    return listPage(page.items.map(summary), this.cursors.seal('payout-runs', page.nextCursor));
  }

  /** The recorded run, with its queue job's state while the job is kept; a run still queued has only the job. */
  async run(runId: string) {
    const [view, job] = await Promise.all([
      this.documents.get<PayoutRunView>(payoutRunsProjection.collection.name, runId),
      redisCall(this.queue.getJob(runId)), // a bounded 503 when Redis does not answer
    ]);
    const jobState = job
      ? { state: await job.getState(), attemptsMade: job.attemptsMade, failedReason: job.failedReason ?? null }
      : null;
    if (!view && !jobState) throw notFound('payout run', 'payout_run_not_found');
    return view ? { ...withoutStorageFields(view), job: jobState } : { runId, status: 'pending', job: jobState };
  }

  /**
   * The exact bytes handed to the bank, checked against the sha256 recorded in TransferBatchCreated; served only
   * once the batch is recorded final (judged from its stream, not the view), never for a voided run (issue 18).
   */
  async transferFile(runId: string): Promise<{ fileName: string; stream: Readable; size: number; sha256: string }> {
    const plan = await recordedPlan(this.events, runId);
    if (!plan) throw notFound('transfer file for a payout run', 'transfer_file_not_found');
    if (plan.status === 'voided') {
      const { reason, detail } = plan.voided ?? { reason: 'voided', detail: 'the run was voided' };
      throw new GoneError('transfer_file_voided', `the run was voided (${reason}); its file is not payable`, [
        { field: 'runId', rule: reason, message: detail },
      ]);
    }
    if (plan.status === 'planned') {
      throw new ConflictError('transfer_file_not_final', 'the run has not finished; its file is not payable yet', [
        {
          field: 'runId',
          rule: 'transfer_file_not_final',
          message: 'the run is still instructing its payouts (or will be resumed or voided by recovery)',
        },
      ]);
    }
    if (plan.batch.count === 0)
      throw new NotFoundError('transfer_file_not_found', 'the run wrote no file: recoveries took every payout', [
        { field: 'runId', rule: 'no_data_records', message: 'every payout of this run was settled by recoveries' },
      ]);
    const view = { fileName: plan.batch.fileName, sha256: plan.batch.sha256 };
    // Streamed, never read whole: a run of 100,000 payouts writes 12 MB (issue 16.5).
    const file = await this.files.openChecked(runId);
    if (!file)
      throw new ConflictError('transfer_file_missing', 'the run is recorded but its file is not written yet', [
        {
          field: 'runId',
          rule: 'transfer_file_missing',
          message: 'the file is not written yet; the run may still be in progress',
        },
      ]);
    if (file.sha256 !== view.sha256) {
      await file.handle.close();
      throw new ConflictError('transfer_file_mismatch', 'the stored file does not match the recorded sha256', [
        {
          field: 'runId',
          rule: 'transfer_file_mismatch',
          message: 'the stored file does not match the recorded sha256',
        },
      ]);
    }
    return {
      fileName: view.fileName,
      stream: file.handle.createReadStream({ start: 0 }),
      size: file.size,
      sha256: view.sha256,
    };
  }
}
