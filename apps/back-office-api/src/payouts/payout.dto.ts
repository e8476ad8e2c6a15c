import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_RECORD_AMOUNT } from '@kenpo/payouts';
import { CursorField, IsBusinessDate } from '@kenpo/platform/validation';

import { BankAccountDto } from '../members/member.dto.js';

export const RUN_ID = /^run-\d{8}-\d{4}(-[0-9a-f]{8})?$/;

export class BankResultDto {
  /** The data record (0-based, in file order) or the payout id: one of the two. */
  @IsOptional() @IsInt() @Min(0) recordIndex?: number;
  @IsOptional() @IsString() @Length(1, 64) payoutId?: string;
  @IsIn(['accepted', 'returned']) outcome!: 'accepted' | 'returned';
  /** The bank's 不能/return code; required when returned. */
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{1,8}$/, { message: '$property must be 1 to 8 letters or digits' })
  reasonCode?: string;
}

export class BankResultsDto {
  @ArrayMinSize(1)
  @ArrayMaxSize(999_999)
  @ValidateNested({ each: true })
  @Type(() => BankResultDto)
  results!: BankResultDto[];
  /** The business date the results were received; defaults to today (Japan). */
  @IsOptional() @IsBusinessDate() receivedOn?: string;
}

export class PayoutsQueryDto {
  @IsOptional() @IsIn(['due', 'held', 'instructed', 'settled']) status?: 'due' | 'held' | 'instructed' | 'settled';
  @IsOptional() @IsUUID() memberId?: string;
  @IsOptional()
  @Matches(RUN_ID, { message: '$property must be a run id (run-YYYYMMDD-HHmm[-xxxxxxxx])' })
  runId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @CursorField() cursor?: string;
}

const RUN_STATUSES = ['requested', 'planned', 'created', 'settled', 'nothing-to-pay', 'voided'] as const;

export class PayoutRunsQueryDto {
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: (typeof RUN_STATUSES)[number];
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @CursorField() cursor?: string;
}

/** PUT /payout-schedule: a new cron pattern (Asia/Tokyo) for scheduled payout runs. */
export class PayoutScheduleDto {
  @IsString() @Length(9, 100) pattern!: string;
  @IsString() @Length(1, 500) reason!: string;
}

/** Pause or resume of the payout schedule: why, for the record. */
export class PayoutScheduleChangeDto {
  @IsString() @Length(1, 500) reason!: string;
}

/** PUT /payouts/{payoutId}/account: the account a clerk gives a held payout (issue 13.2), and why. */
export class PayoutAccountDto extends BankAccountDto {
  @IsString() @Length(1, 500) reason!: string;
}

/** POST /benefit-claims/{claimId}/recoveries: 返納金 found on an approved or paid claim (issue 13.6). */
export class RecoveryDto {
  @IsInt() @Min(1) @Max(MAX_RECORD_AMOUNT) amount!: number;
  /** Why the claim paid too much (a code such as found-wrong, or a short sentence). */
  @IsString() @Length(1, 200) reason!: string;
  @IsOptional() @IsString() @Length(0, 1000) detail?: string;
}

/** POST /recoveries/{recoveryId}/repayments: money the payee paid back directly. */
export class RepaymentDto {
  @IsInt() @Min(1) @Max(MAX_RECORD_AMOUNT) amount!: number;
  /** The business date it was received; defaults to today (Japan). */
  @IsOptional() @IsBusinessDate() receivedOn?: string;
  @IsOptional() @IsString() @Length(0, 500) note?: string;
}

export class RecoveriesQueryDto {
  @IsOptional() @IsIn(['outstanding', 'recovered', 'refund-due']) status?: 'outstanding' | 'recovered' | 'refund-due';
  @IsOptional() @IsUUID() memberId?: string;
  @IsOptional() @IsUUID() claimId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @CursorField() cursor?: string;
}
