import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { HISTORY_MAX_LIMIT } from './member-history.js';
import { CursorField, IsBusinessDate } from '@kenpo/platform/validation';

const INSTANT_MESSAGE = '$property must be an ISO-8601 timestamp with a time zone, e.g. 2025-04-01T00:00:00Z';
/** A full timestamp with an offset: a bare date would be read in the server's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class HistoryQueryDto {
  @CursorField() cursor?: string;
  @ApiPropertyOptional({ maximum: HISTORY_MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(HISTORY_MAX_LIMIT)
  limit?: number;
}

export class StateQueryDto {
  @ApiPropertyOptional({
    description: 'Recording-time axis: only events recorded at or before this instant (default now)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  asOf?: string;
  @ApiPropertyOptional({ description: 'Business-date axis: the state in effect on this date (default today, Japan)' })
  @IsOptional()
  @IsBusinessDate()
  effectiveOn?: string;
}

export class EligibilityQueryDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ example: 'insured' }) @IsString() @Length(1, 64) personId!: string;
  @ApiProperty() @IsBusinessDate() date!: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  asOf?: string;
}

export class ExportQueryDto {
  @ApiProperty({ description: 'Recorded at or after (inclusive)' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  from!: string;
  @ApiProperty({ description: 'Recorded before (exclusive)' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  to!: string;
}
