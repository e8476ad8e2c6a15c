import { IsIn, IsString, Length, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = '$property must be a date in the form YYYY-MM-DD';

/** 資格確認書 on application (domain.md 6.4). */
export class EligibilityDocumentApplicationDto {
  @IsString() @Length(1, 64) personId!: string;
  @IsIn(['card-lost', 'card-renewal', 'needs-assistance']) reason!: 'card-lost' | 'card-renewal' | 'needs-assistance';
}

/** Whether the 資格確認書 whose return was requested came back. */
export class EligibilityDocumentReturnDto {
  @IsString() @Length(1, 64) personId!: string;
  @IsIn(['returned', 'not-returned']) outcome!: 'returned' | 'not-returned';
  @Matches(DATE, { message: DATE_MESSAGE }) on!: string;
}
