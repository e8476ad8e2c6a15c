import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { v5 as uuidv5 } from 'uuid';
import { Clock, newId, ValidationError } from '@kenpo/kernel';
import { Roles } from '@kenpo/platform';
import {
  PAYOUT_QUEUE,
  PAYOUT_RUN_JOB,
  PAYOUT_RUN_JOB_OPTIONS,
  type PayoutRunJobData,
  runIdAt,
} from '@kenpo/payment-worker';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { BankResults } from './bank-results.service.js';
import { Accepts } from '../http/http-shape.js';
import { BankResultsDto, PayoutRunsQueryDto, RUN_ID } from './payout.dto.js';
import { PayoutQueries } from './payout-queries.service.js';

const RUN_NAMESPACE = 'c8a1f3e2-5b7d-4e90-8f16-3a2d9c4b7e05';
// Paying is the payment operators' alone: admins operate the system, not the money path (issue 13.7).
const OPERATORS = ['payment-operator'] as const;
const RUN_READERS = ['payment-operator', 'admin', 'compliance-officer'] as const;

function checkedRunId(runId: string): string {
  if (!RUN_ID.test(runId))
    throw ValidationError.of('runId', 'run_id', 'must be a run id (run-YYYYMMDD-HHmm[-xxxxxxxx])');
  return runId;
}

@ApiTags('payouts')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('payout-runs')
export class PayoutRunsController {
  constructor(
    @InjectQueue(PAYOUT_QUEUE) private readonly queue: Queue,
    private readonly queries: PayoutQueries,
    private readonly bankResults: BankResults,
    private readonly clock: Clock,
  ) {}

  /**
   * Starts a payout run now: 202 with its run id (the job id). With an Idempotency-Key the run id derives from it,
   * so a retried request names the same run; the payout streams, not the queue, keep a payout from being paid twice.
   */
  @Post()
  @Accepts((answer: { runId: string }) => `/payout-runs/${answer.runId}`)
  @Roles(...OPERATORS)
  async start(@Ctx() ctx: CommandContext) {
    const suffix = ctx.idempotencyKey
      ? uuidv5(`${ctx.actor.id}:${ctx.idempotencyKey}`, RUN_NAMESPACE).slice(0, 8)
      : newId().slice(-8);
    const runId = runIdAt(this.clock.now(), suffix);
    const data: PayoutRunJobData = { trigger: 'operator', runId, requestedBy: ctx.actor };
    await this.queue.add(PAYOUT_RUN_JOB, data, { ...PAYOUT_RUN_JOB_OPTIONS, jobId: runId });
    return { runId, status: 'queued' };
  }

  @Get()
  @Roles(...RUN_READERS)
  list(@Query() query: PayoutRunsQueryDto) {
    return this.queries.runs(query);
  }

  @Get(':runId')
  @Roles(...RUN_READERS)
  get(@Param('runId') runId: string) {
    return this.queries.run(checkedRunId(runId));
  }

  /** The exact bytes of the run's Zengin file (Shift_JIS), as recorded by sha256 in TransferBatchCreated. */
  @Get(':runId/transfer-file')
  @Roles(...OPERATORS, 'compliance-officer')
  async transferFile(@Param('runId') runId: string, @Res({ passthrough: true }) response: Response) {
    const file = await this.queries.transferFile(checkedRunId(runId));
    response.setHeader('X-Content-SHA256', file.sha256);
    return new StreamableFile(file.bytes, {
      type: 'application/octet-stream',
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.bytes.length,
    });
  }

  /** One result per data record: accepted, or returned with the bank's reason code. */
  @Post(':runId/bank-results')
  @HttpCode(200)
  @Roles(...OPERATORS)
  recordBankResults(@Param('runId') runId: string, @Body() dto: BankResultsDto, @Ctx() ctx: CommandContext) {
    return this.bankResults.record(checkedRunId(runId), dto, ctx);
  }
}
