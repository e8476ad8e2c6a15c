import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, ForbiddenError } from '@kenpo/kernel';
import { CurrentActor, Roles, UuidParam } from '@kenpo/platform';
import { PayoutsQueryDto } from './payout.dto.js';
import { PayoutQueries } from './payout-queries.service.js';

@ApiTags('payouts')
@ApiBearerAuth()
@Controller('payouts')
export class PayoutsController {
  constructor(private readonly queries: PayoutQueries) {}

  /** Payouts by status, member or run. Clerks see the held ones (to follow up a missing or returned account). */
  @Get()
  @Roles('payment-operator', 'admin', 'compliance-officer', 'clerk')
  list(@Query() query: PayoutsQueryDto, @CurrentActor() actor: Actor) {
    if (actor.role === 'clerk' && query.status !== 'held') {
      throw new ForbiddenError('held_payouts_only', 'clerks list held payouts only (status=held)', [
        { field: 'status', rule: 'held_payouts_only', message: 'clerks list held payouts only' },
      ]);
    }
    return this.queries.payouts(query);
  }

  @Get(':payoutId')
  @Roles('payment-operator', 'admin', 'compliance-officer')
  get(@Param('payoutId', UuidParam) payoutId: string) {
    return this.queries.payout(payoutId);
  }
}
