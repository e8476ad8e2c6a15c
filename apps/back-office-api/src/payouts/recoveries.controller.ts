import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { Creates, RevisionETag } from '../http/http-shape.js';
import { RecoveriesQueryDto, RecoveryDto, RepaymentDto } from './payout.dto.js';
import { Recoveries } from './recoveries.service.js';
import type {
  RecoveryViewDto,
  RecoveryPageDto,
  RecoveryRecordedDto,
  RepaymentRecordedDto,
} from './payout-responses.dto.js';

const READERS = ['clerk', 'approver', 'payment-operator', 'compliance-officer', 'admin'] as const;

/** 返納金 (issue 13.6): found on a claim by an approver, kept back from later payouts, repaid to operators. */
@ApiTags('payouts')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller()
export class RecoveriesController {
  constructor(private readonly recoveries: Recoveries) {}

  /** An approved or paid claim found wrong: what it paid too much and why (201; tracked at /recoveries/{id}). */
  @Post('benefit-claims/:claimId/recoveries')
  @Roles('approver')
  @Creates((answer: { recoveryId: string }) => `/recoveries/${answer.recoveryId}`)
  record(
    @Param('claimId', UuidParam) claimId: string,
    @Body() dto: RecoveryDto,
    @Ctx() ctx: CommandContext,
  ): Promise<RecoveryRecordedDto> {
    return this.recoveries.record(claimId, dto, ctx);
  }

  /** Recoveries (返納金) by status, member or claim. */
  @Get('recoveries')
  @Roles(...READERS)
  list(@Query() query: RecoveriesQueryDto): Promise<RecoveryPageDto> {
    return this.recoveries.list(query);
  }

  /** One recovery: what is owed, kept back and repaid. */
  @Get('recoveries/:recoveryId')
  @Roles(...READERS)
  @RevisionETag()
  get(@Param('recoveryId', UuidParam) recoveryId: string): Promise<RecoveryViewDto> {
    return this.recoveries.get(recoveryId);
  }

  /** The payee paid (part of) it back directly; at most what is outstanding (422 beyond). */
  @Post('recoveries/:recoveryId/repayments')
  @HttpCode(200)
  @Roles('payment-operator')
  @RevisionETag()
  repay(
    @Param('recoveryId', UuidParam) recoveryId: string,
    @Body() dto: RepaymentDto,
    @Ctx() ctx: CommandContext,
  ): Promise<RepaymentRecordedDto> {
    return this.recoveries.repay(recoveryId, dto, ctx);
  }
}
