import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_LIMIT } from '@kenpo/read-models';
import { BENEFIT_SUBTYPES, BenefitDto, type BenefitFactsDto } from './benefit-facts.dto.js';
import { IsBusinessDate } from '@kenpo/platform/validation';
import { AutomaticBenefitPaymentDto } from '../members/member.dto.js';
import { CursorField } from '@kenpo/platform/validation';

export const PAYEE_KINDS = ['insured', 'burial-performer', 'heir', 'receiving-agent'] as const;

/** The member's registered public-funds account, opted into for this claim (domain.md 7), or an account written on it. */
export class PaymentDto extends AutomaticBenefitPaymentDto {}

/** Who is paid when not the insured (issue 13.3): the burial performer, an heir, the employer's 給付金受領代理人. */
export class PayeeDto {
  @IsIn(PAYEE_KINDS) kind!: (typeof PAYEE_KINDS)[number];
  @ValidateIf((o: PayeeDto) => o.kind !== 'insured') @IsString() @Length(1, 60) name?: string;
  @IsOptional() @IsString() @MaxLength(30) relationship?: string;
}

export class SubmitBenefitClaimDto {
  /** 'insured' or the dependantId of a dependant. */
  @IsString() @Length(1, 64) personId!: string;
  @ApiProperty({
    description: 'The facts of the benefit claimed, by kind',
    oneOf: [...new Set(BENEFIT_SUBTYPES.map(({ value }) => value))].map((value) => ({ $ref: getSchemaPath(value) })),
    discriminator: {
      propertyName: 'kind',
      mapping: Object.fromEntries(BENEFIT_SUBTYPES.map(({ name, value }) => [name, getSchemaPath(value)])),
    },
  })
  @ValidateNested()
  @Type(() => BenefitDto, {
    discriminator: { property: 'kind', subTypes: BENEFIT_SUBTYPES },
    keepDiscriminatorProperty: true,
  })
  benefit!: BenefitFactsDto;
  @ValidateNested() @Type(() => PaymentDto) payment!: PaymentDto;
  /** The insured when absent. */
  @IsOptional() @ValidateNested() @Type(() => PayeeDto) payee?: PayeeDto;
  /** The day the society received the claim (limitation, domain.md 4.9); today by default. */
  @IsOptional() @IsBusinessDate() submittedOn?: string;
}

/** Where domain.md allows a second claim for an insured event already paid (issue 13.5), the approver says why. */
export class DuplicateOverrideDto {
  @IsString() @Length(1, 500) reason!: string;
}

export class ApprovalDto {
  @IsOptional() @ValidateNested() @Type(() => DuplicateOverrideDto) duplicateOverride?: DuplicateOverrideDto;
}

export class RejectionDto {
  @IsString() @Length(1, 500) reason!: string;
}

export class WithdrawalDto {
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;

export class ListClaimsQueryDto {
  @IsOptional() @IsIn(CLAIM_STATUSES) status?: (typeof CLAIM_STATUSES)[number];
  @IsOptional() @IsUUID() memberId?: string;
  @IsOptional() @IsString() @MaxLength(40) kind?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT) limit?: number;
  @CursorField() cursor?: string;
  /** Read-your-writes: wait (briefly) until the list includes the command answered at this position. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) minPosition?: number;
}
