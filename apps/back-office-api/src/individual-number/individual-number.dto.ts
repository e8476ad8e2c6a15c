import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { INDIVIDUAL_NUMBER_PURPOSE_CODES } from '@kenpo/security';

/**
 * The reveal body, for the API documentation only: the handler checks it (revealBodyViolations) so that every body
 * it refuses is audited as a refused attempt (issue 14.5).
 */
export class RevealIndividualNumberDto {
  @ApiProperty({ description: "'insured' or the dependantId", minLength: 1, maxLength: 64 })
  personId!: string;
  @ApiProperty({ enum: INDIVIDUAL_NUMBER_PURPOSE_CODES }) purpose!: string;
}

export class EraseIndividualNumbersDto {
  @ApiProperty({ description: 'why the numbers are deleted (e.g. retention period over); no personal data' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export const ACCESS_LOG_MAX_LIMIT = 200;
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_OR_INSTANT_MESSAGE = '$property must be a date (YYYY-MM-DD, Japan time) or an ISO-8601 instant with offset';

export class AccessLogQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ description: 'actor id (token subject)' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  actor?: string;
  @ApiPropertyOptional({ enum: ['revealed', 'refused'] }) @IsOptional() @IsIn(['revealed', 'refused']) outcome?:
    'revealed' | 'refused';
  @ApiPropertyOptional() @IsOptional() @Matches(DATE_OR_INSTANT, { message: DATE_OR_INSTANT_MESSAGE }) from?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE_OR_INSTANT, { message: DATE_OR_INSTANT_MESSAGE }) to?: string;
  @ApiPropertyOptional({ maximum: ACCESS_LOG_MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ACCESS_LOG_MAX_LIMIT)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,16}$/, { message: '$property must be the nextCursor of the previous page' })
  cursor?: string;
}
