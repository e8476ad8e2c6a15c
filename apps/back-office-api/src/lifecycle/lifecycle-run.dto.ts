import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { LifecycleRule } from '@kenpo/membership';
import { ActorDto } from '../http/common-responses.dto.js';
import type { LifecycleRunDoc, LifecycleRunStatus, RuleCounts } from './lifecycle-run.js';

export class LifecycleRunDto {
  /** The business date (Japan) whose statutory consequences the run records; not later than today */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date in the form YYYY-MM-DD' }) date!: string;
}

export class RuleCountsDto implements RuleCounts {
  /** Actions found due */
  due!: number;
  /** Recorded by this run */
  recorded!: number;
  /** Found already recorded (by an earlier or a concurrent run, or a clerk) */
  alreadyRecorded!: number;
  /** Refused by the member's rules; listed in `failures` */
  failed!: number;
}

export class LifecycleProgressDto {
  membersScanned!: number;
  membersTotal!: number | null;
}

export class LifecycleFailureDto {
  memberId!: string;
  rule!: LifecycleRule;
  code!: string;
}

/** A daily lifecycle run: what the dates brought to every member, recorded as member events. */
export class LifecycleRunViewDto implements LifecycleRunDoc {
  /** Same as runId */
  id!: string;
  runId!: string;
  date!: string;
  trigger!: 'operator' | 'schedule' | 'cli';
  requestedBy!: ActorDto;
  requestedAt!: string;
  status!: LifecycleRunStatus;
  startedAt!: string | null;
  finishedAt!: string | null;
  progress!: LifecycleProgressDto;
  @ApiProperty({
    type: 'object',
    description: 'Counts per lifecycle rule (insured-age-75, voluntary-continuation-end, ...)',
    additionalProperties: { $ref: getSchemaPath(RuleCountsDto) },
  })
  counts!: Record<LifecycleRule, RuleCountsDto>;
  failures!: LifecycleFailureDto[];
  error!: string | null;
}
