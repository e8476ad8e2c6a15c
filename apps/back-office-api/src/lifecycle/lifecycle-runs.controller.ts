import { Body, Controller, Get, HttpCode, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Response } from 'express';
import { businessDate, Clock, RuleViolation } from '@kenpo/kernel';
import { Roles, UuidParam } from '@kenpo/platform';
import { type CommandContext, Ctx, newAggregateId } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { LifecycleRuns } from './lifecycle-runs.service.js';

export class LifecycleRunDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date in the form YYYY-MM-DD' }) date!: string;
}

const uuid = new UuidParam();
/** Admins operate runs; clerks, who answer for membership records, may start one too. */
const STARTERS = ['admin', 'clerk'] as const;
const READERS = ['admin', 'clerk', 'compliance-officer'] as const;

/** POST /lifecycle-runs {date} (202, Location) and GET /lifecycle-runs/{id} with progress and counts per rule. */
@ApiTags('lifecycle')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('lifecycle-runs')
export class LifecycleRunsController {
  constructor(
    private readonly runs: LifecycleRuns,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles(...STARTERS)
  async start(@Body() dto: LifecycleRunDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const date = businessDate(dto.date, 'date');
    if (date > this.clock.today()) {
      throw RuleViolation.of('date', 'not_in_future', 'a run records what dates up to today brought; not a later date');
    }
    const runId = newAggregateId(ctx, 'lifecycle-run');
    const run = await this.runs.request(runId, { runId, date, trigger: 'operator' }, ctx.actor, ctx.commandId);
    res.location(`/lifecycle-runs/${runId}`);
    return run;
  }

  @Get(':runId')
  @Roles(...READERS)
  get(@Param('runId', uuid) runId: string) {
    return this.runs.get(runId);
  }
}
