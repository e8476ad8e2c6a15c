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
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ValidationError } from '@kenpo/kernel';
import { Roles } from '@kenpo/platform';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { BankResults } from './bank-results.service.js';
import { Accepts } from '../http/http-shape.js';
import { BankResultsDto, PayoutRunsQueryDto, RUN_ID } from './payout.dto.js';
import { PayoutQueries } from './payout-queries.service.js';
import { PayoutRunRequests } from './payout-run-requests.service.js';
import {
  type BankResultsRecordedDto,
  PayoutRunDto,
  type PayoutRunPageDto,
  type PayoutRunRequestedDto,
  PendingPayoutRunDto,
} from './payout-responses.dto.js';

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
@ApiExtraModels(PayoutRunDto, PendingPayoutRunDto)
@Controller('payout-runs')
export class PayoutRunsController {
  constructor(
    private readonly requests: PayoutRunRequests,
    private readonly queries: PayoutQueries,
    private readonly bankResults: BankResults,
  ) {}

  /**
   * Starts a payout run now: 202 with its run id, once the request is recorded (the worker takes the run's actor
   * from that record). With an Idempotency-Key the run id derives from it, so a retried request names the same run;
   * the payout streams, not the queue, keep a payout from being paid twice.
   */
  @Post()
  @Accepts((answer: { runId: string }) => `/payout-runs/${answer.runId}`)
  @Roles(...OPERATORS)
  start(@Ctx() ctx: CommandContext): Promise<PayoutRunRequestedDto> {
    return this.requests.request(ctx);
  }

  /** Payout runs, newest first. */
  @Get()
  @Roles(...RUN_READERS)
  list(@Query() query: PayoutRunsQueryDto): Promise<PayoutRunPageDto> {
    return this.queries.runs(query);
  }

  /** One payout run with its bank results, and its queue job while the queue keeps it. */
  @Get(':runId')
  @ApiOkResponse({
    description: 'The run, or only its queue job while the run is not recorded yet',
    schema: { oneOf: [{ $ref: getSchemaPath(PayoutRunDto) }, { $ref: getSchemaPath(PendingPayoutRunDto) }] },
  })
  @Roles(...RUN_READERS)
  get(@Param('runId') runId: string): Promise<PayoutRunDto | PendingPayoutRunDto> {
    return this.queries.run(checkedRunId(runId));
  }

  /**
   * The exact bytes of the run's Zengin file (Shift_JIS), as recorded by sha256 in TransferBatchCreated, once the run
   * finished (409 before); a voided run's file is gone (410, with the reason).
   */
  @Get(':runId/transfer-file')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The Zengin 総合振込 file, Shift_JIS, 120-byte records with CRLF',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    headers: { 'X-Content-SHA256': { description: 'sha256 of the file, hex', schema: { type: 'string' } } },
  })
  @Roles(...OPERATORS, 'compliance-officer')
  async transferFile(@Param('runId') runId: string, @Res({ passthrough: true }) response: Response) {
    const file = await this.queries.transferFile(checkedRunId(runId));
    response.setHeader('X-Content-SHA256', file.sha256);
    return new StreamableFile(file.stream, {
      type: 'application/octet-stream',
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.size,
    });
  }

  /** One result per data record: accepted, or returned with the bank's reason code. */
  @Post(':runId/bank-results')
  @HttpCode(200)
  @Roles(...OPERATORS)
  recordBankResults(
    @Param('runId') runId: string,
    @Body() dto: BankResultsDto,
    @Ctx() ctx: CommandContext,
  ): Promise<BankResultsRecordedDto> {
    return this.bankResults.record(checkedRunId(runId), dto, ctx);
  }
}
