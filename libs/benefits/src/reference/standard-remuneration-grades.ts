import { gradeTableOn, RuleViolation, ValidationError, type BusinessDate } from '@kenpo/kernel';

/**
 * The grade (1-50) of a standard monthly remuneration amount in force on a date (domain.md 5; the table lives in
 * the kernel, shared with membership); amounts that are not in the table are refused.
 */
export function smrGradeOf(amount: number, on: BusinessDate, field = 'standardMonthlyRemuneration'): number {
  const table = gradeTableOn(on);
  // Older tables are not held: refusing beats guessing (as for every reference table, reference/lookup.ts).
  if (!table) throw RuleViolation.of('date', 'no_reference_data', `no standard remuneration table is held for ${on}`);
  const grade = table.find((g) => g.amount === amount);
  if (!grade)
    throw ValidationError.of(field, 'smr_table', 'must be an amount of the standard monthly remuneration table');
  return grade.grade;
}
