import { ValidateBy, type ValidationOptions } from 'class-validator';
import { FIRST_BUSINESS_DATE, isBusinessDate, isYearMonth, LAST_BUSINESS_DATE } from '@kenpo/kernel';

const RANGE = `between ${FIRST_BUSINESS_DATE} and ${LAST_BUSINESS_DATE}`;

/** A real calendar day `YYYY-MM-DD` in the range the society's records can hold (2025-02-30 and 9999-12-31 refused). */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'businessDate',
      validator: {
        validate: (value) => isBusinessDate(value),
        defaultMessage: () => `$property must be a real calendar date in the form YYYY-MM-DD, ${RANGE}`,
      },
    },
    options,
  );
}

/** A month `YYYY-MM` in the same range. */
export function IsYearMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'yearMonth',
      validator: {
        validate: (value) => isYearMonth(value),
        defaultMessage: () => `$property must be a month in the form YYYY-MM, ${RANGE}`,
      },
    },
    options,
  );
}
