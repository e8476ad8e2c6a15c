import { IsOptional, Matches } from 'class-validator';
import { IsBusinessDate } from '@kenpo/platform/validation';

/** The identifiers on a card or 資格確認書, and the date to verify. */
export class EligibilityQuery {
  @Matches(/^\d{8}$/, { message: '$property (保険者番号) must be 8 digits' }) insurerNumber!: string;
  @Matches(/^[0-9A-Za-z]{1,8}$/, { message: '$property (記号) must be 1 to 8 letters or digits' }) symbol!: string;
  @Matches(/^[0-9A-Za-z]{1,20}$/, { message: '$property (番号) must be 1 to 20 letters or digits' }) number!: string;
  @Matches(/^\d{2}$/, { message: '$property (枝番) must be 2 digits' }) branch!: string;
  @IsBusinessDate() date!: string;
  @IsOptional() @Matches(/^-?\d+$/, { message: '$property must be an event position' }) minPosition?: string;
}

export class IdentifiersInForceDto {
  from!: string;
  until!: string | null;
}

/** Was the person these identifiers designate covered on `date`, and by which document? */
export class EligibilityAnswerDto {
  insurerNumber!: string;
  symbol!: string;
  number!: string;
  branch!: string;
  date!: string;
  covered!: boolean;
  /** What proves the coverage on that date */
  document!: 'linked-card' | 'eligibility-confirmation-document' | null;
  memberId!: string;
  personId!: string;
  role!: 'insured' | 'dependant';
  /** When these identifiers designated the person, around the date asked */
  identifiersInForce!: IdentifiersInForceDto | null;
  /** Why not covered */
  reason!: 'identifiers-not-in-force' | 'not-covered' | null;
}
