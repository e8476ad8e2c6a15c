import { Body, Controller, Get, Param, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, ForbiddenError } from '@kenpo/kernel';
import { CurrentActor, Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { type CommandContext, Ctx } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { RevisionETag } from '../http/http-shape.js';
import { PayoutAccountDto, PayoutsQueryDto } from './payout.dto.js';
import { PayoutAccounts } from './payout-accounts.service.js';
import { PayoutQueries } from './payout-queries.service.js';
import type { PayoutAccountReplacedDto, PayoutDto, PayoutPageDto } from './payout-responses.dto.js';

@ApiTags('payouts')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('payouts')
export class PayoutsController {
  constructor(
    private readonly queries: PayoutQueries,
    private readonly accounts: PayoutAccounts,
  ) {}

  /**
   * Payouts by status, member or run.
   *
   * @remarks Clerks see the held ones only (`status=held`, to follow up a missing or returned account).
   */
  @Get()
  @Roles('payment-operator', 'admin', 'compliance-officer', 'clerk')
  list(@Query() query: PayoutsQueryDto, @CurrentActor() actor: Actor): Promise<PayoutPageDto> {
    if (actor.role === 'clerk' && query.status !== 'held') {
      throw new ForbiddenError('held_payouts_only', 'clerks list held payouts only (status=held)', [
        { field: 'status', rule: 'held_payouts_only', message: 'clerks list held payouts only' },
      ]);
    }
    return this.queries.payouts(query);
  }

  /** One payout (its id is its claim's id). */
  @Get(':payoutId')
  @Roles('payment-operator', 'admin', 'compliance-officer')
  @RevisionETag()
  get(@Param('payoutId', UuidParam) payoutId: string): Promise<PayoutDto> {
    return this.queries.payout(payoutId);
  }

  /** A clerk gives the account of a held payout, with a reason; the payout is released with it (issue 13.2). */
  @Put(':payoutId/account')
  @Roles('clerk')
  @RevisionETag()
  replaceAccount(
    @Param('payoutId', UuidParam) payoutId: string,
    @Body() dto: PayoutAccountDto,
    @Ctx() ctx: CommandContext,
  ): Promise<PayoutAccountReplacedDto> {
    return this.accounts.replace(payoutId, dto, ctx);
  }
}
