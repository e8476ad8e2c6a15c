import { Body, Controller, Get, HttpCode, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kenpo/platform';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { RevisionETag } from '../http/http-shape.js';
import { PayoutScheduleChangeDto, PayoutScheduleDto } from './payout.dto.js';
import { PayoutSchedule } from './payout-schedule.service.js';
import type { PayoutScheduleChangedDto, PayoutScheduleViewDto } from './payout-schedule-responses.dto.js';

/** The payout schedule: changed only here (the queue dashboard is read-only), each change recorded (issue 13.8). */
@ApiTags('payouts')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@RevisionETag()
@Controller('payout-schedule')
export class PayoutScheduleController {
  constructor(private readonly schedule: PayoutSchedule) {}

  /** The payout schedule, its next run and who changed it last. */
  @Get()
  @Roles('payment-operator', 'compliance-officer', 'admin')
  get(): Promise<PayoutScheduleViewDto> {
    return this.schedule.current();
  }

  /** Reschedule: a new cron pattern (Asia/Tokyo). A paused schedule stays paused. */
  @Put()
  @Roles('payment-operator')
  reschedule(@Body() dto: PayoutScheduleDto, @Ctx() ctx: CommandContext): Promise<PayoutScheduleChangedDto> {
    return this.schedule.change({ type: 'SetPayoutSchedule', pattern: dto.pattern, reason: dto.reason }, ctx);
  }

  /** Pause the scheduled payout runs (with the reason). */
  @Post('pause')
  @HttpCode(200)
  @Roles('payment-operator')
  pause(@Body() dto: PayoutScheduleChangeDto, @Ctx() ctx: CommandContext): Promise<PayoutScheduleChangedDto> {
    return this.schedule.change({ type: 'PausePayoutSchedule', reason: dto.reason }, ctx);
  }

  /** Resume the scheduled payout runs (with the reason). */
  @Post('resume')
  @HttpCode(200)
  @Roles('payment-operator')
  resume(@Body() dto: PayoutScheduleChangeDto, @Ctx() ctx: CommandContext): Promise<PayoutScheduleChangedDto> {
    return this.schedule.change({ type: 'ResumePayoutSchedule', reason: dto.reason }, ctx);
  }
}
