import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CursorField, IsBusinessDate } from '@kenpo/platform/validation';

export class SearchMembersQuery {
  @IsOptional() @IsString() @Length(1, 20) officeCode?: string;
  @IsOptional() @IsIn(['active', 'lost', 'voluntary-continuation']) status?:
    'active' | 'lost' | 'voluntary-continuation';
  /** A prefix of the name in katakana; spaces and middle dots are ignored. */
  @IsOptional() @IsString() @Length(1, 100) nameKana?: string;
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{1,8}$/, { message: '$property (記号) must be 1 to 8 letters or digits' })
  symbol?: string;
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{1,20}$/, { message: '$property (番号) must be 1 to 20 letters or digits' })
  number?: string;
  @IsOptional() @IsBusinessDate() birthDate?: string;
  @CursorField() cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  /** Read-your-writes (see X-Min-Position); read by @MinPosition(). */
  @IsOptional() @Matches(/^-?\d+$/, { message: '$property must be an event position' }) minPosition?: string;
}

/** A member as found by search, with the status as of today. */
export class MemberSearchRowDto {
  memberId!: string;
  name!: string;
  nameKana!: string;
  dateOfBirth!: string;
  officeCode!: string;
  /** 記号 */
  symbol!: string;
  /** 番号 */
  number!: string;
  acquisitionDate!: string;
  /** `cancelled`: the enrollment was cancelled (取消), listed among the lost ones */
  status!: 'active' | 'lost' | 'voluntary-continuation' | 'cancelled';
  /** The loss date, recorded or statutory (75th birthday, end of continuation) once reached */
  lossDate!: string | null;
  /** The day after the 2 years of voluntary continuation, while it lasts */
  continuationLatestEnd?: string | null;
  /** The enrollment was cancelled (取消) */
  cancelled?: boolean;
}

export class MemberSearchPageDto {
  items!: MemberSearchRowDto[];
  /** Pass back as `cursor` for the next page; null on the last page */
  nextCursor!: string | null;
}
