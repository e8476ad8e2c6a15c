import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsBusinessDate, IsYearMonth } from '@kenpo/platform/validation';

/**
 * The facts of a benefit as a clerk reads them off the claim form, by kind. What the society already knows
 * (remuneration history, dates of birth, the loss of a voluntary continuation) is not asked for: the handler
 * takes it from the member's stream and the breakdown shows it.
 */
export const CLAIMED_KINDS = [
  'sickness-allowance',
  'maternity-allowance',
  'childbirth-grant',
  'family-childbirth-grant',
  'burial-allowance',
  'burial-expenses',
  'family-burial-allowance',
  'medical-expense-reimbursement',
  'home-visit-nursing',
  'inpatient-meal-expenses',
  'transport-expenses',
  'premium-refund',
] as const;
export type ClaimedKind = (typeof CLAIMED_KINDS)[number];

const MAX_RANGES = 400;

export class DateRangeDto {
  @IsBusinessDate() from!: string;
  @IsBusinessDate() to!: string;
}

export class DailyAmountRangeDto extends DateRangeDto {
  @IsInt() @Min(0) dailyAmount!: number;
}

/** The body's `benefit` when its kind is unknown: only `kind` is checked (and named in the 400). */
export class BenefitDto {
  @IsIn(CLAIMED_KINDS, { message: `$property must be one of ${CLAIMED_KINDS.join(', ')}` }) kind!: ClaimedKind;
}

export class SicknessAllowanceDto {
  @IsIn(['sickness-allowance']) kind!: 'sickness-allowance';
  @IsArray()
  @ArrayMaxSize(MAX_RANGES)
  @ValidateNested({ each: true })
  @Type(() => DateRangeDto)
  daysUnableToWork!: DateRangeDto[];
  @ValidateNested() @Type(() => DateRangeDto) claimPeriod!: DateRangeDto;
  @IsOptional() @IsBusinessDate() firstPaymentDay?: string;
  @IsInt() @Min(0) previouslyPaidDays!: number;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RANGES)
  @ValidateNested({ each: true })
  @Type(() => DailyAmountRangeDto)
  salaryPaid?: DailyAmountRangeDto[];
  // No maternityAllowancePaid: the 出産手当金 priority is computed from approved claims (issue 13.5), never typed.
}

export class MaternityAllowanceDto {
  @IsIn(['maternity-allowance']) kind!: 'maternity-allowance';
  @IsBusinessDate() expectedBirthDate!: string;
  @IsOptional() @IsBusinessDate() actualBirthDate?: string;
  @IsBoolean() multiplePregnancy!: boolean;
  @IsArray()
  @ArrayMaxSize(MAX_RANGES)
  @ValidateNested({ each: true })
  @Type(() => DateRangeDto)
  daysOffWork!: DateRangeDto[];
  @ValidateNested() @Type(() => DateRangeDto) claimPeriod!: DateRangeDto;
  @IsOptional() @IsBusinessDate() firstPaymentDay?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RANGES)
  @ValidateNested({ each: true })
  @Type(() => DailyAmountRangeDto)
  salaryPaid?: DailyAmountRangeDto[];
}

export class ChildbirthGrantDto {
  @IsIn(['childbirth-grant', 'family-childbirth-grant']) kind!: 'childbirth-grant' | 'family-childbirth-grant';
  @IsBusinessDate() birthDate!: string;
  @IsInt() @Min(1) @Max(10) numberOfBabies!: number;
  @IsBoolean() obstetricCompensation!: boolean;
  @IsOptional() @IsInt() @Min(0) paidDirectlyToInstitution?: number;
}

export class FuneralDto {
  @IsIn(['burial-allowance', 'burial-expenses', 'family-burial-allowance'])
  kind!: 'burial-allowance' | 'burial-expenses' | 'family-burial-allowance';
  @IsBusinessDate() dateOfDeath!: string;
  @IsOptional() @IsBusinessDate() burialDate?: string;
  @IsOptional() @IsInt() @Min(0) burialCost?: number;
  @IsOptional() @IsBoolean() stillbirth?: boolean;
}

export class ReimbursementDto {
  @IsIn(['medical-expense-reimbursement', 'home-visit-nursing']) kind!:
    'medical-expense-reimbursement' | 'home-visit-nursing';
  @IsBusinessDate() treatmentDate!: string;
  @IsBusinessDate() paidOn!: string;
  @IsInt() @Min(0) recognizedCost!: number;
  @IsInt() @Min(0) amountPaid!: number;
  /** 現役並み所得 at 70-74 (a fact of the income certification, not held in the member's stream). */
  @IsOptional() @IsBoolean() activeIncome?: boolean;
}

export class InpatientMealsDto {
  @IsIn(['inpatient-meal-expenses']) kind!: 'inpatient-meal-expenses';
  @ValidateNested() @Type(() => DateRangeDto) stay!: DateRangeDto;
  @IsInt() @Min(1) meals!: number;
  @IsIn(['general', 'low-income', 'low-income-long-stay', 'low-income-1', 'designated-intractable'])
  category!: 'general' | 'low-income' | 'low-income-long-stay' | 'low-income-1' | 'designated-intractable';
  @IsInt() @Min(0) amountPaid!: number;
  @IsBusinessDate() paidOn!: string;
}

export class TransportDto {
  @IsIn(['transport-expenses']) kind!: 'transport-expenses';
  @IsBusinessDate() transportDate!: string;
  @IsBusinessDate() paidOn!: string;
  @IsInt() @Min(0) assessedCost!: number;
  @IsInt() @Min(0) actualCost!: number;
}

export class PrepaidMonthDto {
  @IsYearMonth() month!: string;
  @IsInt() @Min(0) amountPaid!: number;
}

/** The loss date and its reason come from the member's voluntary continuation; the clerk lists what was prepaid. */
export class PremiumRefundDto {
  @IsIn(['premium-refund']) kind!: 'premium-refund';
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => PrepaidMonthDto)
  prepaidMonths!: PrepaidMonthDto[];
}

export type BenefitFactsDto =
  | SicknessAllowanceDto
  | MaternityAllowanceDto
  | ChildbirthGrantDto
  | FuneralDto
  | ReimbursementDto
  | InpatientMealsDto
  | TransportDto
  | PremiumRefundDto;

const BY_KIND: Record<ClaimedKind, new () => BenefitFactsDto> = {
  'sickness-allowance': SicknessAllowanceDto,
  'maternity-allowance': MaternityAllowanceDto,
  'childbirth-grant': ChildbirthGrantDto,
  'family-childbirth-grant': ChildbirthGrantDto,
  'burial-allowance': FuneralDto,
  'burial-expenses': FuneralDto,
  'family-burial-allowance': FuneralDto,
  'medical-expense-reimbursement': ReimbursementDto,
  'home-visit-nursing': ReimbursementDto,
  'inpatient-meal-expenses': InpatientMealsDto,
  'transport-expenses': TransportDto,
  'premium-refund': PremiumRefundDto,
};

/** class-transformer picks the DTO by `kind`; an unknown kind falls back to BenefitDto. */
export const BENEFIT_SUBTYPES = Object.entries(BY_KIND).map(([name, value]) => ({ name, value }));
