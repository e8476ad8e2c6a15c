import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsYearMonth, OneOf } from '@kenpo/platform/validation';

/** A standard monthly remuneration is given as the amount or as the grade, never both. */
const REMUNERATION = ['monthlyRemuneration', 'grade'];

const MY_NUMBER_MESSAGE = '$property must be 12 digits';

export class CardLinkageDto {
  @IsBusinessDate() linkedOn!: string;
}

export class EnrollMemberDto {
  @Matches(/^\d{12}$/, { message: MY_NUMBER_MESSAGE }) individualNumber!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsString() @Length(1, 100) nameKana!: string;
  @IsBusinessDate() dateOfBirth!: string;
  @IsIn(['male', 'female']) sex!: 'male' | 'female';
  @Matches(/^\d{3}-?\d{4}$/, { message: '$property must be a postal code like 100-0001' }) postalCode!: string;
  @IsString() @Length(1, 200) address!: string;
  @IsString() @Length(1, 20) officeCode!: string;
  @Matches(/^[0-9A-Za-z]{1,8}$/, { message: '$property (記号) must be 1 to 8 letters or digits' }) symbol!: string;
  @IsBusinessDate() acquisitionDate!: string;
  @OneOf(REMUNERATION) @IsInt() @Min(1) monthlyRemuneration?: number;
  @OneOf(REMUNERATION) @IsInt() @Min(1) @Max(50) grade?: number;
  @IsOptional() @ValidateNested() @Type(() => CardLinkageDto) cardLinkage?: CardLinkageDto;
}

export class JobChangeDto {
  @IsBoolean() withinSociety!: boolean;
  @IsString() @Length(1, 20) officeCode!: string;
  @Matches(/^[0-9A-Za-z]{1,8}$/, { message: '$property (記号) must be 1 to 8 letters or digits' }) symbol!: string;
  @IsBusinessDate() effectiveDate!: string;
}

export class RemunerationRevisionDto {
  @IsYearMonth()
  effectiveFrom!: string;
  @IsIn(['periodic', 'occasional', 'other']) kind!: 'periodic' | 'occasional' | 'other';
  @OneOf(REMUNERATION) @IsInt() @Min(1) monthlyRemuneration?: number;
  @OneOf(REMUNERATION) @IsInt() @Min(1) @Max(50) grade?: number;
}

export class ResidenceDto {
  @IsBoolean() inJapan!: boolean;
  @IsOptional()
  @IsIn([
    'overseas-student',
    'accompanying-posted-insured',
    'temporary-travel',
    'relationship-formed-abroad',
    'life-base-in-japan',
  ])
  exception?:
    | 'overseas-student'
    | 'accompanying-posted-insured'
    | 'temporary-travel'
    | 'relationship-formed-abroad'
    | 'life-base-in-japan';
  @IsOptional() @IsIn(['medical-stay', 'long-stay-sightseeing']) excludedVisa?:
    'medical-stay' | 'long-stay-sightseeing';
}

export const RELATIONSHIPS = [
  'spouse',
  'common-law-spouse',
  'child',
  'grandchild',
  'parent',
  'grandparent',
  'great-grandparent',
  'sibling',
  'other-relative-within-third-degree',
  'common-law-spouse-parent',
  'common-law-spouse-child',
] as const;

export class RecognizeDependantDto {
  @IsIn(RELATIONSHIPS) relationship!: (typeof RELATIONSHIPS)[number];
  @Matches(/^\d{12}$/, { message: MY_NUMBER_MESSAGE }) individualNumber!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsString() @Length(1, 100) nameKana!: string;
  @IsBusinessDate() dateOfBirth!: string;
  @IsIn(['male', 'female']) sex!: 'male' | 'female';
  @IsBusinessDate() recognizedFrom!: string;
  @IsInt() @Min(0) expectedAnnualIncome!: number;
  @IsBoolean() sameHousehold!: boolean;
  @IsOptional() @IsInt() @Min(0) monthlyRemittance?: number;
  @ValidateNested() @Type(() => ResidenceDto) residence!: ResidenceDto;
  @IsBoolean() disabled!: boolean;
  @IsOptional() @IsInt() @Min(0) insuredAnnualIncome?: number;
  @IsOptional() @IsBoolean() insuredIsMainEarner?: boolean;
  @IsOptional() @ValidateNested() @Type(() => CardLinkageDto) cardLinkage?: CardLinkageDto;
}

export class RemoveDependantDto {
  @IsIn(['income-exceeded', 'employment', 'death', 'age-75', 'separation', 'divorce', 'residence', 'other'])
  reason!: 'income-exceeded' | 'employment' | 'death' | 'age-75' | 'separation' | 'divorce' | 'residence' | 'other';
  @IsOptional() @IsBusinessDate() lossDate?: string;
}

export class LinkCardDto {
  @IsString() @Length(1, 64) personId!: string;
  @IsBusinessDate() linkedOn!: string;
}

export class CardLinkageCancellationDto {
  @IsString() @Length(1, 64) personId!: string;
  @IsBusinessDate() requestedOn!: string;
}

export class CertificateExpiryDto {
  @IsString() @Length(1, 64) personId!: string;
  @IsBusinessDate() expiresOn!: string;
}

/** A Japanese bank account as Zengin transfers need it (domain.md 7, 8). */
export class BankAccountDto {
  @Matches(/^\d{4}$/, { message: '$property must be 4 digits' }) bankCode!: string;
  @Matches(/^\d{3}$/, { message: '$property must be 3 digits' }) branchCode!: string;
  @IsIn(['ordinary', 'current', 'savings']) accountType!: 'ordinary' | 'current' | 'savings';
  @Matches(/^\d{7}$/, { message: '$property must be 7 digits' }) accountNumber!: string;
  @IsString() @Length(1, 30) holderName!: string;
}

/** 公金受取口座 of the insured. */
export class PublicFundsAccountDto extends BankAccountDto {}

export class LossOfEligibilityDto {
  @IsIn(['retirement', 'death', 'age-75', 'other-insurer', 'other'])
  reason!: 'retirement' | 'death' | 'age-75' | 'other-insurer' | 'other';
  /** retirement */
  @IsOptional() @IsBusinessDate() lastWorkingDay?: string;
  /** death */
  @IsOptional() @IsBusinessDate() dateOfDeath?: string;
  /** other-insurer, other */
  @IsOptional() @IsBusinessDate() lossDate?: string;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class VoluntaryContinuationDto {
  @IsBusinessDate() applicationDate!: string;
}

export class EndVoluntaryContinuationDto {
  @IsIn(['two-years-elapsed', 'death', 'premium-unpaid', 'insured-elsewhere', 'age-75', 'own-request'])
  reason!: 'two-years-elapsed' | 'death' | 'premium-unpaid' | 'insured-elsewhere' | 'age-75' | 'own-request';
  @IsOptional() @IsBusinessDate() date?: string;
}

/** How automatic benefits are paid (issue 13.4): the public-funds opt-in, or a benefit account of the insured. */
export class AutomaticBenefitPaymentDto {
  @IsIn(['public-funds', 'account']) method!: 'public-funds' | 'account';
  @ValidateIf((o: AutomaticBenefitPaymentDto) => o.method === 'account')
  @ValidateNested()
  @Type(() => BankAccountDto)
  account?: BankAccountDto;
}
