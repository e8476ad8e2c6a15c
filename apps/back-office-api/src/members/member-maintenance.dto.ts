import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = '$property must be a date in the form YYYY-MM-DD';

/** 氏名変更 of the insured ('insured') or of a dependant (its dependantId). */
export class NameChangeDto {
  @IsString() @Length(1, 64) personId!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsString() @Length(1, 100) nameKana!: string;
  @Matches(DATE, { message: DATE_MESSAGE }) effectiveDate!: string;
}

export class AddressChangeDto {
  @Matches(/^\d{3}-\d{4}$/, { message: '$property must be a postal code like 100-0001' }) postalCode!: string;
  @IsString() @Length(1, 200) address!: string;
  @Matches(DATE, { message: DATE_MESSAGE }) effectiveDate!: string;
}

/** 取消 of the latest recorded fact of a kind; `dependantId` for the dependant targets. */
export class CancellationDto {
  @IsIn(['acquisition', 'loss', 'job-change', 'dependant-recognition', 'dependant-removal'])
  target!: 'acquisition' | 'loss' | 'job-change' | 'dependant-recognition' | 'dependant-removal';
  @IsOptional() @IsString() @Length(1, 64) dependantId?: string;
  /** Why the fact was wrong: kept with the compensating event. */
  @IsString() @Length(1, 500) reason!: string;
}
