import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isBusinessDate, yearMonth } from '@kenpo/kernel';

/** A real calendar day `YYYY-MM-DD` (2025-02-30 is refused at the DTO, so the error names the body field). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'calendarDate',
      validator: {
        validate: (value) => isBusinessDate(value),
        defaultMessage: () => '$property must be a real calendar date in the form YYYY-MM-DD',
      },
    },
    options,
  );
}

/** A month `YYYY-MM`. */
export function IsYearMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'yearMonth',
      validator: {
        validate: (value) => {
          try {
            yearMonth(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be a month in the form YYYY-MM',
      },
    },
    options,
  );
}
