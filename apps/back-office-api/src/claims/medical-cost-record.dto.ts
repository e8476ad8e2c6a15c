import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsYearMonth } from '@kenpo/platform/validation';

export const MAX_RECORDS_PER_BATCH = 10_000;

/** One receipt (レセプト): a person's month at one institution, in- or outpatient (domain.md 4.5). */
export class MedicalCostRecordDto {
  @IsString() @Length(1, 64) memberId!: string;
  /** 'insured' or the dependantId of a dependant. */
  @IsString() @Length(1, 64) personId!: string;
  @IsYearMonth() month!: string;
  @IsString() @Length(1, 20) institution!: string;
  @IsIn(['inpatient', 'outpatient']) setting!: 'inpatient' | 'outpatient';
  @IsOptional() @IsBoolean() dental?: boolean;
  @IsInt() @Min(0) totalMedicalCost!: number;
  /** Co-payment actually paid, meal and living standard charges excluded. */
  @IsInt() @Min(0) copaymentPaid!: number;
  @IsBoolean() ceilingAppliedAtCounter!: boolean;
}

export class MedicalCostRecordsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RECORDS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => MedicalCostRecordDto)
  records!: MedicalCostRecordDto[];
}
