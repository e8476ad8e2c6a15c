import { Body, Controller, Get, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { businessDate, Clock, RuleViolation } from '@kenpo/kernel';
import { Roles } from '@kenpo/platform';
import { UuidParam } from '@kenpo/platform/validation';
import { type CommandContext, Ctx, newAggregateId } from '../commands/command-context.js';
import { IdempotencyInterceptor } from '../commands/idempotency.interceptor.js';
import { LifecycleRuns } from './lifecycle-runs.service.js';
import { Accepts } from '../http/http-shape.js';
import { LifecycleRunDto, type LifecycleRunViewDto, RuleCountsDto } from './lifecycle-run.dto.js';

const uuid = new UuidParam();
/** Admins operate runs; clerks, who answer for membership records, may start one too. */
const STARTERS = ['admin', 'clerk'] as const;
const READERS = ['admin', 'clerk', 'compliance-officer'] as const;

/** POST /lifecycle-runs {date} (202, Location) and GET /lifecycle-runs/{id} with progress and counts per rule. */
@ApiTags('lifecycle')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@ApiExtraModels(RuleCountsDto)
@Controller('lifecycle-runs')
export class LifecycleRunsController {
  constructor(
    private readonly runs: LifecycleRuns,
    private readonly clock: Clock,
  ) {}

  /** Start the lifecycle run of a date: what the dates brought to every member, recorded as member events. */
  @Post()
  @Accepts((run: { runId: string }) => `/lifecycle-runs/${run.runId}`)
  @Roles(...STARTERS)
  async start(@Body() dto: LifecycleRunDto, @Ctx() ctx: CommandContext): Promise<LifecycleRunViewDto> {
    const date = businessDate(dto.date, 'date');
    if (date > this.clock.today()) {
      throw RuleViolation.of('date', 'not_in_future', 'a run records what dates up to today brought; not a later date');
    }
    const runId = newAggregateId(ctx, 'lifecycle-run');
    const run = await this.runs.request(runId, { runId, date, trigger: 'operator' }, ctx.actor, ctx.commandId);
    return run;
  }

  /** A lifecycle run with its progress and counts per rule. */
  @Get(':runId')
  @Roles(...READERS)
  get(@Param('runId', uuid) runId: string): Promise<LifecycleRunViewDto> {
    return this.runs.get(runId);
  }
}
